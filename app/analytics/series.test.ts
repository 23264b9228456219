import { describe, expect, it } from "vitest";
import { hotspotLabels, repurchaseSeries, spikeLabel, type RepurchaseRow } from "./series";

const row = (segment: string, r30: number | null, r60: number | null, r90: number | null): RepurchaseRow => ({
  segment,
  customers: 100,
  rate_30d: r30,
  rate_60d: r60,
  rate_90d: r90,
});

describe("the repurchase chart's series", () => {
  it("plots the figures of the table's longest window that has any, not an empty 90-day window as 0%", () => {
    // A recent range: nobody has been observed for 90 days yet, so the table shows – for 90 days.
    const rows = [row("No contact", 0.21, 0.3, null), row("Contacted: bot only", 0.25, null, null)];
    const { window, data } = repurchaseSeries(rows);
    expect(window).toBe(60);
    expect(data).toEqual([{ label: "No contact", value: 0.3 }]);
    expect(data.every((d) => d.value > 0)).toBe(true);
  });

  it("uses the 90-day figures when the table has them, segment by segment", () => {
    const rows = [row("No contact", 0.1, 0.2, 0.31), row("Refunded", 0.15, 0.25, 0.4), row("Replaced", 0, 0, 0)];
    const { window, data } = repurchaseSeries(rows);
    expect(window).toBe(90);
    expect(data).toEqual(rows.map((r) => ({ label: r.segment, value: r.rate_90d })));
  });

  it("has nothing to plot when no window has figures", () => {
    expect(repurchaseSeries([row("No contact", null, null, null)])).toEqual({ window: null, data: [] });
    expect(repurchaseSeries([])).toEqual({ window: null, data: [] });
  });
});

describe("hotspot labels", () => {
  it("names intents in the merchant's words and says what is missing instead of 'unknown'", () => {
    expect(hotspotLabels({ intent: "order_status", product: "unknown", carrier: "UPS", region: "US-CA" })).toEqual({
      intent: "Where is my order",
      product: "No order linked",
      carrier: "UPS",
      region: "US-CA",
    });
    expect(hotspotLabels({ intent: "unknown", product: null, carrier: null, region: null }).intent).toBe(
      "Topic not recognised"
    );
    for (const code of ["track_order", "complaint", "get_refund", "late_delivery", "damaged_item"]) {
      expect(hotspotLabels({ intent: code, product: "x", carrier: "x", region: "x" }).intent).not.toMatch(/_/);
    }
  });

  it("describes a spike by the dimensions it is about", () => {
    expect(spikeLabel({ intent: "complaint", product: "all", carrier: "UPS", region: "all" })).toBe("Complaint · UPS");
    expect(spikeLabel({ intent: "all", product: "Trail Runner Shoes", carrier: "all", region: "all" })).toBe(
      "Trail Runner Shoes"
    );
  });
});

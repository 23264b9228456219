import { beforeAll, describe, expect, it } from "vitest";
import { END, freshWarehouse, SHOP_A, SHOP_B } from "../test/fixture";
import { generateHistory } from "./generate";
import { openWarehouse } from "./duck";
import { loadWarehouse } from "./load";
import { SyntheticOrderSource } from "./orders";
import {
  analyticsForShop,
  botDeflection,
  complaintHotspots,
  parseRange,
  repurchaseAfterSupport,
  returnReasons,
  serviceKpis,
} from "./queries";

const config = freshWarehouse();
const everything = { from: "2000-01-01", to: "2100-01-01" };

beforeAll(async () => {
  // Shop B gets more history, so a query that leaked across shops could not come out right by coincidence.
  generateHistory({
    sqlitePath: config.sqlitePath,
    syntheticDir: config.syntheticDir,
    shops: [SHOP_B],
    conversations: 37,
    seed: 3,
    end: END,
    days: 120,
  });
  await loadWarehouse({ config, orderSource: new SyntheticOrderSource(config.syntheticDir) });
});

describe("the Analytics page's queries", () => {
  it("answers for the signed-in shop only", async () => {
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      // Each shop's figures equal what the marts hold for that shop alone, and differ between the two shops.
      const totals: Record<string, number> = {};
      for (const shop of [SHOP_A, SHOP_B]) {
        const deflection = await botDeflection(wh.conn, shop, everything);
        const fromPage = deflection.weekly.reduce((n, w) => n + Number(w.conversations), 0);
        const reader = await wh.conn.runAndReadAll("select count(*) from raw.conversations where shop = $shop", {
          shop,
        });
        expect(fromPage).toBe(Number(reader.getRows()[0][0]));
        totals[shop] = fromPage;
      }
      expect(totals[SHOP_B] - totals[SHOP_A]).toBe(37);
      // A shop with no data sees nothing at all, not someone else's rows.
      const stranger = "someone-else.myshopify.com";
      expect((await botDeflection(wh.conn, stranger, everything)).weekly).toEqual([]);
      expect((await complaintHotspots(wh.conn, stranger, everything)).top).toEqual([]);
      expect((await serviceKpis(wh.conn, stranger, everything)).byAgent).toEqual([]);
      expect(await repurchaseAfterSupport(wh.conn, stranger, everything)).toEqual([]);
      expect((await returnReasons(wh.conn, stranger, everything)).byReason).toEqual([]);
      // The shop is a bound parameter: an injection attempt is just an unknown shop.
      expect((await botDeflection(wh.conn, `${SHOP_A}' or '1'='1`, everything)).weekly).toEqual([]);
    } finally {
      wh.close();
    }
  });

  it("gives the page everything it shows, for a date range", async () => {
    const answer = await analyticsForShop(config.warehousePath, SHOP_A, { from: "2026-08-01", to: "2026-10-31" });
    expect(answer.status).toBe("ok");
    if (answer.status !== "ok") return;
    const { data } = answer;
    expect(data.deflection.weekly.length).toBeGreaterThan(5);
    expect(data.deflection.weekly.every((w) => String(w.week) >= "2026-07-27" && String(w.week) <= "2026-10-31")).toBe(
      true
    );
    expect(data.service.overall?.conversations).toBeGreaterThan(0);
    expect(data.hotspots.top.length).toBeGreaterThan(0);
    expect(data.repurchase.map((r) => r.segment)).toContain("No contact");
    expect(data.loadedAt).toBeTruthy();
  });

  it("keeps hotspot cells with no recognised topic or no order out of the top list, and counts them", async () => {
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      const unknownCell = (h: Record<string, unknown>) =>
        h.intent === "unknown" || (h.product === "unknown" && h.carrier === "unknown" && h.region === "unknown");
      const all = await complaintHotspots(wh.conn, SHOP_A, everything, { includeUnclassified: true });
      const reader = await wh.conn.runAndReadAll(
        `select coalesce(sum(complaint_or_negative), 0) from marts.complaint_hotspots where shop = $shop
         and grain = 'detail' and (intent = 'unknown' or (product = 'unknown' and carrier = 'unknown' and region = 'unknown'))`,
        { shop: SHOP_A }
      );
      const expected = Number(reader.getRows()[0][0]);
      // The fixture has such cells, so the filter is exercised, and they would be listed when asked for.
      expect(expected).toBeGreaterThan(0);
      expect(all.unclassified).toBe(expected);
      expect(all.top.some(unknownCell)).toBe(true);
      const shown = await complaintHotspots(wh.conn, SHOP_A, everything);
      expect(shown.unclassified).toBe(expected);
      expect(shown.top.length).toBeGreaterThan(0);
      expect(shown.top.some(unknownCell)).toBe(false);
    } finally {
      wh.close();
    }
  });

  it("counts every return the app recorded under the reason the shopper gave", async () => {
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      const { byReason, top } = await returnReasons(wh.conn, SHOP_A, everything);
      const reader = await wh.conn.runAndReadAll(
        "select coalesce(reason, 'UNKNOWN'), count(*) from raw.outcomes where shop = $shop and kind = 'return' group by 1",
        { shop: SHOP_A }
      );
      const expected = Object.fromEntries(reader.getRows().map(([reason, n]) => [String(reason), Number(n)]));
      expect(Object.keys(expected).length).toBeGreaterThan(1);
      expect(Object.fromEntries(byReason.map((r) => [r.reason, r.returns]))).toEqual(expected);
      expect(byReason.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 6);
      // Sorted worst first, and the per-product cells never exceed their reason's total.
      expect(byReason.map((r) => r.returns)).toEqual([...byReason.map((r) => r.returns)].sort((a, b) => b - a));
      for (const cell of top) expect(cell.returns).toBeLessThanOrEqual(expected[cell.reason]);
    } finally {
      wh.close();
    }
  });

  it("says so when there is no warehouse yet", async () => {
    const answer = await analyticsForShop(`${config.dir}/missing.duckdb`, SHOP_A, everything);
    expect(answer.status).toBe("empty");
  });

  it("reads a date range from the URL safely", () => {
    const today = new Date("2026-10-31T10:00:00Z");
    expect(parseRange(null, null, today)).toEqual({ from: "2026-08-08", to: "2026-10-31" });
    expect(parseRange("2026-09-01", "2026-09-30", today)).toEqual({ from: "2026-09-01", to: "2026-09-30" });
    expect(parseRange("2026-09-30", "2026-09-01", today)).toEqual({ from: "2026-09-01", to: "2026-09-30" });
    expect(parseRange("'; drop table x; --", null, today).from).toBe("2026-08-08");
  });
});

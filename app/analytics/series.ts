import { INTENT_LABELS, label } from "../components/labels";

/** What the Analytics page needs from a repurchase row (see repurchaseAfterSupport in analytics/src/queries.ts). */
export interface RepurchaseRow {
  segment: string;
  customers: number;
  rate_30d: number | null;
  rate_60d: number | null;
  rate_90d: number | null;
}

export const REPURCHASE_WINDOWS = [30, 60, 90] as const;
export type RepurchaseWindow = (typeof REPURCHASE_WINDOWS)[number];

/**
 * The bars beside the repurchase table. A window counts only customers observed for all of it, so in a recent range
 * the 90-day rate is empty for every segment (null) while the 30-day one has figures: the chart plots the longest
 * window that has any, and leaves out segments with no figure rather than drawing them as 0%.
 */
export function repurchaseSeries(rows: RepurchaseRow[]): {
  window: RepurchaseWindow | null;
  data: { label: string; value: number }[];
} {
  const rate = (r: RepurchaseRow, w: RepurchaseWindow) => r[`rate_${w}d`];
  const window = [...REPURCHASE_WINDOWS].reverse().find((w) => rows.some((r) => rate(r, w) != null)) ?? null;
  if (window == null) return { window, data: [] };
  return {
    window,
    data: rows
      .filter((r) => rate(r, window) != null)
      .map((r) => ({ label: r.segment, value: Number(rate(r, window)) })),
  };
}

type Cell = { intent?: unknown; product?: unknown; carrier?: unknown; region?: unknown };

/** What a hotspot cell is called on the page; a dimension the bot could not tell is said in words, not as "unknown". */
export function hotspotLabels(h: Cell) {
  const or = (v: unknown, missing: string) => (v == null || v === "unknown" ? missing : String(v));
  return {
    intent: h.intent == null || h.intent === "unknown" ? "Topic not recognised" : label(INTENT_LABELS, h.intent),
    product: or(h.product, "No order linked"),
    carrier: or(h.carrier, "No order linked"),
    region: or(h.region, "No order linked"),
  };
}

/** A spike's cell in one line, e.g. "Where is my order · UPS" (dimensions rolled up to "all" are left out). */
export function spikeLabel(s: Cell): string {
  const words = hotspotLabels(s);
  return (["intent", "product", "carrier", "region"] as const)
    .filter((k) => s[k] !== "all")
    .map((k) => words[k])
    .join(" · ");
}

/** Prints rows as an aligned text table (what `duckdb` prints, roughly). */
export function formatTable(rows: Record<string, unknown>[]): string {
  if (!rows.length) return "(no rows)";
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown) =>
    v === null || v === undefined ? "NULL" : typeof v === "object" ? JSON.stringify(v) : String(v);
  const widths = cols.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => cell(r[c]).length))));
  const line = (vals: string[]) => vals.map((v, i) => v.slice(0, widths[i]).padEnd(widths[i])).join(" │ ");
  return [
    line(cols),
    widths.map((w) => "─".repeat(w)).join("─┼─"),
    ...rows.map((r) => line(cols.map((c) => cell(r[c])))),
  ].join("\n");
}

/** ISO-8601 at whole seconds, the way the Admin API formats DateTime ("2026-10-01T12:00:00Z"). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace(".000Z", "Z");
}

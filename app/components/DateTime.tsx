/**
 * A date and time in the shop's time zone. The format is fixed (not the browser's default locale) so the page the
 * server renders and the one the browser hydrates read the same.
 */
export function DateTime({ iso, timeZone = "UTC" }: { iso: string; timeZone?: string }) {
  const text = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
  return <time dateTime={iso}>{text}</time>;
}

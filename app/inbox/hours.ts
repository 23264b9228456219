/** Opening hours per weekday, in the shop's time zone: { mon: [["09:00","17:00"]], ... }. Empty = always open. */
export type BusinessHours = Partial<Record<Weekday, [string, string][]>>;
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
const DAYS: Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

function localParts(now: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const day = DAYS.findIndex((d) => d === get("weekday").toLowerCase().slice(0, 3));
  return { day, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function parseHours(json: string | null | undefined): BusinessHours {
  try {
    return JSON.parse(json || "{}") as BusinessHours;
  } catch {
    return {};
  }
}

/**
 * Whether people are at work now, and if not, when they next are (as a day and a time in the shop's zone), so
 * the shopper is told honestly when to expect an answer.
 */
export function availability(hours: BusinessHours, timeZone: string, now = new Date()) {
  if (!Object.values(hours).some((ranges) => ranges && ranges.length)) return { open: true as const };
  const { day, minutes } = localParts(now, timeZone);
  const today = hours[DAYS[day]] ?? [];
  if (today.some(([from, to]) => minutes >= toMinutes(from) && minutes < toMinutes(to))) return { open: true as const };
  for (let offset = 0; offset < 8; offset++) {
    const d = (day + offset) % 7;
    const ranges = [...(hours[DAYS[d]] ?? [])].sort(([a], [b]) => toMinutes(a) - toMinutes(b));
    const next = ranges.find(([from]) => offset > 0 || toMinutes(from) > minutes);
    if (next) return { open: false as const, opensDay: DAYS[d], opensAt: next[0], inDays: offset };
  }
  return { open: true as const };
}

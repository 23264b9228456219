/** Locale tags the bot writes replies in; anything else falls back to English (and says so). */
export const REPLY_LOCALES = ["en", "zh-CN", "es", "fr", "de", "ja"] as const;
export type ReplyLocale = (typeof REPLY_LOCALES)[number];

/** Each reply locale in its own language, for the admin's pickers. */
export const LOCALE_OPTIONS: { label: string; value: ReplyLocale }[] = [
  { label: "English", value: "en" },
  { label: "简体中文", value: "zh-CN" },
  { label: "Español", value: "es" },
  { label: "Français", value: "fr" },
  { label: "Deutsch", value: "de" },
  { label: "日本語", value: "ja" },
];

/** Maps a detected language (ISO 639-1) or a storefront locale (e.g. "fr-CA") to a reply locale. */
export function replyLocaleFor(language: string | null | undefined): { locale: ReplyLocale; fallback: boolean } {
  const lang = (language ?? "en").toLowerCase();
  if (lang.startsWith("zh")) return { locale: "zh-CN", fallback: false };
  const base = lang.split("-")[0];
  const hit = REPLY_LOCALES.find((l) => l === base);
  return hit ? { locale: hit, fallback: false } : { locale: "en", fallback: true };
}

/** A date as a shopper of that locale reads it, e.g. "Tuesday, November 24" / "11月24日星期二". */
export function formatDate(value: string | Date, locale: ReplyLocale, timeZone = "UTC"): string {
  return new Intl.DateTimeFormat(locale, { weekday: "long", month: "long", day: "numeric", timeZone }).format(
    new Date(value),
  );
}

/** Money in the order's currency, formatted for the shopper's locale. */
export function formatMoney(amount: string | number, currency: string, locale: ReplyLocale): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(amount));
}

export function formatNumber(value: number, locale: ReplyLocale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A list joined the way the locale joins lists ("a, b and c" / "a、b和c"). */
export function formatList(items: string[], locale: ReplyLocale): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}

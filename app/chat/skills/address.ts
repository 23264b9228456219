import type { AddressInput } from "../state";

const COUNTRIES: Record<string, string> = {
  us: "US", usa: "US", "united states": "US", "united states of america": "US", "estados unidos": "US", "états-unis": "US",
  ca: "CA", canada: "CA", gb: "GB", uk: "GB", "united kingdom": "GB", england: "GB", "royaume-uni": "GB",
  fr: "FR", france: "FR", francia: "FR", frankreich: "FR", de: "DE", germany: "DE", deutschland: "DE", allemagne: "DE",
  alemania: "DE", es: "ES", spain: "ES", españa: "ES", espagne: "ES", spanien: "ES", it: "IT", italy: "IT", italia: "IT",
  nl: "NL", netherlands: "NL", nederland: "NL", jp: "JP", japan: "JP", 日本: "JP", cn: "CN", china: "CN", 中国: "CN",
  mx: "MX", mexico: "MX", méxico: "MX", au: "AU", australia: "AU", ie: "IE", ireland: "IE", be: "BE", belgium: "BE",
  belgique: "BE", ch: "CH", switzerland: "CH", schweiz: "CH", suisse: "CH", at: "AT", austria: "AT", österreich: "AT",
  pt: "PT", portugal: "PT", br: "BR", brazil: "BR", brasil: "BR",
};

// US/CA "IL 62704" / "ON M5V 2T6", or a bare postcode of the common shapes.
const REGION_ZIP = /^([A-Z]{2})\s+(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$/i;
const ZIP = /\b(\d{5}(?:-\d{4})?|\d{3}-\d{4}|\d{4,6}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\b/i;

/**
 * Reads a one-line address ("12 Rue de Rivoli, 75001 Paris, France" or "500 Main St, Springfield, IL 62704, US").
 * Returns null when a street, a city and a postcode cannot all be found, so the bot asks again rather than guess.
 */
export function parseAddress(text: string, defaultCountry?: string): AddressInput | null {
  const parts = text
    .replace(/^.*?:\s*/s, (m) => (/\d/.test(m) ? m : ""))
    .split(/[,\n;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return null;
  let countryCode = COUNTRIES[parts[parts.length - 1].toLowerCase()];
  if (countryCode) parts.pop();
  else countryCode = defaultCountry ?? "";
  if (!countryCode || parts.length < 2) return null;
  const street = parts.shift()!;
  if (!/\d/.test(street) || street.length < 4) return null;

  let zip = "";
  let city = "";
  let provinceCode: string | undefined;
  for (let i = parts.length - 1; i >= 0 && !zip; i--) {
    const part = parts[i];
    const regional = part.match(REGION_ZIP);
    if (regional) {
      provinceCode = regional[1].toUpperCase();
      zip = regional[2].toUpperCase();
      city = parts.slice(0, i).pop() ?? "";
      parts.splice(i, 1);
      break;
    }
    const m = part.match(ZIP);
    if (m) {
      zip = m[1].toUpperCase();
      city = part.replace(m[0], "").trim() || (parts.slice(0, i).pop() ?? "");
      parts.splice(i, 1);
    }
  }
  if (!zip || !city) return null;
  const address2 = parts.filter((p) => p !== city).join(", ") || undefined;
  return { address1: street, address2, city, zip, countryCode, provinceCode };
}

/** One line for reading back to the shopper before they confirm. */
export function formatAddress(a: AddressInput): string {
  return [a.address1, a.address2, a.city, [a.provinceCode, a.zip].filter(Boolean).join(" "), a.countryCode]
    .filter(Boolean)
    .join(", ");
}

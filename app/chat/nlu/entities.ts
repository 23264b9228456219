/**
 * Entity extraction: order numbers, e-mails, phone numbers, tracking numbers, and products / variant options from a
 * catalog the caller passes in. Numbers are ambiguous (a 10-digit run is a DHL waybill or a phone number, a 4-digit
 * one an order or a year), so each span is claimed once, in order of how sure its cue is: explicit formats and
 * keywords first, bare digits last.
 */
import { EMAIL, normalize, tokenize } from "./features";

export interface CatalogVariant {
  id: string;
  title: string;
  options: string[];
}

export interface CatalogProduct {
  id: string;
  title: string;
  variants: CatalogVariant[];
}

export interface Catalog {
  products: CatalogProduct[];
}

export type Carrier = "ups" | "usps" | "fedex" | "dhl" | "other";

interface Span {
  /** The text as written. */
  text: string;
  start: number;
  end: number;
}

export type Entity =
  | (Span & { type: "order_number"; value: string })
  | (Span & { type: "email"; value: string })
  | (Span & { type: "phone"; value: string })
  | (Span & { type: "tracking_number"; value: string; carrier: Carrier })
  | (Span & {
      type: "product";
      value: string;
      productId: string;
      /** Set when the options mentioned pick out one variant. */
      variantId?: string;
      variantTitle?: string;
      /** Option values named in the message ("M", "Blue"), as the catalog spells them. */
      options: string[];
    });

export interface ExtractOptions {
  catalog?: Catalog;
}

const UPS = /\b1Z[0-9A-Z]{16}\b/gi;
// USPS: 20-22 digits starting 92-95 (often written in groups of four), or the S10 international form LX123456789US.
const USPS = /\b9[2-5]\d{2}(?:[ ]?\d{4}){4}[ ]?\d{2}(?:\d{0,2})\b/g;
const S10 = /\b[A-Z]{2}\d{9}[A-Z]{2}\b/g;
const ORDER_WORDS =
  "order|orders|purchase|pedido|orden|compra|commande|bestellung|bestellnummer|ordine|bestelling|encomenda|zamowienie|siparis|заказ|订单|订单号|單號|注文|注文番号|주문|주문번호";
// "order 1001", "order no. 1001", "pedido nº 1001", "订单1001", "注文番号：1234".
const ORDER_KEYED = new RegExp(
  `(?:${ORDER_WORDS})\\s*(?:(?:no\\.?|nr\\.?|n[°º]|num(?:ber|ero|éro)?|number|id|#|:|：|号|番号)\\s*)*#?\\s*(\\d{3,20})\\b`,
  "giu"
);
const HASH_NUMBER = /(?:^|[^\w&])#\s?(\d{3,12})\b/g;
const TRACKING_CONTEXT =
  /(?:tracking|track|trace|suivi|seguimiento|rastreio|rastreamento|sendungsnummer|sendungsverfolgung|tracciamento|waybill|awb|运单|物流单号|快递单号|追跡番号|송장)(?:\s*(?:number|no\.?|nr\.?|n[°º]|code|id|numero|nummer|#|:|：|号))*\s*$/iu;
const PHONE_CONTEXT =
  /(?:phone|call|tel|telephone|mobile|cell|whatsapp|text me|reach me|my number|número|numero de telefono|telefono|téléphone|portable|handy|telefon|rufnummer|cellulare|telefoon|电话|手机|電話|携帯|전화)\D{0,12}$/iu;
const PRICE_CONTEXT = /(?:[$€£¥]|usd|eur|gbp|dollars?|euros?)\s*$/iu;
const PRICE_AFTER =
  /^\s*(?:[$€£¥]|usd|eur|gbp|dollars?|euros?|%|kg|g\b|cm|mm|ml|km|lbs?|items?|pcs|pieces|units?|days?|weeks?|hours?)/iu;
// International (+...) or local numbers with separators: +1 415 555 2671, (415) 555-2671, 06 12 34 56 78.
const PHONE =
  /(?:\+\d[\d\s().-]{6,18}\d|\(?\b0?\d{2,4}\)?[\s.-]\d{2,4}[\s.-]\d{2,4}(?:[\s.-]\d{2,4})?\b)/g;

const digitsOf = (s: string) => s.replace(/\D/g, "");

/** Order numbers, contacts, tracking numbers and catalog mentions in a message, in the order they appear. */
export function extractEntities(
  text: string,
  opts: ExtractOptions = {}
): Entity[] {
  const found: Entity[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) =>
    taken.every(([s, e]) => end <= s || start >= e);
  const claim = (e: Entity) => {
    if (!free(e.start, e.end)) return false;
    taken.push([e.start, e.end]);
    found.push(e);
    return true;
  };
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) fn(m);
  };
  const span = (m: RegExpExecArray, group = 0): Span => {
    const start = group === 0 ? m.index : m.index + m[0].lastIndexOf(m[group]);
    return { text: m[group], start, end: start + m[group].length };
  };

  each(EMAIL, (m) =>
    claim({ type: "email", value: m[0].toLowerCase(), ...span(m) })
  );
  each(UPS, (m) =>
    claim({
      type: "tracking_number",
      value: m[0].toUpperCase(),
      carrier: "ups",
      ...span(m),
    })
  );
  each(USPS, (m) => {
    const digits = digitsOf(m[0]);
    if (digits.length >= 20 && digits.length <= 22)
      claim({
        type: "tracking_number",
        value: digits,
        carrier: "usps",
        ...span(m),
      });
  });
  each(S10, (m) =>
    claim({
      type: "tracking_number",
      value: m[0],
      carrier: m[0].endsWith("US") ? "usps" : "other",
      ...span(m),
    })
  );
  // A code right after a tracking keyword is a tracking number whatever its shape.
  each(/[A-Z0-9][A-Z0-9-]{7,34}/gi, (m) => {
    if (
      !/\d/.test(m[0]) ||
      !TRACKING_CONTEXT.test(text.slice(Math.max(0, m.index - 30), m.index))
    )
      return;
    const digits = /^\d+$/.test(m[0]);
    const carrier: Carrier =
      digits && m[0].length === 10
        ? "dhl"
        : digits && [12, 15].includes(m[0].length)
        ? "fedex"
        : "other";
    claim({
      type: "tracking_number",
      value: m[0].toUpperCase(),
      carrier,
      ...span(m),
    });
  });
  each(ORDER_KEYED, (m) =>
    claim({ type: "order_number", value: m[1], ...span(m, 1) })
  );
  each(HASH_NUMBER, (m) =>
    claim({ type: "order_number", value: m[1], ...span(m, 1) })
  );

  each(PHONE, (m) => {
    const raw = m[0].trim();
    const digits = digitsOf(raw);
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const international = raw.startsWith("+");
    if (digits.length < 7 || digits.length > 15) return;
    // Two order numbers side by side ("1001 1002") are not a phone: local numbers need a phone cue or a leading 0 or
    // the (415) 555-2671 shape.
    const nanp = /^\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}$/.test(raw);
    const trunk = /^\(?0/.test(raw) && digits.length >= 9;
    if (!international && !nanp && !trunk && !PHONE_CONTEXT.test(before))
      return;
    const start = m.index + m[0].indexOf(raw);
    claim({
      type: "phone",
      value: (international ? "+" : "") + digits,
      text: raw,
      start,
      end: start + raw.length,
    });
  });

  // Bare digit runs, last: their meaning comes from length and context.
  each(/(?<![\w.,])\d{3,22}(?![\w.,]\d)/g, (m) => {
    const value = m[0];
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const after = text.slice(
      m.index + value.length,
      m.index + value.length + 12
    );
    const s = span(m);
    if (PRICE_CONTEXT.test(before) || PRICE_AFTER.test(after)) return;
    if (PHONE_CONTEXT.test(before) && value.length >= 7 && value.length <= 15) {
      claim({ type: "phone", value, ...s });
    } else if (value.length === 10) {
      claim({ type: "tracking_number", value, carrier: "dhl", ...s });
    } else if (value.length === 12 || value.length === 15) {
      claim({ type: "tracking_number", value, carrier: "fedex", ...s });
    } else if (
      value.length >= 20 &&
      value.length <= 22 &&
      value.startsWith("9")
    ) {
      claim({ type: "tracking_number", value, carrier: "usps", ...s });
    } else if (value.length >= 4 && value.length <= 9) {
      // A year next to a time word is not an order ("since 2023", "in 2024").
      if (
        /^(19|20)\d{2}$/.test(value) &&
        /\b(in|since|year|from|until|of)\s*$/i.test(before)
      )
        return;
      claim({ type: "order_number", value, ...s });
    }
  });

  if (opts.catalog) for (const p of matchCatalog(text, opts.catalog)) claim(p);
  return found.sort((a, b) => a.start - b.start);
}

// Words too common to identify a product on their own.
const TITLE_STOPWORDS = new Set([
  "the",
  "a",
  "an",
  "and",
  "of",
  "for",
  "with",
  "in",
  "de",
  "la",
  "le",
  "el",
  "der",
  "die",
  "das",
]);
const SIZE_CUE =
  /(?:size|sz|talla|taille|größe|grosse|groesse|tamanho|taglia|maat|尺码|サイズ|in)\s*$/iu;

function locate(
  text: string,
  needle: string
): { start: number; end: number } | undefined {
  const i = text.toLowerCase().indexOf(needle.toLowerCase());
  return i < 0 ? undefined : { start: i, end: i + needle.length };
}

/**
 * Products whose title (all its significant words, in any order) appears in the message, with the option values
 * named. Short option values ("M", "L", "XL") count only when written in capitals or after a size word, so the
 * letter in "I'm" or "a" is never read as a size.
 */
function matchCatalog(text: string, catalog: Catalog): Entity[] {
  const words = new Set(tokenize(normalize(text)));
  const out: Entity[] = [];
  for (const product of catalog.products) {
    const titleWords = tokenize(normalize(product.title)).filter(
      (w) => !TITLE_STOPWORDS.has(w)
    );
    if (
      titleWords.length === 0 ||
      !titleWords.every((w) => words.has(w) || words.has(w + "s"))
    )
      continue;
    const options = new Set<string>();
    for (const variant of product.variants) {
      for (const option of variant.options) {
        if (optionMentioned(text, words, option)) options.add(option);
      }
    }
    const named = [...options];
    const matching = named.length
      ? product.variants.filter((v) =>
          named.every((o) =>
            v.options.some((x) => x.toLowerCase() === o.toLowerCase())
          )
        )
      : [];
    const variant = matching.length === 1 ? matching[0] : undefined;
    const where = locate(text, product.title) ??
      locate(text, titleWords[0]) ?? { start: 0, end: 0 };
    out.push({
      type: "product",
      value: product.title,
      productId: product.id,
      variantId: variant?.id,
      variantTitle: variant?.title,
      options: named,
      text: text.slice(where.start, where.end),
      ...where,
    });
  }
  return out;
}

function optionMentioned(
  text: string,
  words: Set<string>,
  option: string
): boolean {
  const optionWords = tokenize(normalize(option));
  if (optionWords.length === 0) return false;
  if (option.length > 2) return optionWords.every((w) => words.has(w));
  const re = new RegExp(
    `(^|[^\\p{L}\\p{N}])${option.replace(
      /[.*+?^${}()|[\]\\]/g,
      "\\$&"
    )}(?=$|[^\\p{L}\\p{N}])`,
    "giu"
  );
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[1].length;
    const written = text.slice(at, at + option.length);
    if (written === written.toUpperCase() && /\p{Lu}/u.test(written))
      return true;
    if (
      /^\d+$/.test(option) ||
      SIZE_CUE.test(text.slice(Math.max(0, at - 12), at))
    )
      return true;
  }
  return false;
}

/**
 * Entity extraction: order numbers, e-mails, phone numbers, tracking numbers, and products / variant options from a
 * catalog the caller passes in. Numbers are ambiguous (a 10-digit run is a DHL waybill or a phone number, a 4-digit
 * one an order or a year), so each span is claimed once, in order of how sure its cue is: explicit formats and
 * keywords first, bare digits last.
 */
import { COMMON_TLDS, EMAIL, foldWidth, normalize, tokenize } from "./features";

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
  | (Span & {
      type: "email";
      /** The address as the shopper meant it ("zoe (at) example.org" -> "zoe@example.org"), lower-cased. */
      value: string;
      /**
       * The same address at the big mail provider its domain looks like a typo of ("zoe@gmial.com" ->
       * "zoe@gmail.com"). Never applied to `value`: verification compares what the shopper wrote.
       */
      suggestion?: string;
    })
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
  "order|orders|purchase|pedido|orden|compra|commande|bestellung|bestellnummer|ordine|bestelling|encomenda|zamowienie|siparis|заказ|订单|订单号|單號|注文|注文番号|주문|주문번호|طلب|طلبي|طلبية";
// "order 1001", "order no. 1001", "pedido nº 1001", "订单1001", "注文番号：1234".
const ORDER_KEYED = new RegExp(
  `(?:${ORDER_WORDS})\\s*(?:(?:no\\.?|nr\\.?|n[°º]|num(?:ber|ero|éro)?|number|id|#|:|：|号|番号)\\s*)*#?\\s*(\\d{3,20})\\b`,
  "giu"
);
const HASH_NUMBER = /(?:^|[^\w&])#\s?(\d{3,12})\b/g;
const TRACKING_CONTEXT =
  /(?:tracking|track|trace|suivi|seguimiento|rastreio|rastreamento|sendungsnummer|sendungsverfolgung|tracciamento|waybill|awb|运单|物流单号|快递单号|追跡番号|송장)(?:\s*(?:number|no\.?|nr\.?|n[°º]|code|id|numero|nummer|#|:|：|号))*\s*$/iu;
const PHONE_CONTEXT =
  /(?:phone|call|tel|telephone|mobile|cell|whatsapp|text me|reach me|my number|número|numero de telefono|telefono|téléphone|portable|handy|telefon|rufnummer|cellulare|telefoon|телефон|هاتف|جوال|电话|手机|電話|携帯|전화|휴대폰|핸드폰)\D{0,12}$/iu;
const PRICE_CONTEXT = /(?:[$€£¥]|usd|eur|gbp|dollars?|euros?)\s*$/iu;
const PRICE_AFTER =
  /^\s*(?:[$€£¥]|usd|eur|gbp|dollars?|euros?|%|kg|g\b|cm|mm|ml|km|lbs?|items?|pcs|pieces|units?|days?|weeks?|hours?)/iu;
// International (+...) or local numbers with separators: +1 415 555 2671, (415) 555-2671, 06 12 34 56 78.
const PHONE =
  /(?:\+\d[\d\s().-]{6,18}\d|\(?\b0?\d{2,4}\)?[\s.-]\d{2,4}[\s.-]\d{2,4}(?:[\s.-]\d{2,4})?\b)/g;

// Eleven digits with no other reading: a Chinese (1[3-9]...) or Japanese (070/080/090...) mobile number, which
// shoppers there write without separators.
const MOBILE = /^(?:1[3-9]\d{9}|0[789]0\d{8})$/;

const digitsOf = (s: string) => s.replace(/\D/g, "");

// An address written loosely: spaces around "@" or before a dot, "(at)" / "[at]" / " at ", "(dot)", or a comma for
// the dot. Checked in looseEmail before it counts.
const LOOSE_EMAIL =
  /([A-Za-z0-9\u00c0-\u024f._%+-]+)(\s*(?:@|\(\s*at\s*\)|\[\s*at\s*\])\s*|\s+at\s+)([A-Za-z0-9-]+(?:(?:\s?\.\s?|,|\s*[([]\s*dot\s*[)\]]\s*|\s+dot\s+)[A-Za-z0-9-]+)+)/giu;
// The separators LOOSE_EMAIL accepts for a dot, captured so that looseEmail can split a domain and keep them.
const LOOSE_DOT = /(\s?\.\s?|,|\s*[([]\s*dot\s*[)\]]\s*|\s+dot\s+)/iu;
// A big provider's name with no domain after it ("zoe@gmail"), as typed in a hurry.
const BARE_PROVIDER =
  /[A-Za-z0-9\u00c0-\u024f._%+-]+@(gmail|hotmail|outlook|yahoo|icloud|qq|163|126|aol|protonmail|naver)(?![A-Za-z0-9.@-])/giu;
// An order keyword (or "#") right before digits glued to an address: "заказ1027zoe@example.org" is order 1027 and
// zoe@example.org. Without such a cue the digits stay in the address ("邮箱12345678@qq.com" is a QQ address).
const ORDER_CUE = new RegExp(
  `(?:(?:${ORDER_WORDS})(?:\\s*(?:no\\.?|nr\\.?|n[°º]|#|:|号|番号))*\\s*#?|#)$`,
  "iu"
);

/** Order numbers, contacts, tracking numbers and catalog mentions in a message, in the order they appear. */
export function extractEntities(
  original: string,
  opts: ExtractOptions = {}
): Entity[] {
  // Everything is matched on the folded text (＃１０２７ -> #1027); it has the original's indices, so spans and the
  // `text` of each entity are the original's while values come out in ASCII.
  const text = foldWidth(original);
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
  const at = (start: number, end: number): Span => ({
    text: original.slice(start, end),
    start,
    end,
  });
  const span = (m: RegExpExecArray, group = 0): Span => {
    const start = group === 0 ? m.index : m.index + m[0].lastIndexOf(m[group]);
    return at(start, start + m[group].length);
  };
  const email = (value: string, start: number, end: number) => {
    const suggestion = suggestEmail(value);
    claim({
      type: "email",
      value,
      ...at(start, end),
      ...(suggestion ? { suggestion } : {}),
    });
  };

  each(EMAIL, (m) => {
    let start = m.index;
    const end = m.index + m[0].length;
    const glued = /^\d{3,20}(?=[A-Za-z])/.exec(m[0]);
    if (glued) {
      const before = text.slice(Math.max(0, start - 30), start);
      const digits = glued[0];
      const kind: "order_number" | "phone" | null = ORDER_CUE.test(before)
        ? digits.length <= 12
          ? "order_number"
          : null
        : PHONE_CONTEXT.test(before) &&
          digits.length >= 7 &&
          digits.length <= 15
        ? "phone"
        : null;
      if (kind) {
        claim({
          type: kind,
          value: digits,
          ...at(start, start + digits.length),
        });
        start += digits.length;
      }
    }
    email(text.slice(start, end).toLowerCase(), start, end);
    // Digits right after the address cannot be part of it (no top-level domain has digits): an order number.
    const after = /^\d{3,9}(?![\w.,]\d|\w)/.exec(text.slice(end, end + 12));
    if (after)
      claim({
        type: "order_number",
        value: after[0],
        ...at(end, end + after[0].length),
      });
  });
  // The loose forms are costly to scan for and rare: only where an "@" or an "at" could be one.
  if (/@|\bat\b/i.test(text)) {
    each(LOOSE_EMAIL, (m) => {
      const loose = looseEmail(m[1], m[2], m[3]);
      // "zoe dot parker at gmail dot com": the local part is spelled out too, and "parker" alone would be wrong.
      const spelledLocal = /(?:\bdot|\(dot\)|\[dot\])\s*$/i.test(
        text.slice(Math.max(0, m.index - 8), m.index)
      );
      if (loose && !spelledLocal)
        email(loose.value, m.index, m.index + loose.length);
    });
    each(BARE_PROVIDER, (m) =>
      email(m[0].toLowerCase(), m.index, m.index + m[0].length)
    );
  }
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
      ...at(start, start + raw.length),
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
    if (
      (PHONE_CONTEXT.test(before) && value.length >= 7 && value.length <= 15) ||
      MOBILE.test(value)
    ) {
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

  if (opts.catalog)
    for (const p of matchCatalog(text, opts.catalog))
      claim({ ...p, text: original.slice(p.start, p.end) });
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The address a loosely written one stands for, and how many characters of the match it takes; null when it does
 * not look like an address. The top-level domain must be a common one, so "zoe@acme, Thanks" is not read as one,
 * and a match that runs on into the sentence ("zoe @ example.org. Thanks") is cut back to its last such domain.
 */
function looseEmail(
  local: string,
  sep: string,
  domain: string
): { value: string; length: number } | null {
  if (!/[@)\]]/.test(sep)) {
    // " at " in prose ("order 1027 at shop.com", "look at example.com") is rarely an address: the part before it
    // must look like a mailbox name, with letters and a dot, underscore or digit.
    if (!/\p{L}/u.test(local) || !/[._\d]/.test(local)) return null;
  } else if (/^\s+@$/.test(sep)) {
    // "thanks for nothing @amazon.com" mentions an account; it does not give an address.
    return null;
  }
  const pieces = domain.split(LOOSE_DOT);
  for (let k = pieces.length - 1; k >= 2; k -= 2) {
    const tld = pieces[k].toLowerCase();
    // After "example. " a two-letter word is more likely the next sentence ("... it", "... no") than a domain.
    const spaced = /\.\s/.test(pieces[k - 1]);
    if (!COMMON_TLDS.has(tld) || (spaced && tld.length < 3)) continue;
    const labels = pieces.filter((_, i) => i % 2 === 0 && i <= k);
    if (labels.some((l) => l.startsWith("-") || l.endsWith("-"))) return null;
    return {
      value: `${local}@${labels.join(".")}`.toLowerCase(),
      length:
        local.length + sep.length + pieces.slice(0, k + 1).join("").length,
    };
  }
  return null;
}

// Mail providers most shoppers use, most used first (a typo as close to two of them goes to the first). An address
// at one of them is never "corrected"; one a single slip away from one gets it as a suggestion.
const MAIL_PROVIDERS = (
  "gmail.com yahoo.com hotmail.com outlook.com icloud.com aol.com live.com msn.com me.com mac.com mail.com " +
  "email.com ymail.com googlemail.com protonmail.com proton.me gmx.net gmx.de gmx.com web.de yandex.ru mail.ru " +
  "qq.com 163.com 126.com foxmail.com sina.com naver.com daum.net hanmail.net hotmail.co.uk hotmail.fr hotmail.de " +
  "hotmail.it hotmail.es yahoo.co.jp yahoo.co.uk yahoo.fr yahoo.de yahoo.es outlook.fr outlook.de outlook.jp " +
  "live.co.uk live.fr orange.fr free.fr laposte.net libero.it t-online.de comcast.net att.net verizon.net " +
  "btinternet.com"
)
  .split(" ")
  .map((domain) => {
    const dot = domain.indexOf(".");
    return {
      domain,
      name: domain.slice(0, dot),
      suffix: domain.slice(dot + 1),
    };
  });
const PROVIDER_DOMAINS = new Set(MAIL_PROVIDERS.map((p) => p.domain));

/** Optimal string alignment distance: edits, counting a swap of two neighbours ("gmial") as one. */
function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        d[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[i - 1][j] + 1,
        d[i][j - 1] + 1,
        d[i - 1][j - 1] + cost
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i].push(v);
    }
  }
  return d[a.length][b.length];
}

/**
 * The address at the provider its domain is probably a typo of: one slip in the provider's name (five letters or
 * more, so "life.com" is not taken for "live.com"), one in the ending (".con", ".co", ".cm"), or both; a bare
 * "@gmail" gets its usual ending. Undefined for any other domain.
 */
export function suggestEmail(address: string): string | undefined {
  const at = address.lastIndexOf("@");
  const domain = address.slice(at + 1);
  if (at < 1 || PROVIDER_DOMAINS.has(domain)) return undefined;
  const dot = domain.indexOf(".");
  const name = dot < 0 ? domain : domain.slice(0, dot);
  const suffix = dot < 0 ? "" : domain.slice(dot + 1);
  let best: string | undefined;
  let bestCost = 3;
  for (const p of MAIL_PROVIDERS) {
    const nameCost =
      name === p.name ? 0 : p.name.length >= 5 ? editDistance(name, p.name) : 9;
    if (nameCost > 1) continue;
    const suffixCost =
      suffix === p.suffix
        ? 0
        : suffix === ""
        ? nameCost === 0
          ? 1
          : 9
        : editDistance(suffix, p.suffix);
    if (suffixCost > 1) continue;
    const cost = nameCost + suffixCost;
    if (cost > 0 && cost < bestCost) {
      best = p.domain;
      bestCost = cost;
    }
  }
  return best && address.slice(0, at + 1) + best;
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

/**
 * Comparable facts in a shop's texts (how long shipping, processing, returns and refunds take, what shipping costs)
 * and where a knowledge article contradicts the shop's own policies. Extraction is deliberately narrow: a fact is
 * only compared when both texts clearly speak of the same thing (same subject, service and region), because a
 * warning that cries wolf gets ignored. Policies are read in English; articles in en/es/fr/de/ja/zh.
 */

export type Subject = "shipping" | "processing" | "return" | "refund";
export type Service = "standard" | "express" | "overnight";
export type Region = "us" | "canada" | "europe" | "uk" | "australia";
export type Measure = "time" | "price";

type DayUnit = "day" | "business_day" | "week";
export type ClaimValue =
  /** A stated duration; `min` only when a range is given ("3 to 6"), a single number is an upper bound. */
  | { kind: "duration"; min?: number; max: number; unit: DayUnit }
  /** A price; `from` when it is a starting price ("from $25"). */
  | { kind: "price"; amount: number; currency: string; from: boolean }
  /** The order total above which shipping is free. */
  | { kind: "free_over"; amount: number; currency: string };

export interface Claim {
  subject: Subject;
  service?: Service;
  regions: Region[];
  value: ClaimValue;
  /** The words that state it, as written ("3 to 6 business days", "$8"). */
  said: string;
  /** The sentence it is in. */
  sentence: string;
}

export interface Conflict {
  articleId: string;
  articleTitle: string;
  /** What both texts speak of, for a merchant ("Standard shipping to the United States: delivery time"). */
  topic: string;
  articleSays: string;
  policySays: string;
  articleSentence: string;
  policySentence: string;
  policyId: string;
  policyTitle: string;
  subject: Subject;
  measure: Measure;
  service?: Service;
  regions: Region[];
}

export interface ComparableDoc {
  id: string;
  title: string;
  body: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

const REGION_PATTERNS: [Region, RegExp][] = [
  ["us", /United States|\bUSA?\b|\bU\.S\.(?:A\.)?|Estados Unidos|\bEEUU\b|[ÉE]tats-Unis|Vereinigten? Staaten|アメリカ|米国|美国/g],
  ["canada", /Canad[aá]|Kanada|カナダ|加拿大/g],
  // Case matters: "eu" is a French word, "EU" the Union.
  ["europe", /Europe|Europa|European Union|Union européenne|Unión Europea|Europäische[n]? Union|\bEU\b|\bUE\b|ヨーロッパ|欧州|欧洲|欧盟/g],
  ["uk", /United Kingdom|\bUK\b|Royaume-Uni|Reino Unido|Vereinigte[sn]? Königreich|Großbritannien|イギリス|英国/g],
  ["australia", /Australi[ae]n?|オーストラリア|澳大利亚|澳洲/g],
];

const SERVICE_PATTERNS: [Service, RegExp][] = [
  ["overnight", /overnight|next[- ]day|al día siguiente|du lendemain|nächsten Tag|翌日|次日|隔夜/gi],
  ["express", /express|expedited|expr[eé]s|\burgente?\b|速達|お急ぎ|加急|特快/gi],
  ["standard", /standard|\bregular\b|\bground\b|\beconomy\b|est[aá]ndar|\bnormale?\b|通常配送|通常便|標準|普通|标准|常规/gi],
];

const SUBJECT_PATTERNS: [Subject, RegExp][] = [
  ["refund", /refund|reimburs|reembols|rembours|erstatt|返金|払い戻|退款|退钱/gi],
  [
    "return",
    /\breturn|cooling-off|devoluci|devolver|devuelv|desistimiento|retour|retourn|renvo|rétractation|Rückgabe|Rücksend|zurück(?:send|geb)|Widerruf|Umtausch|返品|返送|退货|退換|退换/gi,
  ],
  // "発送後3〜5日" counts from dispatch: it is a delivery time.
  ["processing", /process|dispatch|prepar|procesa|traitement|traitée?s?|bearbeit|versandfertig|発送(?!後)|出荷(?!後)|发货(?!后)|处理/gi],
  [
    "shipping",
    /ship|deliver|arriv|transit|env[ií]o|entrega|llega|livr|expédi|Versand|Liefer|geliefert|Zustell|配送|お届け|到着|配達|送料|送达|运送|寄往|运费|运输|物流/gi,
  ],
];

/** Late or lost parcels and claims: the numbers there are triggers ("not updated for 5 days"), not promises. */
const NOT_A_PROMISE =
  /\b(?:lost|late|claims?|delay(?:ed)?|past (?:its|the) (?:estimated|expected)|(?:has not|hasn't|not) (?:been )?updated|perdu|retard|perdido|retras|verloren|verspät)|紛失|遅延|丢失|延误/i;
/** Duties and taxes: amounts there are not shipping prices ("orders under AUD 1,000 arrive duty-free"). */
const DUTIES = /\b(?:dut(?:y|ies)|tax(?:es)?|customs|droits|douane|impuestos|aranceles|Zoll|Steuer)|関税|税|关税/i;

const FREE = /\bfree\b|gratis|gratuit|offert|kostenlos|kostenfrei|versandkostenfrei|無料|免费|包邮|免运/i;

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12,
  fourteen: 14, fifteen: 15, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
  uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
  catorce: 14, quince: 15, treinta: 30,
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10, quatorze: 14,
  quinze: 15, trente: 30,
  ein: 1, eine: 1, einen: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
  vierzehn: 14, fünfzehn: 15, dreißig: 30,
};

const NUM = `(?:\\d+|${Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join("|")})`;
// "and"/"y"/"et"/"und" join a range only after "between": "over $100 and 5 days" is no range.
const BETWEEN = `(?:between|entre|zwischen)\\s+(${NUM})\\s*(?:-|–|and|y|et|und|a|à)\\s*(${NUM})`;
const RANGE = `(?:(?:from|de|du|von)\\s+)?(${NUM})(?:\\s*(?:-|–|—|~|〜|～|to|a|à|au|bis|or|o|ou|oder)\\s*(${NUM}))?`;
const BUSINESS_UNIT =
  "(?:business|working|work)[\\s-]days?|d[ií]as?\\s+(?:h[aá]biles|laborables|laborales)|jours?\\s+ouvr(?:[ée]s|ables)|(?:Werk|Arbeits|Geschäfts)tage?n?";
const DAY_UNIT = "(?:calendar\\s+)?days?|d[ií]as?(?:\\s+naturales)?|jours?|Tage?n?|tägige?[nrs]?";
const WEEK_UNIT = "weeks?|semanas?|semaines?|Wochen?";
/** "3 to 6 business days", "30-day", "de 3 a 5 días hábiles", "5–10 Werktage". */
const LATIN_DURATION = new RegExp(
  `(?<![\\p{L}\\d$€£.,])(?:${BETWEEN}|${RANGE})(?:\\s+|-)(${BUSINESS_UNIT}|${WEEK_UNIT}|${DAY_UNIT})(?![\\p{L}])`,
  "giu",
);
/** "3〜5営業日", "30日以内", "5–10个工作日", "14天内". */
const CJK_DURATION = /(?<![\d月])(\d+)(?:\s*(?:〜|～|~|-|–|—|至|到)\s*(\d+))?\s*(?:个|か|ヶ|カ)?\s*(営業日|工作日|週間|星期|周|日|天)/gu;
/** "ship the same day": processing that takes no time at all. */
const SAME_DAY = /\b(?:ships?|dispatch(?:ed|es)?|leaves? (?:our|the) warehouse)\s+(?:out\s+)?(?:on\s+)?the\s+same\s+(?:business\s+)?day\b/gi;

const AMOUNT = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?";
const PRICE_BEFORE = new RegExp(`(US\\$|CA?\\$|AU?\\$|\\$|€|£)\\s?(${AMOUNT})`, "gu");
const PRICE_AFTER = new RegExp(
  `(${AMOUNT})\\s?(\\$|€|£|USD|EUR|GBP|CAD|AUD|dollars?|d[oó]lares|euros?|ドル|美元|ユーロ|欧元)`,
  "giu",
);

const THRESHOLD_BEFORE =
  /(?:(?<!\p{L})(?:over|above|more than|exceeding|of at least|from|starting at|más de|superiores? a|a partir de|desde|dès|à partir de|plus de|au-delà de|supérieures? à|ab|über|mehr als)|超过|满)\s*$/iu;
const THRESHOLD_AFTER = /^\s*(?:or more|and up|\+|以上|起|et plus|o más|y más|und mehr)/i;
const STARTING_AT = /(?<!\p{L})(?:from|starting at|desde|a partir de|à partir de|dès|ab)\s*$/iu;
const STARTING_AT_AFTER = /^\s*(?:から|起)/;

/** Before a duration: "within"/"up to" make it an upper bound; "more than"/"after" a trigger, not a promise. */
const AFTER_TRIGGER = /(?<!no |not |pas |\p{L})(?:more than|longer than|over|after|plus de|más de|después de|après|mehr als|über|nach)\s*$/iu;
const CJK_TRIGGER_AFTER = /^\s*(?:以上|超|後|后)/;
const CJK_TRIGGER_BEFORE = /(?:超过|超)\s*$/;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

// ---------------------------------------------------------------------------------------------------------------
// Extraction

interface Mention<T> {
  at: number;
  end: number;
  what: T;
}

function mentions<T>(text: string, patterns: [T, RegExp][]): Mention<T>[] {
  const out: Mention<T>[] = [];
  for (const [what, re] of patterns) {
    for (const m of text.matchAll(new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`))) {
      out.push({ at: m.index, end: m.index + m[0].length, what });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

const numberOf = (s: string) => (/^\d/.test(s) ? Number(s) : WORD_NUMBERS[s.toLowerCase()]);

function unitOf(unit: string): DayUnit {
  if (new RegExp(`^(?:${BUSINESS_UNIT}|営業日|工作日)$`, "iu").test(unit)) return "business_day";
  if (new RegExp(`^(?:${WEEK_UNIT}|週間|星期|周)$`, "iu").test(unit)) return "week";
  return "day";
}

function amountOf(raw: string): number {
  // "1,000" and "1,000.50" use thousands separators; "8,50" is a decimal comma.
  const value = /^\d{1,3}(?:,\d{3})+/.test(raw) ? raw.replace(/,/g, "") : raw.replace(",", ".");
  return Number(value);
}

function currencyOf(symbol: string): string {
  const s = symbol.toLowerCase();
  if (s === "€" || s.startsWith("eur") || s === "ユーロ" || s === "欧元") return "€";
  if (s === "£" || s === "gbp") return "£";
  if (s === "ca$" || s === "c$" || s === "cad") return "CA$";
  if (s === "au$" || s === "a$" || s === "aud") return "A$";
  return "$";
}

interface Measured {
  at: number;
  end: number;
  said: string;
  value: ClaimValue;
  subject?: Subject;
}

function duration(a: number, b: number | undefined, unit: string): ClaimValue {
  const u = unitOf(unit);
  return b === undefined ? { kind: "duration", max: a, unit: u } : { kind: "duration", min: Math.min(a, b), max: Math.max(a, b), unit: u };
}

/** Prices in a stretch of text: thresholds for free shipping, starting prices, plain prices. */
function pricesIn(segment: string): Measured[] {
  const out: Measured[] = [];
  const free = FREE.test(segment);
  const found = [
    ...[...segment.matchAll(PRICE_BEFORE)].map((m) => ({ m, amount: m[2], currency: m[1] })),
    ...[...segment.matchAll(PRICE_AFTER)].map((m) => ({ m, amount: m[1], currency: m[2] })),
  ];
  for (const { m, amount, currency } of found) {
    const beforeStart = Math.max(0, m.index - 25);
    const before = segment.slice(beforeStart, m.index);
    const after = segment.slice(m.index + m[0].length, m.index + m[0].length + 12);
    const over = THRESHOLD_BEFORE.exec(before);
    const threshold = Boolean(over) || THRESHOLD_AFTER.test(after);
    const base = { amount: amountOf(amount), currency: currencyOf(currency) };
    let value: ClaimValue;
    if (free && threshold) value = { kind: "free_over", ...base };
    else if (STARTING_AT.test(before) || STARTING_AT_AFTER.test(after)) value = { kind: "price", ...base, from: true };
    // "orders over $100 ship in 2 days": a threshold of something this code does not read.
    else if (threshold) continue;
    else value = { kind: "price", ...base, from: false };
    const start = over ? beforeStart + over.index : m.index;
    out.push({ at: m.index, end: m.index + m[0].length, said: segment.slice(start, m.index + m[0].length).trim(), value });
  }
  return out;
}

/** Durations and prices in one stretch of text, with what each one promises. */
function measuresIn(segment: string): Measured[] {
  const out: Measured[] = [];
  for (const m of segment.matchAll(SAME_DAY)) {
    out.push({ at: m.index, end: m.index + m[0].length, said: m[0], value: { kind: "duration", min: 0, max: 0, unit: "day" }, subject: "processing" });
  }
  for (const m of segment.matchAll(LATIN_DURATION)) {
    const before = segment.slice(Math.max(0, m.index - 30), m.index);
    if (AFTER_TRIGGER.test(before)) continue;
    const a = numberOf(m[1] ?? m[3]);
    const b = m[2] ?? m[4];
    out.push({ at: m.index, end: m.index + m[0].length, said: m[0].trim(), value: duration(a, b ? numberOf(b) : undefined, m[5]) });
  }
  for (const m of segment.matchAll(CJK_DURATION)) {
    const after = segment.slice(m.index + m[0].length, m.index + m[0].length + 4);
    const before = segment.slice(Math.max(0, m.index - 4), m.index);
    if (CJK_TRIGGER_AFTER.test(after) || CJK_TRIGGER_BEFORE.test(before)) continue;
    out.push({ at: m.index, end: m.index + m[0].length, said: m[0], value: duration(Number(m[1]), m[2] ? Number(m[2]) : undefined, m[3]) });
  }
  if (!DUTIES.test(segment)) out.push(...pricesIn(segment));
  return out
    .sort((a, b) => a.at - b.at)
    .filter((m, i, all) => i === 0 || m.at >= all[i - 1].end || m.value.kind !== all[i - 1].value.kind);
}

function nearest<T>(list: Mention<T>[], at: number, end: number): Mention<T> | undefined {
  let best: Mention<T> | undefined;
  let bestDistance = Infinity;
  for (const m of list) {
    const distance = m.end <= at ? at - m.end : m.at >= end ? m.at - end + 0.5 : 0;
    if (distance < bestDistance) {
      best = m;
      bestDistance = distance;
    }
  }
  return best;
}

function subjectOf(text: string, at = 0, end = text.length): Subject | undefined {
  const found = mentions(text, SUBJECT_PATTERNS);
  // Returns and refunds are named beside delivery words ("return it within 30 days of delivery"): they win.
  for (const group of [["refund", "return"], ["processing", "shipping"]] as Subject[][]) {
    const hit = nearest(
      found.filter((m) => group.includes(m.what)),
      at,
      end,
    );
    if (hit) return hit.what;
  }
  return mentions(text, SERVICE_PATTERNS).length ? "shipping" : undefined;
}

const unique = <T>(items: T[]) => [...new Set(items)];

interface Context {
  regions: Region[];
  service?: Service;
  subject?: Subject;
}

function contextOf(text: string): Context {
  return {
    regions: unique(mentions(text, REGION_PATTERNS).map((m) => m.what)),
    service: mentions(text, SERVICE_PATTERNS)[0]?.what,
    subject: subjectOf(text),
  };
}

function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\bEE\.\s?UU\./g, "EEUU")
    .replace(/\bU\.S\.A?\.?(?=\s|$|,)/g, "US")
    .replace(/\u00a0/g, " ");
}

/** Every comparable fact in a text. The title (and a paragraph's "Canada:" heading) give context to what follows. */
export function extractClaims(body: string, title = ""): Claim[] {
  const claims: Claim[] = [];
  const titleContext = contextOf(normalise(title));
  for (const paragraph of normalise(body).split(/\n+/)) {
    const heading = /^([^:.!?]{2,80}):\s/.exec(paragraph)?.[1] ?? "";
    const headingContext = contextOf(heading);
    const sentences = paragraph.split(/(?<=[.!?])\s+(?=\S)|(?<=[。！？])/u).filter((s) => s.trim());
    for (const sentence of sentences) {
      const sentenceSubject = subjectOf(sentence);
      for (const segment of sentence.split(/[;；]/)) {
        if (NOT_A_PROMISE.test(segment)) continue;
        const measured = measuresIn(segment);
        if (!measured.length) continue;
        const regions = mentions(segment, REGION_PATTERNS);
        const services = mentions(segment, SERVICE_PATTERNS);
        const regionFirstAfter = !CJK.test(segment);
        measured.forEach((m, i) => {
          const prevEnd = i > 0 ? measured[i - 1].end : 0;
          const nextAt = i + 1 < measured.length ? measured[i + 1].at : segment.length;
          const after = regions.filter((r) => r.at >= m.end && r.end <= nextAt).map((r) => r.what);
          const before = regions.filter((r) => r.at >= prevEnd && r.end <= m.at).map((r) => r.what);
          const near = regionFirstAfter ? (after.length ? after : before) : before.length ? before : after;
          const subject =
            m.subject ?? subjectOf(segment, m.at, m.end) ?? sentenceSubject ?? headingContext.subject ?? titleContext.subject;
          if (!subject) return;
          if (m.value.kind !== "duration" && subject !== "shipping" && subject !== "return") return;
          const serviceBefore = services.filter((s) => s.end <= m.at).pop();
          const serviceAfter = services.find((s) => s.at >= m.end && s.end <= nextAt);
          const service =
            subject === "shipping"
              ? (serviceBefore ?? serviceAfter)?.what ?? headingContext.service ?? titleContext.service
              : undefined;
          claims.push({
            subject,
            service,
            regions: unique(near.length ? near : headingContext.regions.length ? headingContext.regions : titleContext.regions),
            value: m.value,
            said: m.said,
            sentence: sentence.trim(),
          });
        });
      }
    }
  }
  return claims;
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison

const measureOf = (v: ClaimValue): Measure => (v.kind === "duration" ? "time" : "price");

function sameDays(a: number, ua: DayUnit, b: number, ub: DayUnit): boolean {
  if (ua === ub) return a === b;
  const pair = [ua, ub].sort().join("/");
  // "14 days" and "10 business days" say the same; so do "2 weeks" and "14 days" or "10 business days".
  if (pair === "business_day/day") {
    const [business, calendar] = ua === "business_day" ? [a, b] : [b, a];
    return business === calendar || Math.round((business * 7) / 5) === calendar;
  }
  const [weeks, other] = ua === "week" ? [a, b] : [b, a];
  return pair === "day/week" ? weeks * 7 === other : weeks * 5 === other;
}

/** True when the article's value says what the policy's says (an article may state less, never something else). */
export function agrees(article: ClaimValue, policy: ClaimValue): boolean {
  if (article.kind === "duration" && policy.kind === "duration") {
    if (!sameDays(article.max, article.unit, policy.max, policy.unit)) return false;
    return article.min === undefined || policy.min === undefined || sameDays(article.min, article.unit, policy.min, policy.unit);
  }
  if (article.kind === "price" && policy.kind === "price") {
    if (policy.from) return article.amount >= policy.amount;
    return article.amount === policy.amount;
  }
  if (article.kind === "free_over" && policy.kind === "free_over") return article.amount === policy.amount;
  return false;
}

const sameRegions = (a: Region[], b: Region[]) => (a.length === 0 && b.length === 0) || a.some((r) => b.includes(r));

/**
 * True when an article's claim and a policy's are about the same thing. Different services compare only where the
 * policies offer one single service for the region ("standard shipping to Canada" against the one Canada service).
 */
function sameTopic(article: Claim, policy: Claim, policyClaims: Claim[]): boolean {
  if (article.subject !== policy.subject || article.value.kind !== policy.value.kind) return false;
  if (article.value.kind !== "duration" && policy.value.kind !== "duration" && article.value.currency !== policy.value.currency) return false;
  if (!sameRegions(article.regions, policy.regions)) return false;
  if (article.service === policy.service) return true;
  if (article.subject !== "shipping" || !article.regions.length) return false;
  const offered = unique(
    policyClaims.filter((c) => c.subject === "shipping" && sameRegions(article.regions, c.regions)).map((c) => c.service ?? "?"),
  );
  return offered.length === 1 && offered[0] === policy.service;
}

const SERVICE_LABEL: Record<Service, string> = { standard: "Standard shipping", express: "Express shipping", overnight: "Overnight shipping" };
const REGION_LABEL: Record<Region, string> = {
  us: "the United States",
  canada: "Canada",
  europe: "Europe",
  uk: "the United Kingdom",
  australia: "Australia",
};

function topicLabel(claim: Claim, policy: Claim): string {
  const where = policy.regions.filter((r) => claim.regions.includes(r));
  const to = where.length ? ` to ${where.map((r) => REGION_LABEL[r]).join(", ")}` : "";
  const measure =
    claim.value.kind === "duration" ? "time" : claim.value.kind === "free_over" ? "free-shipping threshold" : "price";
  // Against a region's only service ("standard to Canada" vs the one Canada service) the service is not the topic.
  const service = claim.service === policy.service && policy.service ? SERVICE_LABEL[policy.service] : "Shipping";
  switch (claim.subject) {
    case "shipping":
      return `${service}${to}: ${measure === "time" ? "delivery time" : measure}`;
    case "processing":
      return "Order processing time";
    case "return":
      return `${measure === "time" ? "Return window" : "Return shipping price"}${where.length ? ` (${where.map((r) => REGION_LABEL[r]).join(", ")})` : ""}`;
    case "refund":
      return "Time to refund";
  }
}

/**
 * Where articles state something else than the policies on the same topic. A claim counts as contradicted only when
 * no policy claim on its topic agrees with it; an article that says less (only standard shipping) is fine.
 */
export function findConflicts(articles: ComparableDoc[], policies: ComparableDoc[]): Conflict[] {
  const policyClaims = policies.flatMap((p) => extractClaims(p.body, p.title).map((claim) => ({ claim, policy: p })));
  const all = policyClaims.map((c) => c.claim);
  const conflicts: Conflict[] = [];
  for (const article of articles) {
    const seen = new Set<string>();
    // "5–10 days to Canada and Europe" is checked against each region's policy on its own.
    const claims = extractClaims(article.body, article.title).flatMap((c) =>
      c.regions.length > 1 ? c.regions.map((r) => ({ ...c, regions: [r] })) : [c],
    );
    for (const claim of claims) {
      const onTopic = policyClaims.filter((p) => sameTopic(claim, p.claim, all));
      if (!onTopic.length || onTopic.some((p) => agrees(claim.value, p.claim.value))) continue;
      const { claim: policyClaim, policy } = onTopic[0];
      const topic = topicLabel(claim, policyClaim);
      const key = `${topic}|${claim.said}`;
      if (seen.has(key)) continue;
      seen.add(key);
      conflicts.push({
        articleId: article.id,
        articleTitle: article.title,
        topic,
        articleSays: claim.said,
        policySays: policyClaim.said,
        articleSentence: claim.sentence,
        policySentence: policyClaim.sentence,
        policyId: policy.id,
        policyTitle: policy.title,
        subject: claim.subject,
        measure: measureOf(claim.value),
        service: policyClaim.service,
        regions: policyClaim.regions.filter((r) => claim.regions.includes(r)),
      });
    }
  }
  return conflicts;
}

// ---------------------------------------------------------------------------------------------------------------
// Questions

const ASKS_TIME =
  /how long|how many days|how much time|how soon|how fast|when will|when do|cu[aá]nto tarda|cu[aá]nto tiempo|cu[aá]ndo|combien de temps|quand|d[ée]lai|wie lange|wann|wie schnell|どのくらい|どれくらい|何日|いつ|多久|多长时间|几天|什么时候/i;
const ASKS_PRICE =
  /how much|cost|price|fee|charge|cu[aá]nto cuesta|cu[eé]sta|precio|coste|costo|tarifa|combien|co[uû]te?|prix|frais|tarif|wie ?viel|kostet|kosten|preis|gebühr|いくら|料金|送料|費用|多少钱|运费|费用|价格|收费/i;

export interface Question {
  measure?: Measure;
  subject?: Subject;
  service?: Service;
  regions: Region[];
}

/** What a shopper's question asks about: a time or a price, of which service, to where. */
export function questionOf(text: string): Question {
  const t = normalise(text);
  const time = ASKS_TIME.test(t);
  // "how much time" asks for a time; "how long and how much" for both, and a price sentence usually holds both.
  const price = ASKS_PRICE.test(t.replace(/how much time|combien de temps|wie ?viel Zeit|cu[aá]nto tiempo/gi, ""));
  const context = contextOf(t);
  return {
    measure: price ? "price" : time ? "time" : undefined,
    subject: context.subject,
    service: context.service,
    regions: context.regions,
  };
}

/**
 * True when a passage states a measure of the kind asked (a price for "how much", a duration for "how long"); with a
 * subject, only one about that subject counts (delivery times for a shipping question, not refund times).
 */
export function statesMeasure(text: string, measure: Measure, subject?: Subject): boolean {
  if (subject) {
    return extractClaims(text).some(
      (c) => measureOf(c.value) === measure && (c.subject === subject || (subject === "shipping" && c.subject === "processing")),
    );
  }
  // "Lost or late packages: if your tracking has not updated for 5 business days…" states no delivery time.
  return normalise(text)
    .split(/[;；\n]|(?<=[.!?])\s+|(?<=[。！？])/u)
    .some((segment) => !NOT_A_PROMISE.test(segment) && measuresIn(segment).some((m) => measureOf(m.value) === measure));
}

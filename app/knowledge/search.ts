import { questionOf, statesMeasure, type Measure, type Subject } from "./consistency";

/** A passage the bot can quote, with the source it names. */
export interface KnowledgeDoc {
  id: string;
  source: string;
  title: string;
  body: string;
  url?: string;
  /** Policy type or article kind, used to prefer the right document for an intent. */
  kind: string;
  /** The language it is written in (BCP-47), when known. */
  language?: string;
  /** One of the shop's legal policies from the Admin API (the source of truth), not a knowledge article. */
  policy?: boolean;
}

export interface KnowledgeHit {
  doc: KnowledgeDoc;
  excerpt: string;
  score: number;
  /** Distinct question terms found in the document, and how many of them in its title. */
  matched: number;
  titleMatched: number;
  /** Distinct terms of the title: titleMatched === titleTerms means the question names the whole title. */
  titleTerms: number;
}

const STOP = new Set(
  "a an the and or of to in on for is are be it my me i you your we our do does can how what when where which with from at by this that there".split(" "),
);

/** Words (Latin, Cyrillic…) and character bigrams for scripts written without spaces. */
export function tokens(text: string): string[] {
  const lower = text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  const out: string[] = [];
  for (const w of lower.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(w)) {
      for (let i = 0; i < w.length - 1; i++) out.push(w.slice(i, i + 2));
      if (w.length === 1) out.push(w);
    } else if (!STOP.has(w) && w.length > 1) {
      out.push(w.length > 4 ? w.replace(/(ing|ed|es|s)$/, "") : w);
    }
  }
  return out;
}

/** Plain text from a policy's HTML body. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h\d|\/div)[^>]*>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}

/** What shapes an excerpt besides the question's words: the measure asked for, a sentence that must be in it. */
export interface ExcerptFocus {
  measure?: Measure;
  subject?: Subject;
  containing?: string;
}

function excerptOf(body: string, query: Set<string>, focus: ExcerptFocus = {}, max = 320): { text: string; score: number } {
  const paragraphs = body.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  let best = { text: paragraphs[0] ?? "", score: 0 };
  // The passage that must be quoted (the policy sentence an article contradicts) decides on its own.
  const required = focus.containing ? paragraphs.find((p) => p.includes(focus.containing!)) : undefined;
  if (required) return { text: fit(required, query, focus, max), score: 1 };
  for (const [i, p] of paragraphs.entries()) {
    // Earlier paragraphs of a policy state its rule; later ones its exceptions.
    let score = (tokens(p).filter((t) => query.has(t)).length / Math.sqrt(1 + p.length / 200)) * (1 + 0.5 / (i + 1));
    // "How much is shipping?" wants the paragraph with the price in it, "how long" the one with the days.
    if (focus.measure && statesMeasure(p, focus.measure, focus.subject)) score = score * 2 + 0.01;
    if (score > best.score) best = { text: p, score };
  }
  return { text: fit(best.text, query, focus, max), score: best.score };
}

/** A paragraph cut to `max` characters around the sentence that holds what was asked. */
function fit(paragraph: string, query: Set<string>, focus: ExcerptFocus, max: number): string {
  if (paragraph.length <= max) return paragraph;
  const sentences = paragraph.split(/(?<=[.!?])\s+(?=\S)|(?<=[。！？])/u).filter((s) => s.trim());
  const scoreOf = (s: string) =>
    tokens(s).filter((t) => query.has(t)).length +
    (focus.measure && statesMeasure(s, focus.measure, focus.subject) ? 2 : 0) +
    (focus.containing && s.includes(focus.containing) ? 3 : 0);
  let at = 0;
  sentences.forEach((s, i) => {
    if (scoreOf(s) > scoreOf(sentences[at])) at = i;
  });
  // Sentences split after "。" had no space between them.
  const join = (a: string, b: string) => (/[。！？]$/.test(a) ? a + b : `${a} ${b}`);
  // Start at the paragraph's beginning when the sentence fits after it: the rule comes first, then its details.
  let from = sentences.slice(0, at + 1).reduce(join).length <= max ? 0 : at;
  let to = at;
  let text = sentences.slice(from, to + 1).reduce(join);
  while (to + 1 < sentences.length && join(text, sentences[to + 1]).length <= max) text = join(text, sentences[++to]);
  while (from > 0 && join(sentences[from - 1], text).length <= max) text = join(sentences[--from], text);
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf("。"));
  return end > 80 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

/** The passage of one document to quote for a question (used when another document's hit gives way to it). */
export function excerptFor(doc: KnowledgeDoc, question: string, focus: ExcerptFocus = {}): string {
  const { measure, subject } = questionOf(question);
  return excerptOf(doc.body, new Set(tokens(question)), { measure, subject, ...focus }).text;
}

/**
 * Ranks documents against a question (term overlap weighted by rarity, title counted twice), preferring the kinds
 * an intent names. Returns nothing when no document shares a meaningful term: the bot must not quote at random.
 */
export function searchKnowledge(docs: KnowledgeDoc[], question: string, preferKinds: string[] = []): KnowledgeHit[] {
  const q = new Set(tokens(question));
  if (!docs.length) return [];
  const { measure, subject } = questionOf(question);
  const df = new Map<string, number>();
  const docTokens = docs.map((d) => {
    const set = new Set([...tokens(d.title), ...tokens(d.body)]);
    for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
    return { title: new Set(tokens(d.title)), all: set };
  });
  const hits: KnowledgeHit[] = [];
  docs.forEach((doc, i) => {
    let score = 0;
    let matched = 0;
    let titleMatched = 0;
    for (const t of q) {
      if (!docTokens[i].all.has(t)) continue;
      const idf = Math.log(1 + docs.length / (df.get(t) ?? 1));
      const inTitle = docTokens[i].title.has(t);
      score += idf * (inTitle ? 2 : 1);
      matched += 1;
      if (inTitle) titleMatched += 1;
    }
    const preferred = preferKinds.indexOf(doc.kind);
    if (preferred >= 0) score += score > 0 ? 2 - preferred * 0.5 : 0.5;
    if (score <= 0) return;
    // "How much is shipping?" is better answered by a document that names a shipping price than by one without.
    if (measure && subject && matched > 0 && statesMeasure(doc.body, measure, subject)) score += 1;
    const excerpt = excerptOf(doc.body, q, { measure, subject });
    hits.push({
      doc,
      excerpt: excerpt.text,
      score: score + excerpt.score * 0.1,
      matched,
      titleMatched,
      titleTerms: docTokens[i].title.size,
    });
  });
  return hits.sort((a, b) => b.score - a.score);
}

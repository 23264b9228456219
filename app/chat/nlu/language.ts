/**
 * Language identification (ISO 639-1) for short chat messages, with a confidence and an "unsure" flag.
 * - The script decides outright where it is unambiguous (Hangul, kana, Han, Thai, Hebrew, Greek, ...); within
 *   Cyrillic and Arabic script, eld (60 languages) chooses.
 * - Latin script, where short messages are hard ("pon musica" is es, it, ca or pt to an n-gram detector): a softmax
 *   model (model/language.json, trained by train.ts) over character 1-4-grams, words and eld's own scores, so eld's
 *   knowledge of 60 languages is kept and our short shopper/everyday messages teach it which languages shops hear.
 * - Priors (the conversation's language so far, the storefront's, the shop's) add to the model's scores, so a short
 *   "ok gracias" in a Spanish conversation stays Spanish; below UNSURE the answer is flagged unsure and the caller
 *   keeps the conversation's language.
 * - Messages with almost no letters ("ok", "#1001") fall back to the caller's hint.
 */
import {
  EMAIL,
  fnvStart,
  fnvStep,
  foldWidth,
  SparseBuilder,
  URL,
  type SparseVector,
} from "./features";
import { logits, softmax } from "./linear";
import { loadModel } from "./models";
import { languageScores } from "./ngrams";

type Script =
  | "hangul"
  | "kana"
  | "han"
  | "cyrillic"
  | "arabic"
  | "latin"
  | "other";

const FIXED_SCRIPTS: [RegExp, string][] = [
  [/[\u0e00-\u0e7f]/gu, "th"],
  [/[\u0590-\u05ff]/gu, "he"],
  [/[\u0370-\u03ff]/gu, "el"],
  [/[\u10a0-\u10ff]/gu, "ka"],
  [/[\u0530-\u058f]/gu, "hy"],
  [/[\u0980-\u09ff]/gu, "bn"],
  [/[\u0b80-\u0bff]/gu, "ta"],
  [/[\u0c00-\u0c7f]/gu, "te"],
  [/[\u0a80-\u0aff]/gu, "gu"],
  [/[\u0a00-\u0a7f]/gu, "pa"],
  [/[\u0c80-\u0cff]/gu, "kn"],
  [/[\u0d00-\u0d7f]/gu, "ml"],
  [/[\u1200-\u137f]/gu, "am"],
  [/[\u0e80-\u0eff]/gu, "lo"],
];

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

const CYRILLIC_LANGS = ["ru", "uk", "bg", "sr", "be", "kk", "mk"];
const ARABIC_LANGS = ["ar", "fa", "ur", "ku"];
const DEVANAGARI_LANGS = ["hi", "mr", "ne"];

/** eld's best among a script's languages, unless it beats the script's usual language only by a hair. */
function bestOfScript(text: string, langs: string[], usual: string): string {
  const scores = eldScores(text);
  const top = best(scores, langs) ?? usual;
  return top !== usual && (scores[top] ?? 0) - (scores[usual] ?? 0) < 0.05
    ? usual
    : top;
}

/** Counts letters per script in one pass (regex matches per script cost more than the detection itself). */
function dominantScript(text: string): { script: Script; letters: number } {
  let hangul = 0;
  let kana = 0;
  let han = 0;
  let cyr = 0;
  let arab = 0;
  let latin = 0;
  let letters = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        latin++;
        letters++;
      }
      continue;
    }
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (c <= 0x24f) latin++;
    else if (
      (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x3130 && c <= 0x318f)
    )
      hangul++;
    else if (
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x31f0 && c <= 0x31ff) ||
      (c >= 0xff66 && c <= 0xff9f)
    )
      kana++;
    else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff))
      han++;
    else if (c >= 0x400 && c <= 0x4ff) cyr++;
    else if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f)) arab++;
  }
  if (hangul > 0 && hangul >= kana) return { script: "hangul", letters };
  // Any kana means Japanese: Japanese mixes kanji with kana, while Chinese never uses kana.
  if (kana > 0) return { script: "kana", letters };
  if (han > 0 && han * 2 >= letters) return { script: "han", letters };
  if (cyr > 0 && cyr * 2 >= letters) return { script: "cyrillic", letters };
  if (arab > 0 && arab * 2 >= letters) return { script: "arabic", letters };
  if (latin * 2 >= letters) return { script: "latin", letters };
  return { script: "other", letters };
}

// eld's n-gram scores, from the compact table (ngrams.ts).
const eldScores = (text: string): Record<string, number> => languageScores(text);

function best(
  scores: Record<string, number>,
  among?: string[]
): string | undefined {
  let top: string | undefined;
  for (const [lang, s] of Object.entries(scores)) {
    if (among && !among.includes(lang)) continue;
    if (top === undefined || s > scores[top]) top = lang;
  }
  return top;
}

export interface LanguagePriors {
  /** The conversation's language so far. */
  conversation?: string;
  /** The storefront's language (the locale the shopper browses in). */
  storefront?: string;
  /** The shop's primary language. */
  shop?: string;
}

export interface LanguageOptions {
  /** Caller's guess (shop or browser locale): the answer for messages without letters, and a weak prior. Default "en". */
  hint?: string;
  priors?: LanguagePriors;
}

export interface LanguageGuess {
  language: string;
  /** Probability of `language` among the candidates, 0..1. */
  confidence: number;
  /** Too little evidence to change the conversation's language on this message alone. */
  unsure: boolean;
}

/** Below this probability a guess is "unsure" (chosen on the validation sets, see eval.ts). */
export const UNSURE = 0.6;
/** The same for a one-word message. */
export const UNSURE_ONE_WORD = 0.9;

// Logit bonus per prior: the conversation is the strongest evidence, the shop's language the weakest.
const PRIOR_LOGITS: Record<keyof LanguagePriors | "hint", number> = {
  conversation: 1.2,
  storefront: 0.8,
  shop: 0.5,
  hint: 0.5,
};

const SEED_LANG_CHAR = 0x3c6ef372;
const SEED_LANG_WORD = 0xa54ff53a;
const SEED_LANG_ELD = 0x510e527f;
/** log2 of the language model's hash buckets. */
export const LANGUAGE_BITS = 16;

/** Features of a Latin-script message for the language model: char 1-4-grams per word, words, eld's top scores. */
export function languageFeatures(
  clean: string,
  scores: Record<string, number>
): SparseVector {
  const words = clean
    .toLowerCase()
    .normalize("NFC")
    .split(/[^\p{L}']+/u)
    .filter((w) => w.length > 0);
  const b = new SparseBuilder(LANGUAGE_BITS);
  // Character n-grams hashed incrementally over " word ", as featurize does: no substrings are built.
  let grams = 0;
  for (const w of words) grams += 4 * (w.length + 2) - 6 - 2;
  const gramScale = 1 / Math.sqrt(Math.max(1, grams));
  for (const w of words) {
    const padded = " " + w + " ";
    for (let i = 0; i < padded.length; i++) {
      let h = fnvStart(SEED_LANG_CHAR);
      for (let n = 1; n <= 4 && i + n <= padded.length; n++) {
        h = fnvStep(h, padded.charCodeAt(i + n - 1));
        if (n === 1 && padded.charCodeAt(i) === 32) continue;
        b.add(h >>> 0, gramScale);
      }
    }
  }
  const wordScale = 0.8 / Math.sqrt(Math.max(1, words.length));
  for (const w of words) b.addKey(w, SEED_LANG_WORD, wordScale);
  // eld's scores relative to its best, so a message's length (which scales eld's scores) does not matter.
  let top: string | undefined;
  let topScore = 0;
  let k = 0;
  for (const lang in scores) {
    if (k === 0) {
      top = lang;
      topScore = scores[lang] || 1;
    }
    if (k++ >= 10) break;
    b.addKey("eld:" + lang, SEED_LANG_ELD, scores[lang] / topScore);
  }
  if (top) b.addKey("top:" + top, SEED_LANG_ELD, 0.5);
  return b.build();
}

/**
 * Removes what says nothing about the language: order numbers, e-mails, links, tracking codes. Full-width forms are
 * folded first, so "ＯＫ" counts as Latin letters and "ＺＯＥ＠ＥＸＡＭＰＬＥ．ＯＲＧ" is removed as an address.
 */
export function languageText(text: string): string {
  return foldWidth(text)
    .replace(URL, " ")
    .replace(EMAIL, " ")
    .replace(/#?\d[\w-]*|\{\{[^}]*\}\}/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const sure = (language: string): LanguageGuess => ({
  language,
  confidence: 1,
  unsure: false,
});

/** The language of a message with a confidence; "unsure" when the message alone cannot tell. */
export function identifyLanguage(
  text: string,
  opts: LanguageOptions = {}
): LanguageGuess {
  const hint = (opts.hint ?? opts.priors?.conversation ?? "en")
    .toLowerCase()
    .slice(0, 2);
  const clean = languageText(text);
  const { script, letters } = dominantScript(clean);
  if (letters === 0) return { language: hint, confidence: 0, unsure: true };
  switch (script) {
    case "hangul":
      return sure("ko");
    case "kana":
      return sure("ja");
    case "han":
      // A few kanji with no kana ("了解", "返品") are as Japanese as Chinese: the conversation decides.
      if (letters <= 4 && hint === "ja")
        return { language: "ja", confidence: 0.5, unsure: true };
      return sure("zh");
    case "cyrillic":
      // Letters only Ukrainian uses decide it; otherwise eld among Cyrillic languages, Russian on a near-tie.
      if (/[ў]/iu.test(clean)) return sure("be");
      if (/[іїєґ]/iu.test(clean)) return sure("uk");
      return sure(bestOfScript(clean, CYRILLIC_LANGS, "ru"));
    case "arabic":
      return sure(bestOfScript(clean, ARABIC_LANGS, "ar"));
    case "other":
      if (count(clean, /[\u0900-\u097f]/gu) * 2 >= letters)
        return sure(bestOfScript(clean, DEVANAGARI_LANGS, "hi"));
      for (const [re, lang] of FIXED_SCRIPTS)
        if (count(clean, re) * 2 >= letters) return sure(lang);
      return sure(best(eldScores(clean)) ?? hint);
    case "latin":
      break;
  }
  // Two letters ("ok", "hi", "no") could be anything.
  if (letters < 3) return { language: hint, confidence: 0, unsure: true };
  const scores = eldScores(clean);
  const { model } = loadModel("language.json");
  const z = logits(model, languageFeatures(clean, scores));
  // The less a message says, the more the priors count: a one-word "super" leans on the conversation, a sentence
  // on itself.
  const strength = 1 + 10 / letters;
  const bonus = (lang: string | undefined, logit: number) => {
    const i = lang ? model.labels.indexOf(lang.toLowerCase().slice(0, 2)) : -1;
    if (i >= 0) z[i] += logit * strength;
  };
  for (const key of ["conversation", "storefront", "shop"] as const)
    bonus(opts.priors?.[key], PRIOR_LOGITS[key]);
  // The hint stands in for the conversation when the caller has no priors; the app passes both with the same
  // language, which must not count twice.
  if (opts.hint && !opts.priors?.conversation) bonus(opts.hint, PRIOR_LOGITS.hint);
  const p = softmax(z);
  let top = 0;
  for (let k = 1; k < p.length; k++) if (p[k] > p[top]) top = k;
  let language = model.labels[top];
  let confidence = p[top];
  // A language the model was not trained on (Hungarian, Slovak, Croatian...) is eld's call when eld is clearly sure.
  const eldTop = best(scores);
  if (eldTop && !model.labels.includes(eldTop)) {
    const known = Math.max(
      0,
      ...model.labels.map((l) => scores[l] ?? 0)
    );
    if ((scores[eldTop] ?? 0) - known >= ESCAPE_MARGIN) {
      language = eldTop;
      confidence = 0.5;
    }
  }
  // eld knows Malay but not Indonesian, which far more shoppers write; the two are hard to tell apart when short.
  if (language === "ms") language = "id";
  // One word ("super", "ok", "merci") is weak evidence: it must be near-certain to count.
  const oneWord = !/\s/.test(clean.trim());
  const unsure = confidence < (oneWord ? UNSURE_ONE_WORD : UNSURE);
  // Unsure is not a reason to switch: the conversation's language stands until a message clearly says otherwise.
  const conversation = opts.priors?.conversation?.toLowerCase().slice(0, 2);
  if (unsure && conversation) return { language: conversation, confidence, unsure };
  return { language, confidence, unsure };
}

// How far ahead of every language the model knows eld must put another one to be believed.
const ESCAPE_MARGIN = 0.12;

/** The ISO 639-1 code of a message's language, falling back to the hint when the message says too little. */
export function detectLanguage(
  text: string,
  opts: LanguageOptions = {}
): string {
  return identifyLanguage(text, opts).language;
}

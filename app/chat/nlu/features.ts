/**
 * Text normalisation and hashed sparse features shared by the intent and sentiment models.
 * Pure functions with no state, so training and inference featurise text identically.
 */

import { conceptsOf } from "./concepts";

/** A sparse feature vector: parallel arrays of bucket index and value. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

// Latin diacritics only: stripping all combining marks would also remove the Japanese voicing marks (U+3099/309A).
const LATIN_MARKS = /[\u0300-\u036f]/g;
const DIGITS = /\p{Nd}+/gu;
const NON_WORD = /[^\p{L}\p{N}#]+/gu;
// Han, kana, Hangul: these scripts do not separate words with spaces, so single characters carry meaning.
const CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;
// E-mail addresses and links say nothing about intent, but their parts ("yuki", "tanaka", "example") become random
// word and character features; one placeholder token each keeps only the fact that one was given.
/**
 * An e-mail address, Latin letters only: Chinese or Japanese written right against it ("我的邮箱是li.wei@qq.com订单1043")
 * is not part of it, and \p{L} would swallow it. Shared by the features, the language detector and the entities.
 */
export const EMAIL =
  /[A-Za-z0-9\u00c0-\u024f._%+-]+@[A-Za-z0-9\u00c0-\u024f-]+(?:\.[A-Za-z0-9\u00c0-\u024f-]+)*\.[A-Za-z]{2,}/gu;
/** A link: printable ASCII only, so text glued after it stays text. */
export const URL = /https?:\/\/[!-~]+/g;

/** Top-level domains common enough to trust in an address written loosely ("zoe@example,org", "zoe@gmail .com"). */
export const COMMON_TLDS = new Set(
  "com org net edu gov mil int info biz io co me app dev shop store online site xyz email mail us uk de fr es it nl be ch at se no dk fi pl pt br mx ar cl ca au nz jp cn hk tw kr sg in ru ua tr ie il za ae sa eg ma id my th vn ph cz gr hu ro".split(
    " "
  )
);

// Characters a CJK or Arabic keyboard produces where an ASCII one would: full-width forms (＃１０２７, ＠, ．, ：),
// the ideographic space, Arabic-Indic digits, dashes and the long-vowel mark between digits (090ー1234), and the
// ideographic full stop inside an e-mail address (an IME in Chinese mode types "。" for ".").
const FOLDABLE =
  /[\u0660-\u0669\u06f0-\u06f9\u2010-\u2015\u2212\u3000\u3002\u30fc\ufe6b\uff01-\uff5e\uff61\uff70]/;
const DASH_BETWEEN_DIGITS = /(?<=\d)[\u2010-\u2015\u2212\u30fc\uff70](?=\d)/g;
const IDEOGRAPHIC_STOP =
  /(?<=[A-Za-z0-9])[\u3002\uff61](?=([A-Za-z0-9-]+)([.@\u3002\uff61]?))/g;
const ADDRESS_CHAR = /[A-Za-z0-9._%+\-@\u3002\uff61]/;

/**
 * Maps what a shopper typed in full width (or with Arabic-Indic digits) to ASCII, one UTF-16 unit for one, so an
 * index into the result is an index into the original text. Text without such characters is returned as is.
 */
export function foldWidth(text: string): string {
  if (!FOLDABLE.test(text)) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out +=
      c >= 0xff01 && c <= 0xff5e
        ? String.fromCharCode(c - 0xfee0)
        : c === 0x3000
        ? " "
        : c >= 0x660 && c <= 0x669
        ? String.fromCharCode(c - 0x630)
        : c >= 0x6f0 && c <= 0x6f9
        ? String.fromCharCode(c - 0x6c0)
        : c === 0xfe6b
        ? "@"
        : text[i];
  }
  out = out.replace(DASH_BETWEEN_DIGITS, "-");
  // "。" is a dot only inside an address: between two of its labels, or before its top-level domain. A sentence
  // that ends right after the address ("zoe@qq.com。Thanks") keeps its full stop.
  return out.replace(
    IDEOGRAPHIC_STOP,
    (stop: string, label: string, next: string, at: number, s: string) => {
      if (!next && !COMMON_TLDS.has(label.toLowerCase())) return stop;
      let a = at;
      let b = at + 1;
      while (a > 0 && ADDRESS_CHAR.test(s[a - 1])) a--;
      while (b < s.length && ADDRESS_CHAR.test(s[b])) b++;
      return s.slice(a, b).includes("@") ? "." : stop;
    }
  );
}

/** Lower-cases, folds Latin accents and full-width forms, and maps every digit run to one "0" (order numbers vary). */
export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(LATIN_MARKS, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(DIGITS, "0")
    .replace(/[’‘`]/g, "'")
    .replace(/'/g, "");
}

/** Splits normalised text into word tokens (letters, digits, and "#" so "#0" stays an order-number cue). */
export function tokenize(normalized: string): string[] {
  return normalized.split(NON_WORD).filter((t) => t.length > 0);
}

// FNV-1a with a per-feature-kind seed, folded into the table with a mask (the table size is a power of two).
function hash(str: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface FeatureOptions {
  /** log2 of the number of hash buckets. */
  bits: number;
  /** Smallest and largest character n-gram. */
  charMin: number;
  charMax: number;
  /** Weight of the cross-lingual glossary features (0 or absent: off). */
  concepts?: number;
  /**
   * Weight of negation-scoped words (0 or absent: off): the words after "not", "never", "n't"... up to the end of
   * the clause also count as "!word", so "not worth it" and "never had a problem" are learnt apart from their words.
   */
  negation?: number;
}

const SEED_WORD = 0x9e3779b1;
const SEED_BIGRAM = 0x85ebca6b;
const SEED_CHAR = 0xc2b2ae35;
const SEED_CJK = 0x27d4eb2f;
const SEED_CONCEPT = 0x165667b1;
const SEED_NEGATED = 0x5bd1e995;

// Negators after normalize() (accents folded, apostrophes dropped: "don't" -> "dont").
const NEGATORS = new Set(
  "not no never nothing nobody none neither nor without hardly barely dont doesnt didnt isnt wasnt arent werent cant cannot couldnt wont wouldnt shouldnt havent hasnt hadnt aint nope ni nunca nada jamais rien sans nicht kein keine keinen nie niemals ohne non mai niente senza nao nem nunca niet geen nooit zonder".split(
    " "
  )
);
// Clause ends: the scope of a negation stops here ("not cheap, but great" keeps "great" positive).
const CLAUSE_END = /[.,;:!?¡¿。，、；：！？…]|\b(but|however|though|although|yet|pero|mais|aber|ma|mas|maar)\b/u;
const MAX_SCOPE = 4;

/** The words inside the scope of a negator, each once per occurrence, marked with "!". */
export function negatedWords(text: string): string[] {
  const out: string[] = [];
  for (const clause of normalize(text).split(CLAUSE_END)) {
    if (!clause) continue;
    const tokens = tokenize(clause);
    let scope = 0;
    for (const t of tokens) {
      if (NEGATORS.has(t)) {
        scope = MAX_SCOPE;
        continue;
      }
      if (scope > 0) {
        out.push("!" + t);
        scope--;
      }
    }
  }
  return out;
}

// One dense scratch accumulator per table size, reused across calls: cheaper than a Map per message.
const scratch = new Map<number, { acc: Float32Array; touched: Int32Array }>();

/** Accumulates hashed features into a sparse vector with a reusable dense scratch table (no Map per message). */
export class SparseBuilder {
  private readonly mask: number;
  private readonly acc: Float32Array;
  private touched: Int32Array;
  private n = 0;

  constructor(bits: number) {
    this.mask = (1 << bits) - 1;
    let buf = scratch.get(bits);
    if (!buf) {
      buf = {
        acc: new Float32Array(1 << bits),
        touched: new Int32Array(4096),
      };
      scratch.set(bits, buf);
    }
    this.acc = buf.acc;
    this.touched = buf.touched;
  }

  /** Adds v at the bucket of a 32-bit hash. */
  add(h: number, v: number): void {
    const idx = h & this.mask;
    if (this.acc[idx] === 0) {
      if (this.n === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
        scratch.get(Math.log2(this.mask + 1))!.touched = grown;
      }
      this.touched[this.n++] = idx;
    }
    // A sum that cancels to exactly 0 would be dropped from `touched` bookkeeping; nudge it instead.
    this.acc[idx] = this.acc[idx] + v || 1e-12;
  }

  addKey(key: string, seed: number, v: number): void {
    this.add(hash(key, seed), v);
  }

  /** The vector so far; the scratch table is cleared for the next message. */
  build(): SparseVector {
    const indices = new Int32Array(this.n);
    const values = new Float32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const idx = this.touched[i];
      indices[i] = idx;
      values[i] = this.acc[idx];
      this.acc[idx] = 0;
    }
    this.n = 0;
    return { indices, values };
  }
}

/** FNV-1a seed state, for hashing character n-grams incrementally (see featurize). */
export const fnvStart = (seed: number) => (0x811c9dc5 ^ seed) >>> 0;
export const fnvStep = (h: number, code: number) =>
  Math.imul(h ^ code, 0x01000193);

/**
 * Hashes a message into word unigrams and bigrams, character n-grams over the space-joined tokens (robust to typos
 * and needed for CJK, which has no spaces), single CJK characters, and glossary concepts. Each kind is
 * L2-normalised separately and weighted so that long messages do not dominate and no kind drowns the others.
 */
export function featurize(text: string, opts: FeatureOptions): SparseVector {
  const b = new SparseBuilder(opts.bits);
  const addGroup = (keys: string[], seed: number, weight: number) => {
    if (keys.length === 0) return;
    const scale = weight / Math.sqrt(keys.length);
    for (const k of keys) b.addKey(k, seed, scale);
  };

  const normalized = normalize(
    text.replace(URL, " #link ").replace(EMAIL, " #mail ")
  );
  const tokens = tokenize(normalized);
  addGroup(tokens, SEED_WORD, 1);
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++)
    bigrams.push(tokens[i] + " " + tokens[i + 1]);
  // Start and end markers let short messages ("refund pls") carry positional cues.
  if (tokens.length > 0) {
    bigrams.push("^ " + tokens[0]);
    bigrams.push(tokens[tokens.length - 1] + " $");
  }
  addGroup(bigrams, SEED_BIGRAM, 0.7);

  // Character n-grams hashed incrementally (FNV-1a is sequential), without building substrings. UTF-16 code units:
  // an emoji's surrogate halves become grams too, identically at training and inference time.
  const joined = " " + tokens.join(" ") + " ";
  const len = joined.length;
  let grams = 0;
  for (let n = opts.charMin; n <= opts.charMax; n++)
    grams += Math.max(0, len - n + 1);
  if (opts.charMin === 1) grams -= tokens.length + 1; // lone spaces are skipped
  if (grams > 0) {
    const scale = 1 / Math.sqrt(grams);
    for (let i = 0; i < len; i++) {
      let h = fnvStart(SEED_CHAR);
      for (let n = 1; n <= opts.charMax && i + n <= len; n++) {
        h = fnvStep(h, joined.charCodeAt(i + n - 1));
        if (n < opts.charMin || (n === 1 && joined.charCodeAt(i) === 32))
          continue;
        b.add(h >>> 0, scale);
      }
    }
  }

  const cjk: string[] = [];
  for (const c of normalized) if (CJK_CHAR.test(c)) cjk.push(c);
  addGroup(cjk, SEED_CJK, 0.8);

  if (opts.concepts) {
    // Glossary concepts and their pairs: the pair ("refund", "when") is what separates track_refund from get_refund.
    const concepts = conceptsOf(normalized, tokens);
    const keys = concepts.map((c) => "@" + c);
    for (let i = 0; i < concepts.length; i++) {
      for (let j = i + 1; j < concepts.length; j++)
        keys.push("@" + concepts[i] + "+" + concepts[j]);
    }
    addGroup(keys, SEED_CONCEPT, opts.concepts);
  }

  if (opts.negation) addGroup(negatedWords(text), SEED_NEGATED, opts.negation);

  return b.build();
}

/**
 * eld's language n-gram scores (60 languages, its "large" database) in a compact table: the same n-grams and
 * scores, read with the same windowing, in about 6 MB instead of the ~390 MB that eld's own object of objects takes
 * once loaded (measured by bench:nlu). train.ts builds model/ngrams.json from the eld package
 * (Apache-2.0, Nito T.M.; see data/ATTRIBUTION.md); the running app never loads eld itself.
 *
 * How eld scores a text, which this reproduces: letters only (separators become spaces), lower-case, each word as
 * UTF-8 bytes where bytes >= 0x80 are written with eld's 128-character dictionary; n-grams of 4 bytes with a stride
 * of 3 (" " marks a word's start and end), each distinct n-gram counted once; every language listed for an n-gram
 * gets its score + 53; a language's score is s / (s + 25) with s = its sum / the number of distinct n-grams.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// Letters, and apostrophes inside contractions ("don't"), as eld's separator pattern keeps them.
const SEPARATORS = /[^\p{L}]+(?<![\x27\x60\u2019])/gu;
const BASE_SCORE = 53;
const SCALE = 25;
const CHECK_SEED = 0x2545f491;
const CUT_AFTER = 350;
const ENFORCE_CUT_AFTER = 380;

export interface NgramTable {
  languages: string[];
  /** The characters eld writes for the bytes 0x80..0xff. */
  highBytes: string;
  /** Open addressing: key hash per slot (0 = empty), and a second, independent hash that must match too. */
  keys: Uint32Array;
  check: Uint32Array;
  start: Uint32Array;
  count: Uint8Array;
  /** Pairs of (language index, score) per n-gram. */
  entries: Uint8Array;
}

function hashKey(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // 0 marks an empty slot.
  return h >>> 0 || 1;
}

/** Builds the table from eld's database object ({ languages, ngrams: { key: { langIndex: score } } }). */
export function buildNgramTable(
  data: {
    languages: Record<number, string>;
    ngrams: Record<string, Record<number, number>>;
  },
  dictionary: string[]
): NgramTable {
  const keys = Object.keys(data.ngrams);
  let size = 1;
  while (size < keys.length * 2) size <<= 1;
  const table: NgramTable = {
    languages: Object.keys(data.languages)
      .map(Number)
      .sort((a, b) => a - b)
      .map((i) => data.languages[i]),
    highBytes: dictionary.slice(0x80, 0x100).join(""),
    keys: new Uint32Array(size),
    check: new Uint32Array(size),
    start: new Uint32Array(size),
    count: new Uint8Array(size),
    entries: new Uint8Array(
      2 * keys.reduce((n, k) => n + Object.keys(data.ngrams[k]).length, 0)
    ),
  };
  let offset = 0;
  for (const key of keys) {
    const h = hashKey(key);
    const c = hashKey(key, CHECK_SEED);
    let slot = h & (size - 1);
    while (table.keys[slot] !== 0) {
      if (table.keys[slot] === h && table.check[slot] === c)
        throw new Error(`n-gram hash collision on ${JSON.stringify(key)}`);
      slot = (slot + 1) & (size - 1);
    }
    table.keys[slot] = h;
    table.check[slot] = c;
    table.start[slot] = offset / 2;
    const langs = data.ngrams[key];
    let n = 0;
    for (const lang of Object.keys(langs)) {
      table.entries[offset++] = Number(lang);
      table.entries[offset++] = langs[Number(lang)];
      n++;
    }
    table.count[slot] = n;
  }
  return table;
}

export function serializeNgramTable(t: NgramTable): string {
  const parts = [t.keys, t.check, t.start, t.count, t.entries].map((a) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength)
  );
  return JSON.stringify({
    format: "shopdesk-ngrams-v1",
    source: "eld 2.1.0 large (Apache-2.0, Nito T.M.)",
    languages: t.languages,
    highBytes: t.highBytes,
    size: t.keys.length,
    entries: t.entries.length,
    blob: gzipSync(Buffer.concat(parts), { level: 9 }).toString("base64"),
  });
}

export function deserializeNgramTable(json: string): NgramTable {
  const d = JSON.parse(json);
  if (d.format !== "shopdesk-ngrams-v1")
    throw new Error(`unknown n-gram table format: ${String(d.format)}`);
  const buf = gunzipSync(Buffer.from(d.blob, "base64"));
  const size = d.size as number;
  // Copies, so each array is aligned and owns its memory.
  let off = 0;
  const take = (bytes: number) => {
    const b = buf.subarray(off, off + bytes);
    off += bytes;
    return new Uint8Array(b).buffer;
  };
  return {
    languages: d.languages,
    highBytes: d.highBytes,
    keys: new Uint32Array(take(size * 4)),
    check: new Uint32Array(take(size * 4)),
    start: new Uint32Array(take(size * 4)),
    count: new Uint8Array(take(size)),
    entries: new Uint8Array(take(d.entries)),
  };
}

/** Words as eld encodes them: ASCII as is, other characters as UTF-8 bytes written with its dictionary. */
function encodedWords(text: string, highBytes: string): string[] {
  const words: string[] = [];
  let word = "";
  let bytes = 0;
  const byte = (b: number) => highBytes[b - 0x80];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 32) {
        if (word) words.push(word);
        word = "";
        if (bytes > CUT_AFTER) break;
      } else word += text[i];
      bytes++;
    } else if (c < 0x800) {
      word += byte(0xc0 | (c >> 6)) + byte(0x80 | (c & 0x3f));
      bytes += 2;
    } else if (c < 0xd800 || c >= 0xe000) {
      word +=
        byte(0xe0 | (c >> 12)) +
        byte(0x80 | ((c >> 6) & 0x3f)) +
        byte(0x80 | (c & 0x3f));
      bytes += 3;
    } else {
      i++;
      c = 0x10000 + (((c & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
      word +=
        byte(0xf0 | (c >> 18)) +
        byte(0x80 | ((c >> 12) & 0x3f)) +
        byte(0x80 | ((c >> 6) & 0x3f)) +
        byte(0x80 | (c & 0x3f));
      bytes += 4;
    }
    if (bytes > ENFORCE_CUT_AFTER) break;
  }
  if (word) words.push(word);
  return words;
}

/** The distinct n-grams of a text, as eld cuts them. */
function ngramsOf(text: string, highBytes: string): Set<string> {
  const grams = new Set<string>();
  const clean = text.substring(0, 1000).replace(SEPARATORS, " ").trim().toLowerCase();
  for (const word of encodedWords(clean, highBytes)) {
    const len = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < len; j += 3)
      grams.add((j === 0 ? " " : "") + word.substring(j, j + 4));
    grams.add(
      (j === 0 ? " " : "") + word.substring(len !== 3 ? len - 4 : 0) + " "
    );
  }
  return grams;
}

/** Per-language scores (0..1) of a text, highest first, for the languages with any n-gram in it. */
export function ngramScores(
  table: NgramTable,
  text: string
): Record<string, number> {
  const grams = ngramsOf(text, table.highBytes);
  const sums = new Float64Array(table.languages.length);
  const mask = table.keys.length - 1;
  for (const g of grams) {
    const h = hashKey(g);
    const c = hashKey(g, CHECK_SEED);
    let slot = h & mask;
    while (
      table.keys[slot] !== 0 &&
      (table.keys[slot] !== h || table.check[slot] !== c)
    )
      slot = (slot + 1) & mask;
    if (table.keys[slot] === 0) continue;
    const start = table.start[slot] * 2;
    const end = start + table.count[slot] * 2;
    for (let e = start; e < end; e += 2)
      sums[table.entries[e]] += table.entries[e + 1] + BASE_SCORE;
  }
  const ranked: [string, number][] = [];
  for (let l = 0; l < sums.length; l++) {
    if (sums[l] <= 0) continue;
    const s = sums[l] / grams.size;
    ranked.push([table.languages[l], s / (s + SCALE)]);
  }
  ranked.sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(ranked);
}

let loaded: NgramTable | undefined;

/** The shipped table (model/ngrams.json), loaded once. */
export function ngramTable(): NgramTable {
  if (!loaded) {
    const candidates = [
      fileURLToPath(new URL("./model/ngrams.json", import.meta.url)),
      join(process.cwd(), "app", "chat", "nlu", "model", "ngrams.json"),
    ];
    const path = candidates.find((p) => existsSync(p));
    if (!path)
      throw new Error(
        `NLU n-gram table not found (looked in ${candidates.join(", ")}); run npm run train`
      );
    loaded = deserializeNgramTable(readFileSync(path, "utf8"));
  }
  return loaded;
}

/** eld-large-equivalent language scores of a text from the shipped table. */
export function languageScores(text: string): Record<string, number> {
  return ngramScores(ngramTable(), text);
}

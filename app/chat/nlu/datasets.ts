/**
 * Loaders for the files in ./data and the fixed train / held-out splits, shared by train.ts, eval.ts and the tests
 * so that every one of them sees the same rows on the same side of each split.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const DATA_DIR = fileURLToPath(new URL("./data/", import.meta.url));

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, commas and newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}

function readRecords(file: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(DATA_DIR + file, "utf8"));
  return rows.map((r) =>
    Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))
  );
}

export interface IntentRow {
  text: string;
  intent: string;
  language: string;
}

export type IntentFile =
  | "bitext-train.csv"
  | "bitext-validation.csv"
  | "extra-intents.csv"
  | "human-train.csv"
  | "more-intents.csv"
  | "human-validation.csv";

/** The intent files train.ts learns from. */
export const INTENT_TRAINING_FILES = [
  "bitext-train.csv",
  "extra-intents.csv",
  "human-train.csv",
  "more-intents.csv",
] as const;

/** Rows of one intent file; Bitext rows are all English. */
export function loadIntents(file: IntentFile): IntentRow[] {
  return readRecords(file).map((r) => ({
    text: r.utterance,
    intent: r.intent,
    language: r.language || "en",
  }));
}

export interface PolarityRow {
  text: string;
  positive: boolean;
  source: "yelp" | "waimai";
}

// Every fifth row is held out: a fixed rule instead of a random draw, so the split never moves between runs.
const isHeldOut = (i: number) => i % 5 === 4;

/** Yelp (English) and waimai (Chinese) review polarity rows, on one side of the fixed 80/20 split. */
export function loadPolarity(side: "train" | "test"): PolarityRow[] {
  const yelp = readFileSync(DATA_DIR + "yelp_labelled.txt", "utf8")
    .split("\n")
    .filter((l) => l.includes("\t"))
    .map((l): PolarityRow => {
      const [text, label] = l.split("\t");
      return {
        text: text.trim(),
        positive: label.trim() === "1",
        source: "yelp",
      };
    });
  const waimai = readRecords("waimai_10k.csv").map(
    (r): PolarityRow => ({
      text: r.review,
      positive: r.label === "1",
      source: "waimai",
    })
  );
  return [...yelp, ...waimai].filter(
    (_, i) => isHeldOut(i) === (side === "test")
  );
}

export interface AngerRow {
  text: string;
  angry: boolean;
  language: string;
}

/** The hand-written anger set (short shopper posts, several languages). */
export function loadAnger(): AngerRow[] {
  return readRecords("anger.csv").map((r) => ({
    text: r.text,
    angry: r.angry === "1",
    language: r.language,
  }));
}

/** Short utterances labelled with their language: the multilingual intent rows plus language-short.csv. */
export function loadLanguageSet(): { text: string; language: string }[] {
  const rows: { text: string; language: string }[] = [];
  for (const file of [
    "human-train.csv",
    "human-validation.csv",
    "extra-intents.csv",
  ] as const) {
    for (const r of loadIntents(file))
      rows.push({ text: r.text, language: r.language });
  }
  for (const r of readRecords("language-short.csv"))
    rows.push({ text: r.text, language: r.language });
  return rows;
}

/** Which part of a blind set: "dev" was used for one round of error analysis, "final" never was. */
export type BlindSplit = "dev" | "final" | "all";

// Every third data row is the untouched final check: a fixed rule so nobody can move rows between the parts.
const inBlindSplit = (i: number, split: BlindSplit) =>
  split === "all" || (i % 3 === 2) === (split === "final");

function readBlind(file: string): Record<string, string>[] {
  const text = readFileSync(DATA_DIR + "blind/" + file, "utf8");
  if (file.endsWith(".tsv")) {
    const [header, ...lines] = text.split("\n").filter((l) => l.trim());
    const keys = header.split("\t");
    return lines.map((l) => {
      const cells = l.split("\t");
      return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? ""]));
    });
  }
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) =>
    Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))
  );
}

// Case, accents, punctuation and spacing do not make a message new.
const sameText = (t: string) =>
  t
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

let trainingTexts: Set<string> | undefined;

/** True when a message (up to case and punctuation) is already a row of the intent training data. */
export function isTrainingText(text: string): boolean {
  trainingTexts ??= new Set(
    INTENT_TRAINING_FILES.flatMap((f) =>
      loadIntents(f).map((r) => sameText(r.text))
    )
  );
  return trainingTexts.has(sameText(text));
}

/**
 * Blind intent rows: the in-scope questions plus the out-of-scope ones (labelled "unknown"). Short everyday phrases
 * ("tell me a joke", "i want my money back") were written independently but also occur in the training files; such
 * rows test memory, not generalisation, so they are left out unless `keepTrainingDuplicates` is set.
 */
export function loadBlindIntents(
  split: BlindSplit,
  keepTrainingDuplicates = false
): IntentRow[] {
  const rows = loadBlindIntentsAll(split);
  return keepTrainingDuplicates
    ? rows
    : rows.filter((r) => !isTrainingText(r.text));
}

function loadBlindIntentsAll(split: BlindSplit): IntentRow[] {
  const inScope = readBlind("intents.csv")
    .filter((_, i) => inBlindSplit(i, split))
    .map((r) => ({
      text: r.utterance,
      intent: r.intent,
      language: r.language,
    }));
  const outOfScope = readBlind("out-of-scope.csv")
    .filter((_, i) => inBlindSplit(i, split))
    .map((r) => ({
      text: r.utterance,
      intent: "unknown",
      language: r.language,
    }));
  return [...inScope, ...outOfScope];
}

/** Blind social posts labelled angry or not. */
export function loadBlindAnger(split: BlindSplit): AngerRow[] {
  return readBlind("anger.csv")
    .filter((_, i) => inBlindSplit(i, split))
    .map((r) => ({
      text: r.text,
      angry: r.angry === "1",
      language: r.language,
    }));
}

/** Blind product-review sentences (clothing, electronics, home goods) in English and Chinese. */
export function loadBlindReviews(
  split: BlindSplit
): { text: string; positive: boolean; language: string }[] {
  return readBlind("reviews.tsv")
    .filter((_, i) => inBlindSplit(i, split))
    .map((r) => ({
      text: r.text,
      positive: r.positive === "1",
      language: r.language,
    }));
}

/** Blind short everyday messages (not about shopping) labelled with their language. */
export function loadBlindLanguage(
  split: BlindSplit
): { text: string; language: string }[] {
  return readBlind("language.csv")
    .filter((_, i) => inBlindSplit(i, split))
    .map((r) => ({ text: r.text, language: r.language }));
}

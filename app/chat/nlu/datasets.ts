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

/** The intent files train.ts learns from: Bitext, then the hand-written ones. */
export const INTENT_TRAINING_FILES = [
  "bitext-train.csv",
  "extra-intents.csv",
  "human-train.csv",
  "more-intents.csv",
  "shopper-en.csv",
  "shopper-en-2.csv",
  "shopper-cjk.csv",
  "shopper-eu.csv",
  "shopper-more.csv",
  "shopper-mixed-3.csv",
  "shopper-core-6.csv",
  "one-word.csv",
  "negation-intents.csv",
  "shop-services.csv",
  "out-of-scope.csv",
] as const;

/**
 * The team's own validation files, never trained on: human-validation.csv (the first author's style) and
 * validation-shoppers.csv (another author, other sentence shapes: e-mails, dictation, tweets, non-native English).
 */
export const INTENT_VALIDATION_FILES = [
  "human-validation.csv",
  "validation-shoppers.csv",
] as const;

export type IntentFile =
  | (typeof INTENT_TRAINING_FILES)[number]
  | (typeof INTENT_VALIDATION_FILES)[number]
  | "bitext-validation.csv";

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
  source: "yelp" | "waimai" | "reviews-en" | "reviews-zh";
  language: "en" | "zh";
}

// Every fifth row is held out: a fixed rule instead of a random draw, so the split never moves between runs.
const isHeldOut = (i: number) => i % 5 === 4;

/** Rows of a `text<TAB>positive<TAB>language` file (the team's review sentences). */
export function loadReviewFile(
  file:
    | "reviews-en.tsv"
    | "reviews-en-2.tsv"
    | "reviews-en-3.tsv"
    | "reviews-en-4.tsv"
    | "reviews-zh.tsv"
    | "reviews-zh-long.tsv"
    | "reviews-zh-3.tsv"
    | "reviews-en-validation.tsv"
    | "reviews-zh-validation.tsv"
): { text: string; positive: boolean; language: string }[] {
  const [header, ...lines] = readFileSync(DATA_DIR + file, "utf8")
    .split("\n")
    .filter((l) => l.trim());
  const keys = header.split("\t");
  return lines.map((l) => {
    const cells = Object.fromEntries(
      l.split("\t").map((c, i) => [keys[i], c.trim()])
    );
    return {
      text: cells.text,
      positive: cells.positive === "1",
      language: cells.language,
    };
  });
}

/**
 * Review polarity rows. "train": 80% of Yelp (English) and waimai (Chinese, food delivery) plus the team's review
 * sentences (reviews-en*.tsv, reviews-zh*.tsv: many domains). "test": the held-out fifth of Yelp and waimai.
 */
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
        language: "en",
      };
    });
  const waimai = readRecords("waimai_10k.csv").map(
    (r): PolarityRow => ({
      text: r.review,
      positive: r.label === "1",
      source: "waimai",
      language: "zh",
    })
  );
  const split = [...yelp, ...waimai].filter(
    (_, i) => isHeldOut(i) === (side === "test")
  );
  if (side === "test") return split;
  const team = (
    [
      ["reviews-en.tsv", "en"],
      ["reviews-en-2.tsv", "en"],
      ["reviews-en-3.tsv", "en"],
      ["reviews-en-4.tsv", "en"],
      ["reviews-zh.tsv", "zh"],
      ["reviews-zh-long.tsv", "zh"],
      ["reviews-zh-3.tsv", "zh"],
    ] as const
  ).flatMap(([file, language]) =>
    loadReviewFile(file).map(
      (r): PolarityRow => ({
        text: r.text,
        positive: r.positive,
        source: `reviews-${language}`,
        language,
      })
    )
  );
  return [...split, ...team];
}

export interface AngerRow {
  text: string;
  angry: boolean;
  language: string;
}

/**
 * Social posts labelled angry or not (anger-social.csv: anger next to its hard negatives, sadness, fear, joy in
 * capitals, polite complaints), on one side of the fixed 80/20 split.
 */
export function loadAngerSocial(side: "train" | "test"): AngerRow[] {
  return readRecords("anger-social.csv")
    .map((r) => ({
      text: r.text,
      angry: r.angry === "1",
      language: r.language,
    }))
    .filter((_, i) => isHeldOut(i) === (side === "test"));
}

/** A second author's social posts (anger-social-2.csv), all used for training. */
export function loadAngerSocial2(): AngerRow[] {
  return readRecords("anger-social-2.csv").map((r) => ({
    text: r.text,
    angry: r.angry === "1",
    language: r.language,
  }));
}

/** The hand-written anger set (short shopper posts, several languages). */
export function loadAnger(): AngerRow[] {
  return readRecords("anger.csv").map((r) => ({
    text: r.text,
    angry: r.angry === "1",
    language: r.language,
  }));
}

export interface LanguageRow {
  text: string;
  language: string;
}

/**
 * Messages labelled with their language, on one side of a fixed split. Training: the hand-written intent rows,
 * language-short.csv, two thirds of language-everyday.csv and language-phrases.csv, and every tenth Bitext row
 * (English). Validation: the other thirds and the intent validation files' rows.
 */
export function loadLanguageRows(side: "train" | "validation"): LanguageRow[] {
  const read = (file: string) =>
    readRecords(file).map((r) => ({ text: r.text, language: r.language }));
  const everyday = read("language-everyday.csv");
  const phrases = read("language-phrases.csv");
  const held = (i: number) => i % 3 === 2;
  if (side === "validation") {
    // Short everyday phrases ("turn off the lights") were written independently in several files; a validation row
    // that is also a training row tests memory, so it is left out.
    const train = new Set(loadLanguageRows("train").map((r) => sameText(r.text)));
    return [
      ...everyday.filter((_, i) => held(i)),
      ...phrases.filter((_, i) => held(i)),
      ...INTENT_VALIDATION_FILES.flatMap((f) =>
        loadIntents(f).map((r) => ({ text: r.text, language: r.language }))
      ),
    ].filter((r) => !train.has(sameText(r.text)));
  }
  const rows: LanguageRow[] = [
    ...everyday.filter((_, i) => !held(i)),
    ...phrases.filter((_, i) => !held(i)),
  ];
  for (const file of INTENT_TRAINING_FILES) {
    const intents = loadIntents(file);
    for (let i = 0; i < intents.length; i++) {
      if (file === "bitext-train.csv" && i % 10 !== 0) continue;
      rows.push({ text: intents[i].text, language: intents[i].language });
    }
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

/**
 * Case, accents, punctuation and spacing do not make a message new: the key two texts are compared by. A message of
 * only emoji or punctuation ("👍👍", "???") is its own key.
 */
export const sameText = (t: string) =>
  t
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim() || t.trim();

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

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  INTENT_TRAINING_FILES,
  INTENT_VALIDATION_FILES,
  loadAngerSocial,
  loadAngerSocial2,
  loadIntents,
  loadLanguageRows,
  loadReviewFile,
  parseCsv,
  sameText,
} from "./datasets";
import { intentLabels } from "./intent";

const DATA = fileURLToPath(new URL("./data/", import.meta.url));
const ISO = /^[a-z]{2}$/;
const hand = INTENT_TRAINING_FILES.filter((f) => f !== "bitext-train.csv");

/** Rows of a CSV or TSV file as records, with the header checked. */
function records(file: string, header: string[]): Record<string, string>[] {
  const text = readFileSync(DATA + file, "utf8");
  const rows = file.endsWith(".tsv")
    ? text
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => l.split("\t"))
    : parseCsv(text);
  expect(rows[0], `${file}: header`).toEqual(header);
  return rows.slice(1).map((r, i) => {
    expect(r, `${file}: row ${i + 2} has ${r.length} fields`).toHaveLength(
      header.length
    );
    return Object.fromEntries(header.map((h, j) => [h, r[j]]));
  });
}

// Within a file, "hi" and "hi!" may both stand (punctuation is part of how people write); the same text twice may not.
const duplicates = (texts: string[]) => {
  const seen = new Set<string>();
  return texts.filter((t) => {
    const k = t.trim().toLowerCase();
    if (seen.has(k)) return true;
    seen.add(k);
    return false;
  });
};

describe("data files", () => {
  it("names every data file in ATTRIBUTION.md", () => {
    const attribution = readFileSync(DATA + "ATTRIBUTION.md", "utf8");
    for (const f of readdirSync(DATA).filter((f) => /\.(csv|tsv|txt)$/.test(f)))
      expect(attribution, f).toContain(f);
  });

  it.each([...hand, ...INTENT_VALIDATION_FILES])(
    "%s: utterance, a known intent and a language code on every row, no duplicates",
    (file) => {
      const rows = records(file, ["utterance", "intent", "language"]);
      expect(rows.length).toBeGreaterThan(20);
      const labels = new Set(intentLabels());
      for (const r of rows) {
        expect(r.utterance.trim(), file).not.toBe("");
        expect(labels.has(r.intent), `${file}: intent ${r.intent}`).toBe(true);
        expect(r.language, `${file}: ${r.utterance}`).toMatch(ISO);
      }
      expect(duplicates(rows.map((r) => r.utterance))).toEqual([]);
    }
  );

  it.each([
    "reviews-en.tsv",
    "reviews-en-2.tsv",
    "reviews-en-3.tsv",
    "reviews-en-4.tsv",
    "reviews-zh.tsv",
    "reviews-zh-long.tsv",
    "reviews-zh-3.tsv",
    "reviews-en-validation.tsv",
    "reviews-zh-validation.tsv",
  ] as const)(
    "%s: text, 0/1 and a language on every row, both classes",
    (file) => {
      const rows = records(file, ["text", "positive", "language"]);
      for (const r of rows) {
        expect(r.text.trim()).not.toBe("");
        expect(["0", "1"]).toContain(r.positive);
        expect(["en", "zh"]).toContain(r.language);
      }
      const positive = rows.filter((r) => r.positive === "1").length;
      expect(positive / rows.length).toBeGreaterThan(0.4);
      expect(positive / rows.length).toBeLessThan(0.6);
      expect(duplicates(rows.map((r) => r.text))).toEqual([]);
    }
  );

  it.each(["anger-social.csv", "anger-social-2.csv", "anger.csv"])(
    "%s: text, 0/1 and a language on every row",
    (file) => {
      const rows = records(file, ["text", "angry", "language"]);
      for (const r of rows) {
        expect(["0", "1"]).toContain(r.angry);
        expect(r.language).toMatch(ISO);
      }
      expect(duplicates(rows.map((r) => r.text))).toEqual([]);
    }
  );

  it.each(["language-everyday.csv", "language-phrases.csv", "language-short.csv"])(
    "%s: text and a language code on every row",
    (file) => {
      const rows = records(file, ["text", "language"]);
      for (const r of rows) expect(r.language, r.text).toMatch(ISO);
      expect(duplicates(rows.map((r) => r.text))).toEqual([]);
    }
  );
});

describe("train and validation splits", () => {
  it("share no intent utterance", () => {
    const train = new Set(
      INTENT_TRAINING_FILES.flatMap((f) => loadIntents(f).map((r) => sameText(r.text)))
    );
    for (const f of INTENT_VALIDATION_FILES) {
      const shared = loadIntents(f).filter((r) => train.has(sameText(r.text)));
      expect(shared.map((r) => r.text), f).toEqual([]);
    }
  });

  it("share no review sentence", () => {
    for (const lang of ["en", "zh"] as const) {
      const train = new Set(
        [
          ...loadReviewFile(`reviews-${lang}.tsv`),
          ...(lang === "zh"
            ? [...loadReviewFile("reviews-zh-long.tsv"), ...loadReviewFile("reviews-zh-3.tsv")]
            : [...loadReviewFile("reviews-en-2.tsv"), ...loadReviewFile("reviews-en-3.tsv"), ...loadReviewFile("reviews-en-4.tsv")]),
        ].map((r) => sameText(r.text))
      );
      const shared = loadReviewFile(`reviews-${lang}-validation.tsv`).filter((r) =>
        train.has(sameText(r.text))
      );
      expect(shared.map((r) => r.text)).toEqual([]);
    }
  });

  it("share no social post or language row", () => {
    const anger = new Set(
      [...loadAngerSocial("train"), ...loadAngerSocial2()].map((r) => sameText(r.text))
    );
    expect(loadAngerSocial("test").filter((r) => anger.has(sameText(r.text)))).toEqual([]);
    const language = new Set(loadLanguageRows("train").map((r) => sameText(r.text)));
    const shared = loadLanguageRows("validation").filter((r) => language.has(sameText(r.text)));
    expect(shared.map((r) => r.text)).toEqual([]);
  });
});

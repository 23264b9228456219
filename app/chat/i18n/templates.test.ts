import { describe, expect, it } from "vitest";
import { en, type MessageKey } from "./en";
import { t, TEMPLATES, REPLY_LOCALES } from "./index";

const LOCALES = REPLY_LOCALES.filter((l) => l !== "en");
const KEYS = Object.keys(en) as MessageKey[];

/** Translations that are rightly spelled exactly like the English (checked by hand). */
const SAME_AS_ENGLISH_OK: Partial<Record<(typeof LOCALES)[number], MessageKey[]>> = {
  es: ["quick.no"], // "No" is Spanish too, and the quick reply must stay a bare "no" for the bot to read it.
};

const placeholders = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort();
/** Nothing to translate: only placeholders, spaces and punctuation (e.g. "{title}: {price}."). */
const placeholderOnly = (s: string) => !/\p{L}/u.test(s.replace(/\{\w+\}/g, ""));

describe.each(LOCALES)("reply templates: %s", (locale) => {
  const table = TEMPLATES[locale];

  it("translates every key of en.ts", () => {
    const missing = KEYS.filter((k) => typeof table[k] !== "string" || table[k]!.trim() === "");
    expect(missing, `${locale} lacks translations for: ${missing.join(", ")}`).toEqual([]);
  });

  it("has no keys that en.ts lacks", () => {
    const unknown = Object.keys(table).filter((k) => !(k in en));
    expect(unknown, `${locale} has keys not in en.ts: ${unknown.join(", ")}`).toEqual([]);
  });

  it("keeps exactly the English placeholders", () => {
    const wrong = KEYS.filter((k) => table[k] !== undefined)
      .map((k) => ({ key: k, want: placeholders(en[k]).join(" "), got: placeholders(table[k]!).join(" ") }))
      .filter((row) => row.want !== row.got)
      .map((row) => `${row.key}: en has [${row.want}], ${locale} has [${row.got}]`);
    expect(wrong, `${locale} placeholders differ from en.ts:\n${wrong.join("\n")}`).toEqual([]);
  });

  it("does not leave English text untranslated", () => {
    const allowed = SAME_AS_ENGLISH_OK[locale] ?? [];
    const same = KEYS.filter(
      (k) => table[k]?.trim() === en[k].trim() && !placeholderOnly(en[k]) && !allowed.includes(k),
    );
    expect(same, `${locale} copies the English for: ${same.join(", ")}`).toEqual([]);
  });
});

describe("t", () => {
  it("fills placeholders in a translated template", () => {
    const text = t("ja", "status.eta", { date: "11月24日火曜日" });
    expect(text).toBe("お届け予定日：11月24日火曜日。");
    expect(text).not.toContain("{date}");
    expect(text).not.toBe(t("en", "status.eta", { date: "11月24日火曜日" }));
  });
});

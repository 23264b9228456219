import { eld } from "eld/large";
import { describe, expect, it } from "vitest";
import { languageScores, ngramTable } from "./ngrams";

const rounded = (scores: Record<string, number>) =>
  Object.entries(scores).map(([lang, s]) => [lang, s.toFixed(9)]);

describe("compact n-gram table", () => {
  // The table must score exactly as eld does, or the language model trained on its scores drifts from eld's.
  it.each([
    "where is my order?",
    "¿dónde está mi pedido? lo necesito ya",
    "Je n'ai pas reçu mon colis, c'est inadmissible",
    "wo bleibt mein Paket, ich warte seit zwei Wochen",
    "don't you dare cancel it",
    "我的订单在哪里",
    "注文はどこですか",
    "주문 어디 있어요",
    "где мой заказ",
    "أين طلبي",
    "Sipariş nerede? Şu anda çok kızgınım",
    "Gdzie jest moja przesyłka, zamówienie złożyłem tydzień temu",
    "ok 👍 thanks 🙏",
    "a",
    "x".repeat(90) + " long words get cut",
    "word ".repeat(120),
  ])("scores %j exactly as eld does", (text) => {
    expect(rounded(languageScores(text))).toEqual(
      rounded(eld.detect(text).getScores())
    );
  });

  it("is a small fraction of eld's loaded size", () => {
    const t = ngramTable();
    const bytes =
      t.keys.byteLength +
      t.check.byteLength +
      t.start.byteLength +
      t.count.byteLength +
      t.entries.byteLength;
    expect(bytes).toBeLessThan(12 * 1024 * 1024);
    expect(t.languages).toHaveLength(60);
  });
});

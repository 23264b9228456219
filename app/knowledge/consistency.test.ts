import { describe, expect, it } from "vitest";
import { buildPolicies } from "../demo/data/policies";
import { extractClaims, findConflicts, questionOf, statesMeasure, type ComparableDoc } from "./consistency";
import { htmlToText } from "./search";

/** The demo shop's policies as the bot reads them (plain text from the Admin API's HTML). */
const POLICIES: ComparableDoc[] = buildPolicies("shop.example", 1, "2024-01-01T00:00:00Z").map((p) => ({
  id: p.type,
  title: p.title,
  body: htmlToText(p.body),
}));
const shipping = POLICIES.find((p) => p.id === "SHIPPING_POLICY")!;
const refund = POLICIES.find((p) => p.id === "REFUND_POLICY")!;

let seq = 0;
const article = (body: string, title = "Shipping FAQ"): ComparableDoc => ({ id: `a${++seq}`, title, body });
const conflictsOf = (body: string, title?: string) => findConflicts([article(body, title)], POLICIES);

describe("claims in the shop's policies", () => {
  it("reads shipping times and prices with their service and region", () => {
    const claims = extractClaims(shipping.body, shipping.title).map((c) => ({
      subject: c.subject,
      service: c.service,
      regions: c.regions,
      value: c.value,
    }));
    expect(claims).toContainEqual({
      subject: "shipping",
      service: "standard",
      regions: ["us"],
      value: { kind: "duration", min: 3, max: 6, unit: "business_day" },
    });
    expect(claims).toContainEqual({
      subject: "shipping",
      service: "standard",
      regions: ["us"],
      value: { kind: "price", amount: 8, currency: "$", from: false },
    });
    expect(claims).toContainEqual({
      subject: "shipping",
      service: "standard",
      regions: ["us"],
      value: { kind: "free_over", amount: 100, currency: "$" },
    });
    expect(claims).toContainEqual({
      subject: "shipping",
      service: "express",
      regions: ["canada"],
      value: { kind: "duration", min: 4, max: 8, unit: "business_day" },
    });
    expect(claims).toContainEqual({
      subject: "shipping",
      service: "express",
      regions: ["europe", "uk", "australia"],
      value: { kind: "price", amount: 25, currency: "$", from: true },
    });
    expect(claims).toContainEqual({
      subject: "processing",
      service: undefined,
      regions: [],
      value: { kind: "duration", min: 1, max: 2, unit: "business_day" },
    });
  });

  it("leaves out triggers, duties and times of day, which promise nothing", () => {
    const said = extractClaims(shipping.body, shipping.title).map((c) => c.said);
    // "tracking has not updated for 5 business days", "3 business days past its estimated delivery date",
    // "orders under AUD 1,000 arrive duty-free", "orders placed before 12 pm".
    expect(said).not.toContainEqual(expect.stringMatching(/^5 business days|^3 business days|1,000|12/));
    expect(said).toHaveLength(11);
  });

  it("reads the return window, the EU cooling-off period and the refund time, not the 'more than 15 days' trigger", () => {
    const claims = extractClaims(refund.body, refund.title);
    expect(claims.map((c) => [c.subject, c.regions.join(), c.value.kind === "duration" ? c.value.max : null])).toEqual([
      ["return", "", 30],
      ["return", "", 30],
      ["return", "europe", 14],
      ["return", "europe", 14],
      ["refund", "", 10],
    ]);
  });

  it("finds nothing to contradict when the policies are read as articles", () => {
    expect(findConflicts(POLICIES, POLICIES)).toEqual([]);
  });
});

describe("articles that contradict the policies", () => {
  it("reports a shorter shipping time than the policy's, naming both sides", () => {
    const [conflict, ...rest] = conflictsOf("Standard shipping takes 3–5 business days in the US.", "How long does shipping take?");
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({
      articleTitle: "How long does shipping take?",
      topic: "Standard shipping to the United States: delivery time",
      articleSays: "3–5 business days",
      policySays: "3 to 6 business days",
      policyTitle: "Shipping policy",
      policyId: "SHIPPING_POLICY",
    });
    expect(conflict.policySentence).toMatch(/^United States: Standard shipping/);
  });

  it("reports a longer one too: the article is wrong either way", () => {
    expect(conflictsOf("In the United States, standard delivery takes 4 to 9 working days.")).toHaveLength(1);
  });

  it("reports a different price, free-shipping threshold, return window and refund time", () => {
    expect(conflictsOf("Standard shipping in the US costs $5.").map((c) => [c.articleSays, c.policySays])).toEqual([["$5", "$8"]]);
    expect(conflictsOf("Standard shipping in the US is free on orders over $75.").map((c) => c.topic)).toEqual([
      "Standard shipping to the United States: free-shipping threshold",
    ]);
    expect(conflictsOf("You can return any item within 60 days.", "Returns").map((c) => [c.topic, c.policySays])).toEqual([
      ["Return window", "30-day"],
    ]);
    expect(conflictsOf("Refunds reach your card within 5 business days.", "Refunds").map((c) => c.topic)).toEqual([
      "Time to refund",
    ]);
  });

  it("checks each region of '5–10 days to Canada and Europe' against that region's only service", () => {
    const conflicts = conflictsOf("Standard shipping takes 5–10 business days to Canada and Europe.");
    expect(conflicts.map((c) => [c.topic, c.policySays])).toEqual([
      ["Shipping to Canada: delivery time", "4 to 8 business days"],
      ["Shipping to Europe: delivery time", "3 to 7 business days"],
    ]);
  });

  it("reports same-day shipping against the processing time", () => {
    expect(conflictsOf("Orders placed before 1 pm Eastern ship the same day.").map((c) => [c.topic, c.policySays])).toEqual([
      ["Order processing time", "1 to 2 business days"],
    ]);
  });

  it.each([
    ["es", "El envío estándar tarda de 3 a 5 días hábiles en EE. UU.", "de 3 a 5 días hábiles"],
    ["fr", "La livraison standard prend 5 à 10 jours ouvrés vers l'Europe.", "5 à 10 jours ouvrés"],
    ["de", "Der Standardversand nach Europa dauert 5–10 Werktage.", "5–10 Werktage"],
    ["ja", "通常配送はアメリカ国内で3〜5営業日です。", "3〜5営業日"],
    ["zh", "标准配送在美国需要3–5个工作日。", "3–5个工作日"],
    ["es (price)", "El envío estándar a Estados Unidos cuesta 5 $.", "5 $"],
  ])("reads an article in %s", (_language, body, says) => {
    expect(conflictsOf(body).map((c) => c.articleSays)).toEqual([says]);
  });
});

describe("articles that agree with the policies, or say less", () => {
  // Each agreeing article is read (it has claims), and the same article with one number changed is flagged: the
  // silence is the comparison's verdict, not a sentence the extraction skipped.
  it.each([
    ["the same range in words", "Standard shipping within the United States takes three to six working days.", "three", "two"],
    ["only the upper bound", "Standard shipping in the US arrives within 6 business days.", "6", "4"],
    ["the price in other words", "In the US, standard shipping costs $8, and it is free for orders over $100.", "$8", "$9"],
    ["only one service", "Expedited shipping in the United States is $18.", "$18", "$15"],
    ["a price above a 'from' price", "DHL Express to Europe costs $30.", "$30", "$20"],
    ["a return window in other words", "Not the right fit? Return it within 30 days of delivery.", "30", "45"],
    ["a refund time in weeks", "Refunds are paid back within two weeks.", "two", "three"],
    ["a refund time in calendar days", "Refunds are paid back within 14 days.", "14", "7"],
    ["the EU window in German", "Kunden in der EU können innerhalb von 14 Tagen zurücksenden.", "14", "30"],
  ])("says nothing about %s", (_case, body, from, to) => {
    expect(extractClaims(body).length).toBeGreaterThan(0);
    expect(conflictsOf(body)).toEqual([]);
    expect(conflictsOf(body.replace(from, to))).toHaveLength(1);
  });

  it.each([
    ["a time without a region, where the policy has one per region", "Express shipping arrives in 1–2 business days."],
    ["a time without a region, in Japanese", "通常配送は3〜5営業日です。"],
    ["prices that are not shipping", "Gift wrapping costs $5. Sign up for 10% off your first order."],
    ["a trigger, not a promise", "If your tracking has not updated for 7 business days, contact us."],
    ["duties", "Orders to Canada include duties and taxes of up to $40."],
    ["a price in another currency", "Standard shipping in the US costs €8."],
  ])("does not compare %s", (_case, body) => {
    expect(conflictsOf(body)).toEqual([]);
  });
});

describe("questions", () => {
  it.each([
    ["how much is standard shipping?", { measure: "price", subject: "shipping", service: "standard", regions: [] }],
    ["¿Cuánto tarda el envío a Canadá?", { measure: "time", subject: "shipping", regions: ["canada"] }],
    ["combien de temps pour la livraison ?", { measure: "time", subject: "shipping", regions: [] }],
    ["送料はいくらですか？", { measure: "price", subject: "shipping", regions: [] }],
    ["how long do refunds take?", { measure: "time", subject: "refund", regions: [] }],
  ])("reads what %s asks for", (text, expected) => {
    expect(questionOf(text)).toMatchObject(expected);
  });

  it("tells a passage with a price from one with only times", () => {
    expect(statesMeasure("Expedited (FedEx 2Day) is $18.", "price")).toBe(true);
    expect(statesMeasure("Standard shipping takes 3–5 business days.", "price")).toBe(false);
    expect(statesMeasure("Standard shipping takes 3–5 business days.", "time")).toBe(true);
  });
});

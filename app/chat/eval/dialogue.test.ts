import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoShop } from "../../demo/shop-data";
import { t } from "../i18n";
import {
  figuresOf,
  mentions,
  startDialogueRunner,
  type DialogueRunner,
  type DialogueScore,
  type Failure,
} from "./dialogue.server";
import { createPlaceholderResolver, DIALOGUE_FILES, readDialogueFiles, type Dialogue } from "./format";

const shop = createDemoShop();

describe("the dialogue files", () => {
  const { files, problems } = readDialogueFiles(shop);

  it("are valid, with every placeholder and logged-in order found in the demo shop", () => {
    expect(problems).toEqual([]);
  });

  it("use each id once across all files", () => {
    const ids = files.flatMap((f) => f.dialogues.map((d) => d.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("hold enough dialogues: all seven files, at least 15 each, 120 in all", () => {
    expect(files.map((f) => f.file).sort()).toEqual([...DIALOGUE_FILES].sort());
    for (const f of files) expect(f.dialogues.length, f.file).toBeGreaterThanOrEqual(15);
    expect(files.reduce((n, f) => n + f.dialogues.length, 0)).toBeGreaterThanOrEqual(120);
  });

  it("name the file, dialogue and turn of a bad entry or an unknown placeholder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dialogues-"));
    try {
      const turn = (say: string, extra: object = {}) => ({ say, must: [], ...extra });
      const good = { id: "en-x-1", language: "en", mixed: false, botResolvable: true, turns: [turn("hi"), turn("ok")] };
      fs.writeFileSync(
        path.join(dir, "en.json"),
        JSON.stringify([
          good,
          { ...good, id: "en-x-2", turns: [turn("hi"), turn("{{late.trackin}}")] },
          { ...good, id: "en-x-3", turns: [turn("hi"), turn("ok", { mustnot: ["x"] })] },
          { ...good, id: "en-x-1" },
          { ...good, id: "en-x-4", loggedIn: "late#9" },
        ]),
      );
      const { problems } = readDialogueFiles(shop, dir);
      expect(problems).toEqual([
        expect.stringMatching(/^en\.json: en-x-2 turn 2: unknown order field "trackin"/),
        expect.stringMatching(/^en\.json: en-x-3 turn 2: .*mustnot/),
        expect.stringMatching(/^en\.json: en-x-1: id already used/),
        expect.stringMatching(/^en\.json: en-x-4: loggedIn: the demo shop has no order "late#9"/),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resolve placeholders to the demo shop's facts, formatted for the dialogue's language", () => {
    const resolver = createPlaceholderResolver(shop);
    const late = shop.orders.filter((o) => o.scenario === "late").sort((a, b) => a.number - b.number);
    expect(resolver.resolve("{{late.name}} {{late#2.tracking}}", "en")).toBe(
      `${late[0].name} ${late[1].fulfillments[0].trackingInfo[0].number}`,
    );
    expect(resolver.resolve("{{yes}}/{{no}}", "fr")).toBe(`${t("fr", "quick.yes")}/${t("fr", "quick.no")}`);
    expect(resolver.resolve("{{late.eta}}", "es")).toMatch(/^\p{Ll}+, \d+ de \p{Ll}+$/u);
  });
});

describe("scoring a dialogue played through the real engine", () => {
  let runner: DialogueRunner;
  beforeAll(() => {
    runner = startDialogueRunner();
  });
  afterAll(() => runner.close());

  let n = 0;
  const dialogue = (turns: Dialogue["turns"], extra: Partial<Dialogue> = {}): Dialogue => ({
    id: `en-test-${++n}`,
    language: "en",
    mixed: false,
    botResolvable: true,
    ...extra,
    turns,
  });
  const turn = (say: string, extra: Partial<Dialogue["turns"][number]> = {}) => ({ say, must: [], mustNot: [], ...extra });
  const kinds = (s: DialogueScore, turnNo: number): Failure["kind"][] => s.turns[turnNo - 1].failures.map((f) => f.kind);

  it("resolves a dialogue whose facts are all in the answers", async () => {
    const s = await runner.run(
      dialogue([
        turn("where is my order {{in_transit.name}}? {{in_transit.email}}", {
          must: ["{{in_transit.tracking}}", "{{in_transit.name}}"],
          mustNot: ["{{late.tracking}}"],
          handoff: false,
        }),
        turn("thanks!", { handoff: false }),
      ]),
      "en",
    );
    expect(s.turns.flatMap((x) => x.failures)).toEqual([]);
    expect(s.resolved).toBe(true);
    expect(figuresOf([s])).toMatchObject({ resolved: 1, botResolvable: 1, wrongFacts: 0, missingFacts: 0 });
  });

  it("counts a mustNot the bot's answer contains as a wrong fact, and an absent must as a missing fact", async () => {
    const s = await runner.run(
      dialogue([
        turn("where is my order {{in_transit.name}}? {{in_transit.email}}", {
          must: ["{{late.tracking}}", "{{in_transit.name}}", "nowhere to be seen || {{in_transit.tracking}}"],
          mustNot: ["{{in_transit.tracking}}"],
        }),
        turn("ok thanks"),
      ]),
      "en",
    );
    expect(kinds(s, 1).sort()).toEqual(["missing fact", "wrong fact"]);
    expect(s.turns[0].failures).toContainEqual({ kind: "missing fact", fact: runner.resolver.resolve("{{late.tracking}}", "en") });
    expect(s.resolved).toBe(false);
    expect(figuresOf([s])).toMatchObject({ wrongFacts: 1, missingFacts: 1, resolved: 0 });
  });

  it("counts out-of-scope refusals, dead ends and refusals in a row as defined", async () => {
    const s = await runner.run(dialogue([turn("tell me a joke"), turn("tell me another joke please")], { botResolvable: false }), "en");
    const [first, second] = s.turns;
    expect(first.refusal).toBe(true);
    const choices = (x: typeof first) => x.replies.some((r) => r.quickReplies.length > 0);
    const deadEnds = (x: typeof first) => x.failures.filter((f) => f.kind === "dead end").length;
    // Without choices and without a person, a refusal leaves the shopper nowhere to go.
    expect(deadEnds(first)).toBe(!choices(first) && !first.handedOff ? 1 : 0);
    expect(second.failures.filter((f) => f.kind === "refusals in a row")).toHaveLength(second.refusal ? 1 : 0);
    // The last turn: a refusal nobody takes over is a dead end even with choices (counted once).
    expect(deadEnds(second)).toBe(second.refusal && !second.handedOff ? 1 : 0);
    expect(figuresOf([s]).deadEnds).toBe(deadEnds(first) + deadEnds(second));
  });

  it("counts a dialogue that ends on a refusal nobody takes over as one dead end", async () => {
    const s = await runner.run(dialogue([turn("hi there"), turn("can you tell me a joke")]), "en");
    expect(s.turns[0].failures).toEqual([]);
    expect(s.turns[1].refusal).toBe(true);
    expect(s.turns[1].handedOff).toBe(false);
    expect(kinds(s, 2).filter((k) => k === "dead end")).toEqual(["dead end"]);
    expect(s.resolved).toBe(false);
  });

  it("counts refusals in a row only where two consecutive turns both refuse", async () => {
    const s = await runner.run(
      dialogue([turn("do you sell surfboards?"), turn("what about surfboard wax then?")]),
      "en",
    );
    const [first, second] = s.turns;
    expect(kinds(s, 2).filter((k) => k === "refusals in a row")).toHaveLength(first.refusal && second.refusal ? 1 : 0);
    expect(kinds(s, 1)).not.toContain("refusals in a row");
  });

  it("counts every judged reply in another language than the dialogue's as in the wrong language", async () => {
    // Written in Spanish but declared French: the bot rightly answers in Spanish, which is not what the file says.
    const s = await runner.run(
      dialogue([turn("¿dónde está mi pedido {{in_transit.name}}? mi correo es {{in_transit.email}}"), turn("gracias")], {
        language: "fr",
      }),
      "fr",
    );
    const f = figuresOf([s]);
    expect(f.repliesChecked).toBeGreaterThan(0);
    expect(f.wrongLanguage).toBe(f.repliesChecked);
    expect(s.turns[0].failures).toContainEqual(expect.objectContaining({ kind: "wrong language", detected: "es" }));

    const same = figuresOf([
      await runner.run(
        dialogue([turn("¿dónde está mi pedido {{in_transit.name}}? mi correo es {{in_transit.email}}"), turn("gracias")], {
          language: "es",
        }),
        "es",
      ),
    ]);
    expect(same.repliesChecked).toBeGreaterThan(0);
    expect(same.wrongLanguage).toBe(0);
  });

  it("counts a handoff expectation the conversation did not meet, either way", async () => {
    const unexpected = await runner.run(
      dialogue([turn("I want to talk to a human agent", { handoff: false }), turn("hello?")]),
      "en",
    );
    expect(unexpected.turns[0].handedOff).toBe(true);
    expect(kinds(unexpected, 1)).toContain("unexpected handoff");
    expect(unexpected.resolved).toBe(false);

    const expected = await runner.run(
      dialogue([turn("where is my order {{in_transit.name}} {{in_transit.email}}", { handoff: true }), turn("thanks")]),
      "en",
    );
    expect(kinds(expected, 1)).toContain("handoff expected");
    expect(figuresOf([unexpected, expected]).handoffMissed).toBe(2);
  });

  it("gives every dialogue its own copy of the shop, so one dialogue's cancellation does not leak into the next", async () => {
    const cancel = () =>
      dialogue([
        turn("please cancel my order {{paid_unfulfilled#2.name}}, email {{paid_unfulfilled#2.email}}", {
          must: ["{{paid_unfulfilled#2.total}}"],
        }),
        turn("yes"),
      ]);
    const first = await runner.run(cancel(), "en");
    const second = await runner.run(cancel(), "en");
    expect(kinds(first, 1)).not.toContain("missing fact");
    expect(kinds(second, 1)).not.toContain("missing fact");
    expect(second.turns[0].replies.map((r) => r.text).join("\n")).toBe(first.turns[0].replies.map((r) => r.text).join("\n"));
  });

  it("plays a logged-in shopper as the customer of that order", async () => {
    const s = await runner.run(
      dialogue([turn("where is order {{late.name}}", { must: ["{{late.tracking}}"] }), turn("thanks")], { loggedIn: "late" }),
      "en",
    );
    expect(kinds(s, 1)).toEqual([]);
  });
});

describe("matching a fact in a reply", () => {
  it("ignores case and spacing but not a longer word or number", () => {
    expect(mentions("Tracking number 1826434322618118.", "1826434322618118")).toBe(true);
    expect(mentions("Order #10270 shipped", "#1027")).toBe(false);
    expect(mentions("Not in stock", "no")).toBe(false);
    expect(mentions("No, it is sold out", "no")).toBe(true);
    expect(mentions("Estimated  delivery:\nSunday, November 29", "sunday, november 29")).toBe(true);
    expect(mentions("是的，有货", "是")).toBe(true);
  });
});

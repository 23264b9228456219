import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadIntents } from "./datasets";
import { intentReport } from "./eval";
import { intentLabels } from "./intent";

// Floors for the shipped artefact, so a bad retrain fails CI (measured values are in npm run eval).
describe("shipped intent model", () => {
  it("knows the 34 intents", () => {
    expect(intentLabels()).toHaveLength(34);
    expect(intentLabels()).toEqual(
      expect.arrayContaining([
        "return_item",
        "product_question",
        "promotion_question",
        "unknown",
      ])
    );
  });

  it("is at least 93% accurate on Bitext validation", () => {
    expect(
      intentReport(loadIntents("bitext-validation.csv")).accuracy
    ).toBeGreaterThanOrEqual(0.93);
  });

  it("is at least 85% accurate on the held-out human-style set, and sends 85% of out-of-scope to unknown", () => {
    const report = intentReport(loadIntents("human-validation.csv"));
    expect(report.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(report.unknownRecall).toBeGreaterThanOrEqual(0.85);
  });
});

describe("nlu CLI (--jsonl)", () => {
  it("answers one line per input line, in order, with nothing else on stdout", () => {
    const input = [
      '{"text":"where is my order #1001?"}',
      "not json",
      '{"text":"¿dónde está mi pedido?"}',
      '{"nope":1}',
    ].join("\n");
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "app/chat/nlu/cli.ts", "--jsonl"],
      { input: input + "\n", encoding: "utf8" }
    );
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({
      intent: "track_order",
      language: "en",
      angry: false,
    });
    expect(lines[0].confidence).toBeGreaterThan(0);
    expect(typeof lines[0].sentimentScore).toBe("number");
    expect(lines[1]).toHaveProperty("error");
    expect(lines[2]).toMatchObject({ intent: "track_order", language: "es" });
    expect(lines[3]).toHaveProperty("error");
  });
});

import { describe, expect, it } from "vitest";
import { aspectOf, asksForStatus, isFollowUp } from "./followup";
import { unicodeWords } from "./words";

describe("what a question asks about", () => {
  it.each([
    ["and when will it arrive?", "when"],
    ["¿y cuándo llega?", "when"],
    ["quand est-ce que je vais le recevoir ?", "when"],
    ["und wann kommt sie an?", "when"],
    ["什么时候到？", "when"],
    ["いつ届きますか", "when"],
    ["which carrier is it with?", "carrier"],
    ["¿qué paquetería lo lleva?", "carrier"],
    ["哪家快递？", "carrier"],
    ["tracking number?", "tracking"],
    ["Sendungsnummer bitte", "tracking"],
    ["追跡番号を教えて", "tracking"],
    ["why?", "why"],
    ["¿por qué?", "why"],
    ["warum?", "why"],
    ["为什么", "why"],
    ["it's late, what can you do?", "options"],
    ["¿y qué pueden hacer?", "options"],
    ["que pouvez-vous faire ?", "options"],
    ["怎么办", "options"],
    ["どうすればいいですか", "options"],
    ["and the other one?", "other"],
    ["how much?", "amount"],
  ])("%s -> %s", (text, aspect) => {
    expect(aspectOf(text)).toBe(aspect);
  });

  it("names no aspect in a plain request or small talk", () => {
    for (const text of ["where is my order", "cancel it", "thanks!", "I want to return the shirt"]) {
      expect(aspectOf(text)).toBeNull();
    }
  });

  it("tells a status question from a question about one fact", () => {
    expect(asksForStatus("where is my order?")).toBe(true);
    expect(asksForStatus("wo bleibt meine Bestellung")).toBe(true);
    expect(asksForStatus("when will it arrive?")).toBe(false);
  });

  it("reads only short messages as follow-ups of the last answer", () => {
    expect(isFollowUp("why?")).toBe(true);
    expect(isFollowUp("为什么还没到")).toBe(true);
    expect(isFollowUp("hello")).toBe(false);
    expect(
      isFollowUp("why did you charge my card twice for the same order last week when I only ordered once, and who do I call about it"),
    ).toBe(false);
  });
});

describe("unicodeWords", () => {
  it("puts word boundaries around letters of any script, where \\b sees only ASCII", () => {
    expect(/\bzu groß\b/iu.test("es ist zu groß")).toBe(false);
    expect(unicodeWords(/\bzu groß\b/iu).test("es ist zu groß")).toBe(true);
    expect(unicodeWords(/\bpor qué\b/iu).test("¿por qué?")).toBe(true);
    expect(unicodeWords(/\bwait\b/iu).test("awaiting")).toBe(false);
  });
});

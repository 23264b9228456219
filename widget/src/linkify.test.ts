import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("links in bot messages", () => {
  it("turns http(s) URLs into links and leaves the sentence punctuation outside", () => {
    expect(linkify("Track it at https://example.com/track?id=1. Thanks")).toEqual([
      { kind: "text", text: "Track it at " },
      { kind: "link", text: "https://example.com/track?id=1", href: "https://example.com/track?id=1" },
      { kind: "text", text: ". Thanks" },
    ]);
  });

  it("keeps javascript:, data: and markup as plain text", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<script>x</script>", '<a href="https://x.y">x</a>']) {
      const segments = linkify(text);
      expect(segments.filter((s) => s.kind === "link").every((s) => s.kind === "link" && /^https?:/.test(s.href))).toBe(
        true
      );
      expect(segments.map((s) => s.text).join("")).toBe(text);
    }
  });

  it("never puts a quote or angle bracket into a link", () => {
    const [, link] = linkify('see https://x.test/"onmouseover="alert(1)');
    expect(link).toMatchObject({ kind: "link", href: "https://x.test/" });
  });

  it("returns text unchanged when there is no link", () => {
    expect(linkify("no links here")).toEqual([{ kind: "text", text: "no links here" }]);
    expect(linkify("")).toEqual([]);
  });
});

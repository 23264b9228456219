import { describe, expect, it } from "vitest";
import { contrastRatio, paletteFor, parseColor } from "./contrast";

describe("accent colour contrast", () => {
  it("uses the WCAG ratio (black on white is 21:1)", () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([118, 118, 118], [255, 255, 255])).toBeCloseTo(4.54, 2);
  });

  it("puts white text on dark accents and black text on light ones", () => {
    expect(paletteFor("#1a73e8").onAccent).toBe("#ffffff");
    expect(paletteFor("#000080").onAccent).toBe("#ffffff");
    expect(paletteFor("#ffd400").onAccent).toBe("#000000");
    expect(paletteFor("#7fffd4").onAccent).toBe("#000000");
  });

  it("reaches at least 4.5:1 for text on any accent colour", () => {
    for (let r = 0; r <= 255; r += 15) {
      for (let g = 0; g <= 255; g += 15) {
        for (let b = 0; b <= 255; b += 15) {
          const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
          const text = parseColor(paletteFor(hex).onAccent)!;
          expect(contrastRatio([r, g, b], text)).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });

  it("falls back to a dark focus ring when the accent is too pale to see on white", () => {
    expect(paletteFor("#1a73e8").focus).toBe("#1a73e8");
    expect(paletteFor("#ffe680").focus).toBe("#333333");
  });

  it("reads the colour formats the theme editor produces, and ignores anything else", () => {
    expect(parseColor("#abc")).toEqual([170, 187, 204]);
    expect(parseColor("#1A73E8ff")).toEqual([26, 115, 232]);
    expect(parseColor("rgba(26, 115, 232, 1)")).toEqual([26, 115, 232]);
    expect(parseColor("red; background:url(x)")).toBeNull();
    expect(paletteFor("url(javascript:alert(1))").accent).toBe("#1a73e8");
  });
});

// WCAG 2.x contrast maths, so any accent colour a merchant picks still gives readable text.

export type Rgb = [number, number, number];

/** Parses `#rgb`, `#rrggbb` (alpha digits ignored) or `rgb()/rgba()`; null for anything else. */
export function parseColor(input: string): Rgb | null {
  const value = input.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value);
  if (hex) {
    const digits = hex[1];
    if (digits.length <= 4) {
      return [0, 1, 2].map((i) => parseInt(digits[i] + digits[i], 16)) as Rgb;
    }
    return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})/.exec(value);
  if (rgb) {
    const channels = [rgb[1], rgb[2], rgb[3]].map(Number);
    return channels.every((c) => c <= 255) ? (channels as Rgb) : null;
  }
  return null;
}

/** Relative luminance (0 = black, 1 = white). */
export function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Contrast ratio between two colours, from 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

const WHITE: Rgb = [255, 255, 255];

export interface Palette {
  /** Background of the launcher, header and the shopper's bubbles. */
  accent: string;
  /** Text on the accent: white when it reaches 4.5:1, otherwise black (which then always does). */
  onAccent: string;
  /** Focus ring on the white panel: the accent when it reaches 3:1 (WCAG non-text contrast), else dark grey. */
  focus: string;
}

const DEFAULT_ACCENT = "#1a73e8";

/** Derives readable text and focus colours from the merchant's accent colour. */
export function paletteFor(accentColor: string): Palette {
  const parsed = parseColor(accentColor);
  const rgb = parsed ?? (parseColor(DEFAULT_ACCENT) as Rgb);
  const accent = parsed ? accentColor.trim() : DEFAULT_ACCENT;
  // White first: on saturated mid-tones (most brand colours) both pass, and shoppers read white as the norm.
  // If white falls short the accent is light (luminance above 0.18), so black reaches more than 4.6:1.
  const onAccent = contrastRatio(rgb, WHITE) >= 4.5 ? "#ffffff" : "#000000";
  const focus = contrastRatio(rgb, WHITE) >= 3 ? accent : "#333333";
  return { accent, onAccent, focus };
}

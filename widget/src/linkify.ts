/** A piece of a message: plain text, or an http(s) link to render as an anchor. */
export type Segment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// Deliberately narrow: only absolute http(s) URLs become links; `javascript:`, `data:` and the like stay text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that usually ends the sentence around a URL rather than the URL itself.
const TRAILING = /[.,;:!?)\]}'"»」。、]+$/;

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Splits message text into text and link segments; it never produces markup. */
export function linkify(text: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const previous = segments[segments.length - 1];
    if (previous?.kind === "text") previous.text += value;
    else segments.push({ kind: "text", text: value });
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let raw = match[0];
    const trailing = TRAILING.exec(raw);
    // Keep a closing parenthesis that belongs to the URL, as in Wikipedia-style links.
    if (trailing && !(trailing[0] === ")" && raw.includes("("))) raw = raw.slice(0, -trailing[0].length);
    const href = safeHref(raw);
    pushText(text.slice(last, start));
    if (href) segments.push({ kind: "link", text: raw, href });
    else pushText(raw);
    last = start + raw.length;
  }
  pushText(text.slice(last));
  return segments;
}

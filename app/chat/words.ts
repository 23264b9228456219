/**
 * `\b` in a JavaScript regex knows only ASCII letters, so /\bzu groß\b/u never matches "es ist zu groß" and
 * /\bpor qué\b/u never matches "¿por qué?". This rewrites every `\b` of a pattern into a boundary between a letter
 * or digit of any script and anything else.
 */
const BOUNDARY = String.raw`(?:(?<![\p{L}\p{N}])|(?![\p{L}\p{N}]))`;

export function unicodeWords(re: RegExp): RegExp {
  const flags = re.flags.includes("u") ? re.flags : `${re.flags}u`;
  return new RegExp(re.source.replaceAll(String.raw`\b`, BOUNDARY), flags);
}

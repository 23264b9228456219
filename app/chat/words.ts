/**
 * `\b` in a JavaScript regex knows only ASCII letters, so /\bzu groß\b/u never matches "es ist zu groß" and
 * /\bpor qué\b/u never matches "¿por qué?". This rewrites every `\b` of a pattern into a boundary between a letter
 * or digit of a space-separated script and anything else (CJK text around a Latin word counts as a boundary).
 */
// Chinese and Japanese are written without spaces: "carrierどこ" has a boundary between r and ど.
const WORD = String.raw`[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Arabic}\p{N}]`;
const BOUNDARY = `(?:(?<!${WORD})|(?!${WORD}))`;

export function unicodeWords(re: RegExp): RegExp {
  const flags = re.flags.includes("u") ? re.flags : `${re.flags}u`;
  return new RegExp(re.source.replaceAll(String.raw`\b`, BOUNDARY), flags);
}

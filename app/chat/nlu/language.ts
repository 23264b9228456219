/**
 * Language identification (ISO 639-1) for short chat messages. The n-gram detector is eld (60 languages), chosen
 * over tinyld after measuring both on our short utterances (see eval.ts). Thin fixes on top, each one measured:
 * - the script decides outright where it is unambiguous (Hangul, kana, Han, Thai, Hebrew, Greek, ...);
 * - for Latin script, a few function and shop words per common shop language add votes, because eld alone reads
 *   "refund pls" as Catalan and "quero reembolso" as Spanish;
 * - messages with almost no letters ("ok", "#1001") fall back to the caller's hint.
 */
import { eld } from "eld/large";
import { normalize, tokenize } from "./features";

type Script =
  | "hangul"
  | "kana"
  | "han"
  | "cyrillic"
  | "arabic"
  | "latin"
  | "other";

const FIXED_SCRIPTS: [RegExp, string][] = [
  [/[\u0e00-\u0e7f]/gu, "th"],
  [/[\u0590-\u05ff]/gu, "he"],
  [/[\u0370-\u03ff]/gu, "el"],
  [/[\u10a0-\u10ff]/gu, "ka"],
  [/[\u0530-\u058f]/gu, "hy"],
  [/[\u0980-\u09ff]/gu, "bn"],
  [/[\u0b80-\u0bff]/gu, "ta"],
  [/[\u0c00-\u0c7f]/gu, "te"],
  [/[\u0a80-\u0aff]/gu, "gu"],
  [/[\u0a00-\u0a7f]/gu, "pa"],
  [/[\u0c80-\u0cff]/gu, "kn"],
  [/[\u0d00-\u0d7f]/gu, "ml"],
  [/[\u1200-\u137f]/gu, "am"],
  [/[\u0e80-\u0eff]/gu, "lo"],
];

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

// Votes for the languages most shops hear from. Accent-folded, lower-case; only words that are common in chat and
// rare in the other languages of the list ("pedido" is both es and pt, so it is in neither).
const CUES: Record<string, string[]> = {
  en: [
    "the",
    "my",
    "i",
    "im",
    "is",
    "where",
    "wheres",
    "order",
    "refund",
    "pls",
    "plz",
    "please",
    "thanks",
    "thank",
    "thx",
    "you",
    "u",
    "hi",
    "hello",
    "hey",
    "what",
    "whats",
    "how",
    "can",
    "do",
    "want",
    "not",
    "password",
    "agent",
    "human",
    "package",
    "cancel",
    "return",
    "size",
    "help",
    "it",
    "this",
    "me",
    "to",
    "for",
    "of",
    "and",
    "still",
    "bye",
    "with",
    "your",
    "have",
    "get",
    "stock",
    "shipping",
    "forgot",
    "track",
    "need",
    "any",
    "talk",
    "real",
    "person",
  ],
  es: [
    "el",
    "mi",
    "donde",
    "quiero",
    "por",
    "favor",
    "gracias",
    "hola",
    "que",
    "como",
    "cuando",
    "tienen",
    "esta",
    "los",
    "las",
    "una",
    "paquete",
    "talla",
    "envio",
    "hablar",
    "puedo",
    "ya",
    "llega",
    "llegado",
    "dinero",
    "cuanto",
    "necesito",
    "ayuda",
    "devolver",
    "contrasena",
    "buenas",
    "hay",
    "precio",
    "todavia",
    "del",
    "pago",
    "metodos",
    "mandan",
    "chiste",
    "pasame",
  ],
  pt: [
    "meu",
    "minha",
    "onde",
    "quero",
    "obrigado",
    "obrigada",
    "ola",
    "nao",
    "voces",
    "tem",
    "cade",
    "encomenda",
    "um",
    "uma",
    "esta",
    "tamanho",
    "troca",
    "trocar",
    "dinheiro",
    "senha",
    "falar",
    "ainda",
    "chegou",
    "compra",
    "reembolso",
    "pagamento",
    "preco",
    "tchau",
    "valeu",
    "oi",
    "estou",
    "posso",
    "fazer",
    "qual",
    "pacote",
    "atendente",
    "voce",
    "meu",
    "esse",
    "faco",
    "custa",
    "feito",
    "adeus",
    "falo",
    "vai",
  ],
  fr: [
    "je",
    "ma",
    "mon",
    "ou",
    "est",
    "commande",
    "merci",
    "bonjour",
    "les",
    "pas",
    "vous",
    "svp",
    "une",
    "colis",
    "remboursement",
    "veux",
    "pour",
    "avec",
    "des",
    "cest",
    "suis",
    "au",
    "revoir",
    "quand",
    "taille",
    "annuler",
    "mes",
    "livraison",
    "salut",
    "jai",
  ],
  de: [
    "ich",
    "mein",
    "meine",
    "meinen",
    "wo",
    "ist",
    "bestellung",
    "danke",
    "hallo",
    "nicht",
    "bitte",
    "die",
    "der",
    "das",
    "und",
    "paket",
    "kann",
    "mochte",
    "wie",
    "noch",
    "zuruck",
    "wann",
    "gibt",
    "es",
    "habe",
    "mit",
    "einen",
    "auf",
    "tschuss",
  ],
  it: [
    "il",
    "mio",
    "mia",
    "dove",
    "ordine",
    "grazie",
    "ciao",
    "non",
    "per",
    "voglio",
    "vorrei",
    "sono",
    "che",
    "un",
    "pacco",
    "rimborso",
    "come",
    "quando",
    "taglia",
    "ancora",
    "posso",
    "della",
    "del",
    "ho",
    "avete",
    "quanto",
    "costa",
    "arrivederci",
    "buongiorno",
  ],
  // Indonesian: eld has no "id" and answers Malay; these words are everyday Indonesian chat.
  id: [
    "saya",
    "mau",
    "terima",
    "kasih",
    "pesanan",
    "berapa",
    "lama",
    "tidak",
    "bisa",
    "sudah",
    "belum",
    "barang",
    "pengiriman",
  ],
  nl: [
    "ik",
    "mijn",
    "waar",
    "bestelling",
    "bedankt",
    "dank",
    "hoi",
    "niet",
    "aub",
    "het",
    "een",
    "wil",
    "pakket",
    "kan",
    "hoe",
    "wanneer",
    "nog",
    "jullie",
    "geld",
    "terug",
    "graag",
    "heb",
    "maat",
    "betaling",
    "doei",
    "alsjeblieft",
    "van",
    "wat",
    "kost",
  ],
};
const CUE_INDEX = new Map<string, string[]>();
for (const [lang, words] of Object.entries(CUES)) {
  for (const w of words) CUE_INDEX.set(w, [...(CUE_INDEX.get(w) ?? []), lang]);
}
// Shops mostly hear these; a slight prior settles near-ties between close relatives (es/ca/gl, pt/gl, nl/af, ...).
const PRIOR: Record<string, number> = {
  en: 0.06,
  es: 0.04,
  fr: 0.04,
  de: 0.04,
  pt: 0.04,
  it: 0.04,
  nl: 0.03,
};
const CUE_WEIGHT = 0.12;
const HINT_BONUS = 0.03;
const CYRILLIC_LANGS = ["ru", "uk", "bg", "sr", "be", "kk", "mk"];
const ARABIC_LANGS = ["ar", "fa", "ur", "ku"];
const DEVANAGARI_LANGS = ["hi", "mr", "ne"];

/** eld's best among a script's languages, unless it beats the script's usual language only by a hair. */
function bestOfScript(text: string, langs: string[], usual: string): string {
  const scores = eldScores(text);
  const top = best(scores, langs) ?? usual;
  return top !== usual && (scores[top] ?? 0) - (scores[usual] ?? 0) < 0.05
    ? usual
    : top;
}

/** Counts letters per script in one pass (regex matches per script cost more than the detection itself). */
function dominantScript(text: string): { script: Script; letters: number } {
  let hangul = 0;
  let kana = 0;
  let han = 0;
  let cyr = 0;
  let arab = 0;
  let latin = 0;
  let letters = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
        latin++;
        letters++;
      }
      continue;
    }
    if (!/\p{L}/u.test(ch)) continue;
    letters++;
    if (c <= 0x24f) latin++;
    else if (
      (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x3130 && c <= 0x318f)
    )
      hangul++;
    else if (
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x31f0 && c <= 0x31ff) ||
      (c >= 0xff66 && c <= 0xff9f)
    )
      kana++;
    else if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff))
      han++;
    else if (c >= 0x400 && c <= 0x4ff) cyr++;
    else if ((c >= 0x600 && c <= 0x6ff) || (c >= 0x750 && c <= 0x77f)) arab++;
  }
  if (hangul > 0 && hangul >= kana) return { script: "hangul", letters };
  // Any kana means Japanese: Japanese mixes kanji with kana, while Chinese never uses kana.
  if (kana > 0) return { script: "kana", letters };
  if (han > 0 && han * 2 >= letters) return { script: "han", letters };
  if (cyr > 0 && cyr * 2 >= letters) return { script: "cyrillic", letters };
  if (arab > 0 && arab * 2 >= letters) return { script: "arabic", letters };
  if (latin * 2 >= letters) return { script: "latin", letters };
  return { script: "other", letters };
}

function eldScores(text: string): Record<string, number> {
  return eld.detect(text).getScores();
}

function best(
  scores: Record<string, number>,
  among?: string[]
): string | undefined {
  let top: string | undefined;
  for (const [lang, s] of Object.entries(scores)) {
    if (among && !among.includes(lang)) continue;
    if (top === undefined || s > scores[top]) top = lang;
  }
  return top;
}

export interface LanguageOptions {
  /** Caller's guess (shop or browser locale), used for very short or ambiguous messages. Default "en". */
  hint?: string;
}

/** The ISO 639-1 code of a message's language, falling back to the hint when the message says too little. */
export function detectLanguage(
  text: string,
  opts: LanguageOptions = {}
): string {
  const hint = (opts.hint ?? "en").toLowerCase().slice(0, 2);
  // Order numbers, e-mails, links and tracking codes say nothing about the language.
  const clean = text
    .replace(/\S+@\S+|https?:\/\/\S+|#?\d[\w-]*/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const { script, letters } = dominantScript(clean);
  if (letters === 0) return hint;
  switch (script) {
    case "hangul":
      return "ko";
    case "kana":
      return "ja";
    case "han":
      return hint === "ja" && letters <= 4 ? "ja" : "zh";
    case "cyrillic":
      // Letters only Ukrainian uses decide it; otherwise eld among Cyrillic languages, Russian on a near-tie.
      if (/[ў]/iu.test(clean)) return "be";
      if (/[іїєґ]/iu.test(clean)) return "uk";
      return bestOfScript(clean, CYRILLIC_LANGS, "ru");
    case "arabic":
      return bestOfScript(clean, ARABIC_LANGS, "ar");
    case "other":
      if (count(clean, /[\u0900-\u097f]/gu) * 2 >= letters)
        return bestOfScript(clean, DEVANAGARI_LANGS, "hi");
      for (const [re, lang] of FIXED_SCRIPTS)
        if (count(clean, re) * 2 >= letters) return lang;
      return best(eldScores(clean)) ?? hint;
    case "latin":
      break;
  }
  // Two letters ("ok", "hi", "no") could be anything.
  if (letters < 3) return hint;
  const scores = { ...eldScores(clean) };
  for (const [lang, p] of Object.entries(PRIOR))
    scores[lang] = (scores[lang] ?? 0) + p;
  const tokens = tokenize(normalize(clean));
  for (const t of tokens) {
    const langs = CUE_INDEX.get(t);
    if (!langs) continue;
    for (const lang of langs)
      scores[lang] = (scores[lang] ?? 0) + CUE_WEIGHT / langs.length;
  }
  scores[hint] = (scores[hint] ?? 0) + HINT_BONUS;
  const top = best(scores) ?? hint;
  // eld knows Malay but not Indonesian, which far more shoppers write; the two are hard to tell apart when short.
  return top === "ms" && hint !== "ms" ? "id" : top;
}

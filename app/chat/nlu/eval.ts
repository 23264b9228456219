/**
 * npm run eval: measures the shipped models on data they were not trained on: the team's validation files
 * (bitext-validation, human-validation, validation-shoppers, reviews-*-validation, the held-out fifths of the
 * polarity and social-post sets, the held-out third of language-everyday) and the blind sets (data/blind).
 * The first block prints the measures of the NLU issue, one per line, next to the figure it needs.
 */
import { fileURLToPath } from "node:url";
import { eld } from "eld/large";
import { detect as tinyld } from "tinyld/heavy";
import {
  INTENT_VALIDATION_FILES,
  loadAnger,
  loadAngerSocial,
  loadBlindAnger,
  loadBlindIntents,
  loadBlindLanguage,
  loadBlindReviews,
  loadIntents,
  loadLanguageRows,
  loadPolarity,
  loadReviewFile,
  type BlindSplit,
  type IntentRow,
} from "./datasets";
import { classifyIntent } from "./intent";
import { detectLanguage, identifyLanguage, UNSURE } from "./language";
import { isAngry, sentimentScore } from "./sentiment";

const pct = (x: number) => (x * 100).toFixed(1) + "%";

export interface IntentReport {
  accuracy: number;
  inScopeAccuracy: number;
  unknownRecall: number | undefined;
  confusions: [string, number][];
}

/** Accuracy on a labelled file, with the threshold the model ships with unless one is given. */
export function intentReport(
  rows: IntentRow[],
  threshold?: number
): IntentReport {
  let ok = 0;
  let inScope = 0;
  let inScopeOk = 0;
  let unknown = 0;
  let unknownOk = 0;
  const confusions = new Map<string, number>();
  for (const r of rows) {
    const p = classifyIntent(r.text, { threshold });
    if (p.intent === r.intent) ok++;
    else
      confusions.set(
        `${r.intent} -> ${p.intent}`,
        (confusions.get(`${r.intent} -> ${p.intent}`) ?? 0) + 1
      );
    if (r.intent === "unknown") {
      unknown++;
      if (p.intent === "unknown") unknownOk++;
    } else {
      inScope++;
      if (p.intent === r.intent) inScopeOk++;
    }
  }
  return {
    accuracy: ok / rows.length,
    inScopeAccuracy: inScopeOk / Math.max(1, inScope),
    unknownRecall: unknown ? unknownOk / unknown : undefined,
    confusions: [...confusions].sort((a, b) => b[1] - a[1]),
  };
}

/** The bot hands a conversation to a person below this confidence (settings.handoffThreshold's default). */
const HANDOFF_CONFIDENCE = 0.45;

export interface BlindReport {
  n: {
    inScope: number;
    outOfScope: number;
    /** Blind rows left out because they already occur in the training data. */
    duplicates: number;
    anger: number;
    reviews: number;
  };
  inScopeAccuracy: number;
  byLanguage: Record<string, number>;
  unknownRecall: number;
  /** Expected calibration error of the reported confidence (10 equal-width bins), over all intent rows. */
  ece: number;
  /** Wrong answers the bot would still act on (confidence at or above the handoff threshold). */
  confidentWrong: number;
  /** Right answers the bot would hand off anyway (confidence below the handoff threshold). */
  hesitantRight: number;
  anger: { precision: number; recall: number; f1: number };
  reviews: Record<string, number>;
  language: number;
  misses: string[];
}

/** Scores the shipped models on one part of the blind sets (data/blind, never trained on). */
export function blindReport(split: BlindSplit): BlindReport {
  const rows = loadBlindIntents(split);
  const duplicates = loadBlindIntents(split, true).length - rows.length;
  let inScope = 0;
  let inScopeOk = 0;
  let oos = 0;
  let oosOk = 0;
  let confidentWrong = 0;
  let hesitantRight = 0;
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, ok: 0 }));
  const lang = new Map<string, [number, number]>();
  const misses: string[] = [];
  for (const r of rows) {
    const p = classifyIntent(r.text);
    const ok = p.intent === r.intent;
    if (!ok)
      misses.push(
        `${r.intent} -> ${p.intent} (${p.confidence.toFixed(2)}): ${r.text}`
      );
    if (r.intent === "unknown") {
      oos++;
      if (ok) oosOk++;
    } else {
      inScope++;
      if (ok) inScopeOk++;
      const s = lang.get(r.language) ?? [0, 0];
      s[1]++;
      if (ok) s[0]++;
      lang.set(r.language, s);
    }
    if (ok && p.confidence < HANDOFF_CONFIDENCE) hesitantRight++;
    if (!ok && p.confidence >= HANDOFF_CONFIDENCE) confidentWrong++;
    const bin = bins[Math.min(9, Math.floor(p.confidence * 10))];
    bin.n++;
    bin.conf += p.confidence;
    if (ok) bin.ok++;
  }
  const ece =
    bins.reduce((e, b) => e + Math.abs(b.conf - b.ok), 0) / rows.length;

  let tp = 0;
  let fp = 0;
  let fn = 0;
  const anger = loadBlindAnger(split);
  for (const r of anger) {
    const p = isAngry(r.text);
    if (p && r.angry) tp++;
    else if (p) fp++;
    else if (r.angry) fn++;
    if (p !== r.angry) misses.push(`angry=${r.angry}: ${r.text}`);
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);

  const reviews = loadBlindReviews(split);
  const byReviewLang: Record<string, number> = {};
  for (const l of ["en", "zh"]) {
    const rs = reviews.filter((r) => r.language === l);
    byReviewLang[l] =
      rs.filter((r) => {
        const ok = sentimentScore(r.text) > 0 === r.positive;
        if (!ok) misses.push(`positive=${r.positive}: ${r.text}`);
        return ok;
      }).length / rs.length;
  }
  const langRows = loadBlindLanguage(split);
  const language =
    langRows.filter((r) => {
      const got = detectLanguage(r.text);
      if (got !== r.language)
        misses.push(`language ${r.language} -> ${got}: ${r.text}`);
      return got === r.language;
    }).length / langRows.length;
  return {
    language,
    n: {
      inScope,
      outOfScope: oos,
      duplicates,
      anger: anger.length,
      reviews: reviews.length,
    },
    inScopeAccuracy: inScopeOk / inScope,
    byLanguage: Object.fromEntries([...lang].map(([l, [a, n]]) => [l, a / n])),
    unknownRecall: oosOk / oos,
    ece,
    confidentWrong: confidentWrong / rows.length,
    hesitantRight: hesitantRight / rows.length,
    anger: {
      precision,
      recall,
      f1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
    },
    reviews: byReviewLang,
    misses,
  };
}

function sayBlind(say: (s?: string) => void, split: BlindSplit): BlindReport {
  const r = blindReport(split);
  say(
    `[${split}] intent in-scope n=${r.n.inScope} accuracy ${pct(
      r.inScopeAccuracy
    )}  (${Object.entries(r.byLanguage)
      .map(([l, a]) => `${l} ${pct(a)}`)
      .join(", ")}; ${r.n.duplicates} rows left out: already in training data)`
  );
  say(
    `[${split}] out-of-scope n=${r.n.outOfScope} -> unknown ${pct(
      r.unknownRecall
    )}`
  );
  say(
    `[${split}] confidence: ECE ${r.ece.toFixed(
      3
    )}, wrong but >= ${HANDOFF_CONFIDENCE} ${pct(
      r.confidentWrong
    )}, right but < ${HANDOFF_CONFIDENCE} ${pct(r.hesitantRight)}`
  );
  say(
    `[${split}] anger n=${r.n.anger} precision ${pct(
      r.anger.precision
    )} recall ${pct(r.anger.recall)} F1 ${pct(r.anger.f1)}`
  );
  say(
    `[${split}] product reviews n=${r.n.reviews} polarity en ${pct(
      r.reviews.en
    )}, zh ${pct(r.reviews.zh)}`
  );
  say(`[${split}] language (12 languages, no hint) ${pct(r.language)}`);
  return r;
}

/** Accuracy over rows with a per-language breakdown. */
function byLanguage<T extends { language: string }>(
  rows: T[],
  ok: (r: T) => boolean
): { accuracy: number; n: number; perLanguage: Record<string, [number, number]> } {
  const per: Record<string, [number, number]> = {};
  let good = 0;
  for (const r of rows) {
    const s = (per[r.language] ??= [0, 0]);
    s[1]++;
    if (ok(r)) {
      good++;
      s[0]++;
    }
  }
  return { accuracy: good / Math.max(1, rows.length), n: rows.length, perLanguage: per };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  meanConfidence: number;
  accuracy: number;
}

/** Confidence against accuracy in ten equal-width bins, and the expected calibration error. */
export function reliability(
  pairs: { confidence: number; ok: boolean }[]
): { bins: ReliabilityBin[]; ece: number } {
  const bins = Array.from({ length: 10 }, (_, b) => ({
    from: b / 10,
    to: (b + 1) / 10,
    n: 0,
    conf: 0,
    ok: 0,
  }));
  for (const p of pairs) {
    const bin = bins[Math.min(9, Math.floor(p.confidence * 10))];
    bin.n++;
    bin.conf += p.confidence;
    if (p.ok) bin.ok++;
  }
  return {
    bins: bins.map((b) => ({
      from: b.from,
      to: b.to,
      n: b.n,
      meanConfidence: b.n ? b.conf / b.n : 0,
      accuracy: b.n ? b.ok / b.n : 0,
    })),
    ece:
      bins.reduce((e, b) => e + Math.abs(b.conf - b.ok), 0) /
      Math.max(1, pairs.length),
  };
}

const f1 = (rows: { angry: boolean; text: string }[]) => {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of rows) {
    const p = isAngry(r.text);
    if (p && r.angry) tp++;
    else if (p) fp++;
    else if (r.angry) fn++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  return {
    precision,
    recall,
    f1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
  };
};

/** The twelve languages the NLU is asked to tell apart in short messages (six reply languages + six). */
export const SHOP_LANGUAGES = ["en", "zh", "ja", "es", "fr", "de", "it", "pt", "nl", "ko", "ru", "ar"];

const words = (t: string) => t.trim().split(/\s+/).length;

export interface ValidationReport {
  /** Bitext validation: the training data's own style. */
  intentSameStyle: number;
  /** human-validation.csv in scope: the first author's rows. */
  intentFirstAuthor: ReturnType<typeof byLanguage>;
  /** validation-shoppers.csv in scope: another author, other sentence shapes. */
  intentOtherAuthor: ReturnType<typeof byLanguage>;
  /** Out-of-scope rows of both validation files answered "unknown". */
  outOfScope: number;
  outOfScopeN: number;
  confusions: [string, number][];
  reliability: { bins: ReliabilityBin[]; ece: number };
  sentiment: {
    yelp: number;
    waimai: number;
    reviewsEn: number;
    reviewsZh: number;
    en: number;
    zh: number;
  };
  anger: { precision: number; recall: number; f1: number; n: number };
  language: {
    /** Held-out short everyday messages (2-6 words) in the twelve shop languages, no hint. */
    short12: ReturnType<typeof byLanguage>;
    /** Every held-out language row, no hint. */
    all: number;
    /** Share of short rows flagged unsure, and accuracy on the rest. */
    unsureRate: number;
    sureAccuracy: number;
    /** Short rows with the conversation in the right language (prior) and in a wrong one (English, or Spanish). */
    withRightPrior: number;
    withWrongPrior: number;
    confusions: [string, number][];
  };
}

/** Every measure of the NLU issue on the team's own validation sets. */
export function validationReport(): ValidationReport {
  const intentSameStyle = intentReport(loadIntents("bitext-validation.csv")).accuracy;
  const rows = INTENT_VALIDATION_FILES.flatMap((f) =>
    loadIntents(f).map((r) => ({ ...r, file: f }))
  );
  const predicted = rows.map((r) => ({ r, p: classifyIntent(r.text) }));
  const inScope = predicted.filter((x) => x.r.intent !== "unknown");
  const ok = (x: (typeof predicted)[number]) => x.p.intent === x.r.intent;
  const intentFirstAuthor = byLanguage(
    inScope.filter((x) => x.r.file === "human-validation.csv").map((x) => ({ ...x, language: x.r.language })),
    ok
  );
  const intentOtherAuthor = byLanguage(
    inScope.filter((x) => x.r.file === "validation-shoppers.csv").map((x) => ({ ...x, language: x.r.language })),
    ok
  );
  const oos = predicted.filter((x) => x.r.intent === "unknown");
  const confusions = new Map<string, number>();
  for (const x of predicted)
    if (!ok(x)) {
      const k = `${x.r.intent} -> ${x.p.intent}`;
      confusions.set(k, (confusions.get(k) ?? 0) + 1);
    }

  const polarity = loadPolarity("test");
  const right = (r: { text: string; positive: boolean }) => sentimentScore(r.text) > 0 === r.positive;
  const share = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length / Math.max(1, xs.length);
  const yelp = polarity.filter((r) => r.source === "yelp");
  const waimai = polarity.filter((r) => r.source === "waimai");
  const reviewsEn = loadReviewFile("reviews-en-validation.tsv");
  const reviewsZh = loadReviewFile("reviews-zh-validation.tsv");

  const anger = loadAngerSocial("test");

  const langRows = loadLanguageRows("validation");
  const short = langRows.filter(
    (r) => SHOP_LANGUAGES.includes(r.language) && words(r.text) >= 2 && words(r.text) <= 6
  );
  const guesses = short.map((r) => ({ r, g: identifyLanguage(r.text) }));
  const langConfusions = new Map<string, number>();
  for (const { r, g } of guesses)
    if (g.language !== r.language) {
      const k = `${r.language} -> ${g.language}`;
      langConfusions.set(k, (langConfusions.get(k) ?? 0) + 1);
    }
  const sure = guesses.filter((x) => !x.g.unsure);
  return {
    intentSameStyle,
    intentFirstAuthor,
    intentOtherAuthor,
    outOfScope: share(oos, ok),
    outOfScopeN: oos.length,
    confusions: [...confusions].sort((a, b) => b[1] - a[1]),
    reliability: reliability(predicted.map((x) => ({ confidence: x.p.confidence, ok: ok(x) }))),
    sentiment: {
      yelp: share(yelp, right),
      waimai: share(waimai, right),
      reviewsEn: share(reviewsEn, right),
      reviewsZh: share(reviewsZh, right),
      en: share([...yelp, ...reviewsEn], right),
      zh: share([...waimai, ...reviewsZh], right),
    },
    anger: { ...f1(anger), n: anger.length },
    language: {
      short12: byLanguage(guesses.map((x) => ({ ...x, language: x.r.language })), (x) => x.g.language === x.r.language),
      all: share(langRows, (r) => detectLanguage(r.text) === r.language),
      unsureRate: share(guesses, (x) => x.g.unsure),
      sureAccuracy: share(sure, (x) => x.g.language === x.r.language),
      withRightPrior: share(short, (r) => detectLanguage(r.text, { priors: { conversation: r.language } }) === r.language),
      withWrongPrior: share(
        short,
        (r) => detectLanguage(r.text, { priors: { conversation: r.language === "en" ? "es" : "en" } }) === r.language
      ),
      confusions: [...langConfusions].sort((a, b) => b[1] - a[1]),
    },
  };
}

const perLang = (b: { perLanguage: Record<string, [number, number]> }) =>
  Object.entries(b.perLanguage)
    .sort((x, y) => y[1][1] - x[1][1])
    .map(([l, [a, n]]) => `${l} ${pct(a / n)} (${n})`)
    .join(", ");

function main(): void {
  const out: string[] = [];
  const say = (s = "") => out.push(s);
  const v = validationReport();
  const line = (what: string, value: number, needed: number, n?: number) =>
    say(`${what.padEnd(66)} ${pct(value).padStart(6)}   needed ${pct(needed)}${n ? `   n=${n}` : ""}`);

  say("== The NLU issue's measures, on the team's own validation sets (never trained on)");
  line("intent accuracy, same style as the training data (bitext-validation)", v.intentSameStyle, 0.98);
  line("intent accuracy, first author's rows (human-validation, in scope)", v.intentFirstAuthor.accuracy, 0.95, v.intentFirstAuthor.n);
  line("intent accuracy, other author's requests (validation-shoppers)", v.intentOtherAuthor.accuracy, 0.9, v.intentOtherAuthor.n);
  line("out-of-scope requests answered unknown (both files)", v.outOfScope, 0.95, v.outOfScopeN);
  line("sentiment polarity, English reviews (yelp fifth + reviews-en-validation)", v.sentiment.en, 0.9);
  line("sentiment polarity, Chinese reviews (waimai fifth + reviews-zh-validation)", v.sentiment.zh, 0.9);
  line("anger F1, social posts (anger-social fifth)", v.anger.f1, 0.75, v.anger.n);
  line("language of short utterances (2-6 words), 12 languages, no hint", v.language.short12.accuracy, 0.97, v.language.short12.n);

  say();
  say("== Intent, per language");
  say(`first author:  ${perLang(v.intentFirstAuthor)}`);
  say(`other author:  ${perLang(v.intentOtherAuthor)}`);
  say("top confusions (expected -> predicted), both validation files:");
  for (const [pair, n] of v.confusions.slice(0, 15)) say(`  ${String(n).padStart(3)}  ${pair}`);
  say(`reliability (confidence bin: n, mean confidence, accuracy), ECE ${v.reliability.ece.toFixed(3)}:`);
  for (const b of v.reliability.bins)
    if (b.n)
      say(
        `  ${b.from.toFixed(1)}-${b.to.toFixed(1)}  n=${String(b.n).padStart(4)}  confidence ${b.meanConfidence.toFixed(
          2
        )}  accuracy ${b.accuracy.toFixed(2)}`
      );
  const human = loadIntents("human-validation.csv");
  const shoppers = loadIntents("validation-shoppers.csv");
  say("out-of-scope: unknown as a class only vs class + threshold:");
  for (const t of [0, 0.2, 0.3, 0.4, 0.5]) {
    const r = intentReport([...human, ...shoppers], t);
    say(`  threshold ${t.toFixed(1)}: unknown recall ${pct(r.unknownRecall ?? 0)}, in-scope ${pct(r.inScopeAccuracy)}`);
  }

  say();
  say("== Sentiment polarity");
  say(`yelp fifth ${pct(v.sentiment.yelp)}, reviews-en-validation ${pct(v.sentiment.reviewsEn)}`);
  say(`waimai fifth ${pct(v.sentiment.waimai)}, reviews-zh-validation ${pct(v.sentiment.reviewsZh)}`);

  say();
  say("== Anger");
  say(
    `anger-social fifth: precision ${pct(v.anger.precision)} recall ${pct(v.anger.recall)} F1 ${pct(v.anger.f1)}`
  );
  const social = loadAngerSocial("test");
  say(
    `per language: ${[...new Set(social.map((r) => r.language))]
      .map((l) => {
        const rows = social.filter((r) => r.language === l);
        return `${l} F1 ${pct(f1(rows).f1)} (${rows.length})`;
      })
      .join(", ")}`
  );
  const a = f1(loadAnger());
  say(`anger.csv (trained on, optimistic): F1 ${pct(a.f1)}`);

  say();
  say("== Language");
  say(`short, 12 languages, no hint: ${perLang(v.language.short12)}`);
  say(
    `unsure (p < ${UNSURE}) on ${pct(v.language.unsureRate)} of short rows; accuracy on the rest ${pct(
      v.language.sureAccuracy
    )}`
  );
  say(
    `with the conversation's language as prior ${pct(v.language.withRightPrior)}; with a wrong prior ${pct(
      v.language.withWrongPrior
    )}`
  );
  say(`every held-out language row (${loadLanguageRows("validation").length}), no hint: ${pct(v.language.all)}`);
  say("top confusions:");
  for (const [pair, n] of v.language.confusions.slice(0, 10)) say(`  ${String(n).padStart(3)}  ${pair}`);
  const blindLang = loadBlindLanguage("all");
  for (const [name, detect] of [
    ["shipped", (t: string) => detectLanguage(t)],
    ["eld large alone", (t: string) => eld.detect(t).language],
    ["tinyld heavy alone", (t: string) => tinyld(t)],
  ] as const)
    say(`blind language set (${blindLang.length}), ${name}: ${pct(blindLang.filter((r) => detect(r.text) === r.language).length / blindLang.length)}`);

  say();
  say(
    "== Blind sets (data/blind: written after the first model, never trained on; final = every third row, never tuned on)"
  );
  sayBlind(say, "dev");
  sayBlind(say, "final");
  process.stdout.write(out.join("\n") + "\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `--blind dev` prints one blind part with its misses (error analysis) and nothing else.
  const i = process.argv.indexOf("--blind");
  if (i > 0) {
    const out: string[] = [];
    const r = sayBlind(
      (s = "") => out.push(s),
      process.argv[i + 1] as BlindSplit
    );
    if (process.argv.includes("--misses"))
      out.push(...r.misses.map((m) => "  " + m));
    process.stdout.write(out.join("\n") + "\n");
  } else main();
}

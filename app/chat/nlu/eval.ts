/**
 * npm run eval: measures the shipped models on data they were not trained on (bitext-validation, human-validation,
 * the held-out fifth of the polarity data) and the rule-based parts on the hand-written sets.
 */
import { fileURLToPath } from "node:url";
import { eld } from "eld/large";
import { detect as tinyld } from "tinyld/heavy";
import {
  loadAnger,
  loadBlindAnger,
  loadBlindIntents,
  loadBlindLanguage,
  loadBlindReviews,
  loadIntents,
  loadLanguageSet,
  loadPolarity,
  type BlindSplit,
  type IntentRow,
} from "./datasets";
import { classifyIntent } from "./intent";
import { detectLanguage } from "./language";
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

function main(): void {
  const out: string[] = [];
  const say = (s = "") => out.push(s);

  say(
    "== Intent (34 classes; unknown = class or top probability below the shipped threshold)"
  );
  const bitext = loadIntents("bitext-validation.csv");
  const human = loadIntents("human-validation.csv");
  const b = intentReport(bitext);
  const h = intentReport(human);
  say(`bitext-validation   n=${bitext.length}  accuracy ${pct(b.accuracy)}`);
  say(
    `human-validation    n=${human.length}  accuracy ${pct(
      h.accuracy
    )}  (in-scope ${pct(h.inScopeAccuracy)})`
  );
  say(
    `out-of-scope -> unknown (human-validation, n=${
      human.filter((r) => r.intent === "unknown").length
    }): recall ${pct(h.unknownRecall ?? 0)}`
  );
  const byLang = new Map<string, [number, number]>();
  for (const r of human) {
    const s = byLang.get(r.language) ?? [0, 0];
    s[1]++;
    if (classifyIntent(r.text).intent === r.intent) s[0]++;
    byLang.set(r.language, s);
  }
  say(
    `human-validation by language: ${[...byLang]
      .map(([l, [a, n]]) => `${l} ${pct(a / n)} (${n})`)
      .join(", ")}`
  );
  say(
    "out-of-scope: unknown as a class only vs class + threshold (human-validation):"
  );
  for (const t of [0, 0.2, 0.3, 0.4, 0.5]) {
    const r = intentReport(human, t);
    const bt = intentReport(bitext, t);
    say(
      `  threshold ${t.toFixed(1)}: unknown recall ${pct(
        r.unknownRecall ?? 0
      )}, in-scope human ${pct(r.inScopeAccuracy)}, bitext ${pct(bt.accuracy)}`
    );
  }
  say("top confused pairs (expected -> predicted), human-validation:");
  for (const [pair, n] of h.confusions.slice(0, 10)) say(`  ${n}  ${pair}`);
  say("top confused pairs, bitext-validation:");
  for (const [pair, n] of b.confusions.slice(0, 5)) say(`  ${n}  ${pair}`);

  say();
  say(
    "== Sentiment polarity (held-out fifth: every fifth row, never trained on)"
  );
  const polarity = loadPolarity("test");
  for (const source of ["yelp", "waimai"] as const) {
    const rows = polarity.filter((r) => r.source === source);
    const ok = rows.filter(
      (r) => sentimentScore(r.text) > 0 === r.positive
    ).length;
    say(
      `${source.padEnd(7)} n=${rows.length}  accuracy ${pct(ok / rows.length)}`
    );
  }

  say();
  say(
    "== Anger (anger.csv, hand-written; the rules were designed with it, so this is optimistic)"
  );
  const anger = loadAnger();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const r of anger) {
    const p = isAngry(r.text);
    if (p && r.angry) tp++;
    else if (p) fp++;
    else if (r.angry) fn++;
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  say(
    `n=${anger.length}  precision ${pct(precision)}  recall ${pct(
      recall
    )}  F1 ${pct((2 * precision * recall) / (precision + recall))}`
  );

  say();
  say(
    "== Language (short utterances: the multilingual intent rows + language-short.csv)"
  );
  const langRows = loadLanguageSet();
  const detectors: [string, (t: string) => string][] = [
    ["shipped (eld + script + cue words)", (t) => detectLanguage(t)],
    ["eld large alone", (t) => eld.detect(t).language],
    ["tinyld heavy alone", (t) => tinyld(t)],
  ];
  for (const [name, detect] of detectors) {
    const per = new Map<string, [number, number]>();
    let ok = 0;
    for (const r of langRows) {
      const s = per.get(r.language) ?? [0, 0];
      s[1]++;
      if (detect(r.text) === r.language) {
        ok++;
        s[0]++;
      }
      per.set(r.language, s);
    }
    say(`${name}: ${pct(ok / langRows.length)} of ${langRows.length}`);
    if (name.startsWith("shipped"))
      say(
        `  ${[...per].map(([l, [a, n]]) => `${l} ${pct(a / n)}`).join(", ")}`
      );
  }

  say();
  say(
    "== Blind sets (data/blind: written after the model, never trained on; final = every third row, never tuned on)"
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

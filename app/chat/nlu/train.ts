/**
 * Rebuilds model/intent.json and model/sentiment.json from ./data (npm run train). Deterministic: the same data
 * gives byte-identical artefacts. human-validation.csv and the held-out polarity rows are never read here.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { featurize, type FeatureOptions } from "./features";
import {
  logits,
  seededRandom,
  serialize,
  softmax,
  train,
  type Example,
  type LinearModel,
} from "./linear";
import {
  INTENT_TRAINING_FILES,
  loadIntents,
  loadPolarity,
  type IntentRow,
  type PolarityRow,
} from "./datasets";
import { reviewLexiconScore } from "./review-lexicon";
import { lexiconScore } from "./sentiment";

export const INTENT_FEATURES: FeatureOptions = {
  bits: 17,
  charMin: 2,
  charMax: 5,
  concepts: 1.5,
};
export const SENTIMENT_FEATURES: FeatureOptions = {
  bits: 18,
  charMin: 1,
  charMax: 4,
};

/** Below this top probability the classifier answers "unknown" (chosen on bitext + human validation, see eval). */
export const UNKNOWN_THRESHOLD = 0.3;

const SEED = 20261121;

// Typos and fillers that real shoppers add; applied to the hand-written rows, which are few next to Bitext.
const FILLERS_BEFORE = ["hi ", "hello ", "hey, ", "excuse me ", "ok ", ""];
const FILLERS_AFTER = [" pls", " please", "??", "!", " thanks", " asap", ""];

function typo(text: string, rand: () => number): string {
  const chars = Array.from(text);
  if (chars.length < 5) return text;
  const i = 1 + Math.floor(rand() * (chars.length - 2));
  const kind = rand();
  if (kind < 0.4) chars.splice(i, 1);
  else if (kind < 0.8) [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  else chars.splice(i, 0, chars[i]);
  return chars.join("");
}

// Intents about one order: shoppers often add the order number or their e-mail ("... #1001, ana@example.com").
const ORDER_INTENTS = new Set([
  "track_order",
  "cancel_order",
  "change_order",
  "change_shipping_address",
  "get_invoice",
  "return_item",
  "get_refund",
  "track_refund",
  "complaint",
  "payment_issue",
]);
const ORDER_SUFFIXES = [
  " #1042",
  ", order 5531",
  " order #20817",
  " #1188 maria.lopez@example.com",
  ", my email is j.smith@mail.net",
  " (order 7731, kenji@example.jp)",
];

/**
 * The original row plus noisy copies: a typo, a filler word, a variant without capitals or punctuation, and for
 * order intents sometimes an order number or e-mail address.
 */
export function augment(
  row: IntentRow,
  rand: () => number,
  copies: number
): string[] {
  const out = [row.text];
  for (let c = 0; c < copies; c++) {
    let t = row.text;
    if (rand() < 0.6) t = typo(t, rand);
    if (rand() < 0.5)
      t = FILLERS_BEFORE[Math.floor(rand() * FILLERS_BEFORE.length)] + t;
    if (rand() < 0.5)
      t = t + FILLERS_AFTER[Math.floor(rand() * FILLERS_AFTER.length)];
    if (rand() < 0.3) t = t.toLowerCase().replace(/[?!.,¿¡]/g, "");
    if (ORDER_INTENTS.has(row.intent) && rand() < 0.2)
      t += ORDER_SUFFIXES[Math.floor(rand() * ORDER_SUFFIXES.length)];
    out.push(t);
  }
  return out;
}

/** All intent labels: the 27 Bitext intents, then the seven added for a shop's chat. */
export function intentLabels(rows: IntentRow[]): string[] {
  return [...new Set(rows.map((r) => r.intent))].sort();
}

const INTENT_TRAIN = { epochs: 12, learningRate: 0.4, l2: 1e-6, seed: SEED };

function intentExamples(
  bitext: IntentRow[],
  hand: IntentRow[],
  index: Map<string, number>,
  rand: () => number
): Example[] {
  const examples: Example[] = [];
  for (const r of bitext) {
    examples.push({
      x: featurize(r.text, INTENT_FEATURES),
      y: index.get(r.intent)!,
      weight: 1,
    });
  }
  // Hand-written rows are about a tenth of the data but stand for how shoppers really write: copy and weight them up.
  for (const r of hand) {
    for (const t of augment(r, rand, 4)) {
      examples.push({
        x: featurize(t, INTENT_FEATURES),
        y: index.get(r.intent)!,
        weight: 1.5,
      });
    }
  }
  return examples;
}

/**
 * Temperature for the softmax, fitted by minimising the log-loss on rows the fitted model never saw. The trained
 * model is close to 1.00 on almost everything (augmented copies make hand-written rows easy to memorise), while the
 * bot hands off below a confidence of 0.45, so confidence must mean something: T > 1 softens it.
 */
export function fitTemperature(
  model: LinearModel,
  rows: IntentRow[],
  index: Map<string, number>
): number {
  const z = rows.map((r) => logits(model, featurize(r.text, INTENT_FEATURES)));
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.5; t <= 8.001; t += 0.1) {
    let loss = 0;
    rows.forEach((r, i) => {
      const p = softmax(z[i].map((v) => v / t));
      loss -= Math.log(Math.max(1e-12, p[index.get(r.intent)!]));
    });
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 10) / 10;
    }
  }
  return best;
}

export function buildIntentModel(): string {
  const bitext = loadIntents("bitext-train.csv");
  const hand = [
    ...loadIntents("extra-intents.csv"),
    ...loadIntents("human-train.csv"),
    ...loadIntents("more-intents.csv"),
  ];
  const labels = intentLabels([...bitext, ...hand]);
  const index = new Map(labels.map((l, i) => [l, i]));

  // Calibration: a model trained without every fifth hand-written row, scored on those rows. Bitext rows are left
  // out of the fit because they are far easier than real messages and would pull the temperature towards 1.
  const held = hand.filter((_, i) => i % 5 === 4);
  const calibration = train(
    intentExamples(
      bitext,
      hand.filter((_, i) => i % 5 !== 4),
      index,
      seededRandom(SEED + 1)
    ),
    labels,
    INTENT_FEATURES.bits,
    INTENT_TRAIN
  );
  const temperature = fitTemperature(calibration, held, index);

  const examples = intentExamples(bitext, hand, index, seededRandom(SEED));
  const model = train(examples, labels, INTENT_FEATURES.bits, INTENT_TRAIN);
  return serialize(model, {
    features: INTENT_FEATURES,
    unknownThreshold: UNKNOWN_THRESHOLD,
    temperature,
    trainedOn: [...INTENT_TRAINING_FILES],
    calibratedOn:
      "every fifth hand-written row, with a model trained without them",
    examples: examples.length,
  });
}

const SENTIMENT_TRAIN = { epochs: 10, learningRate: 0.2, l2: 1e-6, seed: SEED };

function sentimentExamples(rows: PolarityRow[]): Example[] {
  return rows.map((r) => ({
    x: featurize(r.text, SENTIMENT_FEATURES),
    y: r.positive ? 1 : 0,
    // Yelp has 800 training rows against about 9,600 waimai rows: weight English up so it is not an afterthought.
    weight: r.source === "yelp" ? 4 : 1,
  }));
}

/**
 * Picks the weights of the VADER lexicon and of the product-review lexicon in the blend by 5-fold cross-validation on
 * the training split only (the held-out split stays unseen). The score is the mean of the English and the Chinese
 * accuracy, so the 12x larger Chinese set does not decide alone.
 */
export function chooseLexiconWeights(rows: PolarityRow[]): {
  lexiconWeight: number;
  reviewLexiconWeight: number;
} {
  const grid = [0, 0.5, 1, 1.5, 2, 3, 4, 6];
  const pairs: { m: number; v: number; d: number; y: boolean; en: boolean }[] =
    [];
  for (let fold = 0; fold < 5; fold++) {
    const fit = rows.filter((_, i) => i % 5 !== fold);
    const held = rows.filter((_, i) => i % 5 === fold);
    const model = train(
      sentimentExamples(fit),
      ["negative", "positive"],
      SENTIMENT_FEATURES.bits,
      SENTIMENT_TRAIN
    );
    for (const r of held) {
      const z = logits(model, featurize(r.text, SENTIMENT_FEATURES));
      pairs.push({
        m: z[1] - z[0],
        v: lexiconScore(r.text),
        d: reviewLexiconScore(r.text),
        y: r.positive,
        en: r.source === "yelp",
      });
    }
  }
  const accuracy = (ps: typeof pairs, b: number, c: number) =>
    ps.filter((p) => p.m + b * p.v + c * p.d > 0 === p.y).length / ps.length;
  const en = pairs.filter((p) => p.en);
  const zh = pairs.filter((p) => !p.en);
  let best = { lexiconWeight: 0, reviewLexiconWeight: 0 };
  let bestAcc = -1;
  for (const b of grid) {
    for (const c of grid) {
      const acc = (accuracy(en, b, c) + accuracy(zh, b, c)) / 2;
      if (acc > bestAcc) {
        bestAcc = acc;
        best = { lexiconWeight: b, reviewLexiconWeight: c };
      }
    }
  }
  return best;
}

// Shopper requests that carry no opinion. Reviews have no neutral class, so a plain question ("hello", "where is my
// order?") would otherwise land far on one side; each of these rows is added once as positive and once as negative,
// which pulls its score towards 0 without moving the review decisions much.
const NEUTRAL_INTENTS = new Set([
  "track_order",
  "product_question",
  "delivery_period",
  "delivery_options",
  "change_shipping_address",
  "greeting",
  "place_order",
  "check_payment_methods",
  "change_order",
  "promotion_question",
  "return_item",
  "cancel_order",
  "check_refund_policy",
  "contact_customer_service",
  "get_invoice",
  "goodbye",
]);

function neutralExamples(): Example[] {
  const rows = [
    ...loadIntents("human-train.csv"),
    ...loadIntents("extra-intents.csv"),
  ].filter((r) => NEUTRAL_INTENTS.has(r.intent));
  return rows.flatMap((r) => {
    const x = featurize(r.text, SENTIMENT_FEATURES);
    return [
      { x, y: 0, weight: 1 },
      { x, y: 1, weight: 1 },
    ];
  });
}

export function buildSentimentModel(): string {
  const rows = loadPolarity("train");
  const weights = chooseLexiconWeights(rows);
  const examples = [...sentimentExamples(rows), ...neutralExamples()];
  const model = train(
    examples,
    ["negative", "positive"],
    SENTIMENT_FEATURES.bits,
    SENTIMENT_TRAIN
  );
  return serialize(model, {
    features: SENTIMENT_FEATURES,
    ...weights,
    trainedOn: "80% of yelp_labelled + waimai_10k (every fifth row held out)",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const modelDir = fileURLToPath(new URL("./model/", import.meta.url));
  const t0 = performance.now();
  const intent = buildIntentModel();
  writeFileSync(modelDir + "intent.json", intent);
  const t1 = performance.now();
  const sentiment = buildSentimentModel();
  writeFileSync(modelDir + "sentiment.json", sentiment);
  const t2 = performance.now();
  process.stdout.write(
    `intent model: ${(intent.length / 1e6).toFixed(2)} MB in ${(
      (t1 - t0) /
      1000
    ).toFixed(1)} s\n` +
      `sentiment model: ${(sentiment.length / 1e6).toFixed(2)} MB in ${(
        (t2 - t1) /
        1000
      ).toFixed(1)} s\n`
  );
}

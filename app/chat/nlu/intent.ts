/** Intent classification with the shipped linear model, plus the out-of-scope confidence threshold. */
import { featurize } from "./features";
import { logits, softmax } from "./linear";
import { loadModel } from "./models";

export interface IntentScore {
  intent: string;
  confidence: number;
}

export interface IntentPrediction extends IntentScore {
  /** Next best intents, most likely first. */
  alternatives: IntentScore[];
  /** The classifier's own top label before the threshold turned it into "unknown". */
  rawIntent: string;
}

/** Ranks all intents for a message; below the model's threshold the answer becomes "unknown". */
export function classifyIntent(
  text: string,
  opts: { threshold?: number; alternatives?: number } = {}
): IntentPrediction {
  const { model, features, meta } = loadModel("intent.json");
  const threshold = opts.threshold ?? (meta.unknownThreshold as number);
  // Temperature scaling (fitted at training time on held-out rows) so that the confidence is a usable probability.
  const t = (meta.temperature as number) ?? 1;
  const z = logits(model, featurize(text, features));
  if (t !== 1) for (let k = 0; k < z.length; k++) z[k] /= t;
  const p = softmax(z);
  const ranked = model.labels
    .map((intent, i) => ({ intent, confidence: p[i] }))
    .sort((a, b) => b.confidence - a.confidence);
  const top = ranked[0];
  const alternatives = ranked.slice(1, 1 + (opts.alternatives ?? 3));
  if (top.confidence < threshold && top.intent !== "unknown") {
    return {
      intent: "unknown",
      confidence: 1 - top.confidence,
      alternatives: ranked.slice(0, opts.alternatives ?? 3),
      rawIntent: top.intent,
    };
  }
  return {
    intent: top.intent,
    confidence: top.confidence,
    alternatives,
    rawIntent: top.intent,
  };
}

/** The intent labels the shipped model knows. */
export function intentLabels(): string[] {
  return [...loadModel("intent.json").model.labels];
}

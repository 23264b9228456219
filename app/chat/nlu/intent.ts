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

// "I don't want to cancel, I just want to change the address": a refused request, then the real one. The words of
// the refused part would outvote the rest in a bag of features, so the part after the turn is what is classified.
const REFUSAL =
  /^(?:no,?\s+)?(?:i\s+)?(?:(?:do not|don'?t|dont)\s+(?:want|need|wanna)|not\s+(?:looking for|asking for|after)|no\s+need\s+for|no quiero|je ne veux pas|ich will (?:nicht|kein\w*)|ich möchte (?:nicht|kein\w*)|non voglio|não quero|ik wil (?:niet|geen))\b[^.!?]{0,60}?[,;]?\s*(?:(?:i\s+)?(?:just|only|rather|instead)|but\s+i|solo|sólo|juste|seulement|nur|só|alleen)\b(.{8,})$/iu;
const REFUSAL_CJK = /^(.*(?:不想|不要|不用|じゃなくて|ではなく).*?)[，,、]\s*(.{4,})$/u;

/** The request a message ends with after refusing another one, or null. */
export function requestAfterRefusal(text: string): string | null {
  const m = REFUSAL.exec(text) ?? REFUSAL_CJK.exec(text);
  return m ? m[m.length - 1].trim() : null;
}

/** Ranks all intents for a message; below the model's threshold the answer becomes "unknown". */
export function classifyIntent(
  text: string,
  opts: { threshold?: number; alternatives?: number } = {}
): IntentPrediction {
  const rest = requestAfterRefusal(text);
  if (rest) {
    const p = rankIntents(rest, opts);
    if (p.intent !== "unknown") return p;
  }
  return rankIntents(text, opts);
}

function rankIntents(
  text: string,
  opts: { threshold?: number; alternatives?: number }
): IntentPrediction {
  const { model, features, meta } = loadModel("intent.json");
  const threshold = opts.threshold ?? (meta.unknownThreshold as number);
  // Temperature scaling (fitted at training time on held-out rows) so that the confidence is a usable probability.
  const t = (meta.temperature as number) ?? 1;
  const z = logits(model, featurize(text, features));
  if (t !== 1) for (let k = 0; k < z.length; k++) z[k] /= t;
  const p = softmax(z);
  // Only the best few are reported: a partial insertion sort instead of sorting all 34.
  const keep = 1 + Math.max(3, opts.alternatives ?? 3);
  const ranked: IntentScore[] = [];
  for (let i = 0; i < p.length; i++) {
    if (ranked.length === keep && p[i] <= ranked[keep - 1].confidence) continue;
    let j = Math.min(ranked.length, keep - 1);
    ranked[j] = { intent: model.labels[i], confidence: p[i] };
    while (j > 0 && ranked[j - 1].confidence < ranked[j].confidence) {
      [ranked[j - 1], ranked[j]] = [ranked[j], ranked[j - 1]];
      j--;
    }
  }
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

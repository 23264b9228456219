/**
 * Sentiment (-1..1) and anger. Polarity is a linear model trained on English (Yelp) and Chinese (waimai) reviews,
 * blended with the VADER lexicon (English; handles negation, "!!!" and capitals), whose weight train.ts picks by
 * cross-validation. Anger is rules, because no shared data exists for it: profanity, anger words and threats
 * (chargeback, lawyer) in several languages, shouting (capitals, "!!!"), and strong negativity.
 */
import vader from "vader-sentiment";
import { featurize, normalize } from "./features";
import { logits } from "./linear";
import { loadModel } from "./models";

/** VADER's compound score (-1..1); 0 for text with no English lexicon words. */
export function lexiconScore(text: string): number {
  // The lexicon is English: skip the (comparatively slow) scorer for text without Latin letters.
  if (!/[a-z]/i.test(text)) return 0;
  return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

/** The blended log-odds of "positive" (before squashing). */
export function polarityLogit(text: string): number {
  const { model, features, meta } = loadModel("sentiment.json");
  const z = logits(model, featurize(text, features));
  return (
    z[1] - z[0] + ((meta.lexiconWeight as number) ?? 0) * lexiconScore(text)
  );
}

/** Sentiment from -1 (negative) to 1 (positive): 2·sigmoid(logit) - 1. */
export function sentimentScore(text: string): number {
  return Math.tanh(polarityLogit(text) / 2);
}

// Words that on their own read as swearing. Matched on normalise()d text (lower-case, Latin accents folded).
const PROFANITY =
  /\b(fuck\w*|f\*+ck\w*|shit\w*|bullshit|crap|damn\w*|wtf|ffs|bs|asshole\w*|bastard\w*|bloody hell|what the hell|mierda|joder|carajo|cabron\w*|putain|merde|bordel|scheiss\w*|scheiß\w*|verdammt\w*|cazzo|merda|vaffanculo|porra|caralho|kut|godverdomme|klote)\b|他妈|妈的|操你|tmd|クソ|くそ|ふざけるな|씨발|блять|сука/u;

// Anger and escalation: insults, threats, exasperation. Whole words or stems, several languages.
const ANGER_TERMS =
  /\b(scam\w*|fraud\w*|ridiculous|unacceptable|outrageous|disgusting|disgraceful|pathetic|worst|furious|angry|pissed|fed up|sick of|sick and tired|never again|never ordering|rip ?off|useless|stole|steal\w*|thie(f|ves)|liars?|lying|shame on|a joke|chargeback|charge ?back|disput\w*|lawyer|attorney|sue you|legal action|bbb|report(ing)? you|third time|3rd time|\d+(th|rd|nd) time|i'?m done|nobody (answers|responds|helps|replies|is helping)|no one (answers|responds|helps|replies)|how hard is it|are you kidding|are you serious|estaf\w*|verguenza|harto|harta|denunci\w*|inaceptable|ridicul\w*|arnaque\w*|escroc\w*|scandaleu\w*|honteu\w*|inadmissible|furieu\w*|ras le bol|betrug\w*|betruger\w*|frechheit|unverschamt\w*|stinksauer|sauer|anwalt|lacherlich|truff\w*|vergogn\w*|furios\w*|avvocato|golpis\w*|nunca mais|nunca mas|nie wieder|jamais plus|mai piu|nooit meer|porter plainte|hate|hating|sucks?|fml|annoy\w*|irritat\w*|infuriat\w*|livid|rage|frustrat\w*|mad at|absurdo|vergonha|process\w* voces|processar|oplicht\w*|belachelijk|schandalig|waardeloze?|advocaat)\b|骗子|垃圾|气死|太过分|过分|差评|再也不|最悪|詐欺|いい加減|ふざけ|怒|최악|사기/u;

// Shopper exasperation about waiting, which is anger even when worded politely ("still haven't received").
const STILL_WAITING =
  /\b(still (haven'?t|havent|not|no|nothing|waiting)|weeks? and (still|nothing)|months? and (still|nothing))\b|还没|まだ届/u;

// Weaker words: harsh or urgent, but also used calmly ("the fit is terrible", "please send it right now").
const WEAK_TERMS =
  /\b(ugh+|smh|seriously|terrible|horrible|awful|garbage|trash|rubbish|immediately|right now|asap|unbelievable|enough)\b/u;

const ANGRY_EMOJI = /[\u{1F620}\u{1F621}\u{1F624}\u{1F92C}\u{1F4A2}\u{1F595}]/u; // 😠 😡 😤 🤬 💢 🖕

const NEGATIVE_PUNCT = /(!{2,}|\?{3,}|\?!|!\?|！{2,}|？{2,})/u;

export interface AngerSignals {
  profanity: boolean;
  angerTerm: boolean;
  shouting: boolean;
  punctuation: boolean;
  stillWaiting: boolean;
  weakTerm: boolean;
  veryNegative: boolean;
}

/** The individual cues behind isAngry, for logging and tests. */
export function angerSignals(text: string, sentiment?: number): AngerSignals {
  const norm = normalize(text);
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = text.match(/\p{Lu}/gu) ?? [];
  const score = sentiment ?? sentimentScore(text);
  return {
    profanity: PROFANITY.test(norm),
    angerTerm: ANGER_TERMS.test(norm) || ANGRY_EMOJI.test(text),
    // At least six letters and most of them capitals: shouting, not an acronym like "UPS" or "ETA".
    shouting: letters.length >= 6 && upper.length / letters.length >= 0.6,
    punctuation: NEGATIVE_PUNCT.test(text),
    stillWaiting: STILL_WAITING.test(norm),
    weakTerm: WEAK_TERMS.test(norm),
    veryNegative: score <= -0.6,
  };
}

/** True when a message reads as angry or urgent enough that a person should probably take over. */
export function isAngry(text: string, sentiment?: number): boolean {
  const s = angerSignals(text, sentiment);
  // Strong cues decide alone; weak cues (shouting, "!!!", waiting, negativity) must add up.
  const score =
    (s.profanity ? 1 : 0) +
    (s.angerTerm ? 1 : 0) +
    (s.shouting ? 0.6 : 0) +
    (s.punctuation ? 0.5 : 0) +
    (s.stillWaiting ? 0.5 : 0) +
    (s.weakTerm ? 0.5 : 0) +
    (s.veryNegative ? 0.5 : 0);
  return score >= 1;
}

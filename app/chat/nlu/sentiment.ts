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
import { reviewLexiconScore } from "./review-lexicon";

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
  const reviewWeight = (meta.reviewLexiconWeight as number) ?? 0;
  const vaderWeight = (meta.lexiconWeight as number) ?? 0;
  const rest =
    z[1] - z[0] + (reviewWeight ? reviewWeight * reviewLexiconScore(text) : 0);
  // VADER (a quarter of the NLU's time) moves the logit by at most its weight, its compound score being in -1..1:
  // beyond weight + 2 it can change neither the polarity nor "very negative" (logit <= -1.39), so it is skipped.
  if (Math.abs(rest) >= vaderWeight + 2) return rest;
  return rest + vaderWeight * lexiconScore(text);
}

/** Sentiment from -1 (negative) to 1 (positive): 2·sigmoid(logit) - 1. */
export function sentimentScore(text: string): number {
  return Math.tanh(polarityLogit(text) / 2);
}

// Words that on their own read as swearing. Matched on normalise()d text (lower-case, Latin accents folded).
const PROFANITY =
  /\b(fuck\w*|f\*+ck\w*|shit\w*|bullshit|crap|damn\w*|wtf|ffs|bs|asshole\w*|bastard\w*|bloody hell|what the hell|go to hell|screw you|mierda|joder|carajo|cabron\w*|putain|merde|bordel|scheiss\w*|scheiß\w*|verdammt\w*|cazzo|incazzat\w*|merda|vaffanculo|porra|caralho|kut|godverdomme|klote)\b|他妈|妈的|操你|tmd|クソ|くそ|ふざけるな|씨발|блять|сука/u;

// Swearing that people also use in praise ("DAMN that outfit", "holy crap this cake is amazing"): it only counts
// when the message is not clearly positive.
const MILD_PROFANITY =
  /\b(damn\w*|crap|holy shit|shit(ty)? (is|was) (good|fire|amazing)|hell yeah|fuck(ing)? (love|amazing|awesome|great|yes))\b/u;

// Anger and escalation: insults, threats, exasperation. Whole words or stems, several languages.
const ANGER_TERMS =
  /\b(scam\w*|fraud\w*|ridiculous|unacceptable|outrag\w*|disgust\w*|disgrace\w*|pathetic|worst|furious|fuming|seething|angry|angrier|pissed|fed up|sick of|sick and tired|had enough|enough is enough|last straw|never again|never ordering|rip ?off|useless|incompetent|idiot\w*|moron\w*|stupid|clowns?|stole|steal\w*|robb(ing|ed)|thie(f|ves)|theft|liars?|lying|shame on|(what|such|absolute|total|complete|f\w*ing|bloody) (a )?joke|(you|you guys|you people|company|service|store|shop|this place) (is|are) a joke|chargeback|charge ?back|disput\w*|lawyer|attorney|sue you|legal action|bbb|report(ing)? you|third time|3rd time|\d+(th|rd|nd) time|i'?m done|im done|(absolutely|so|completely) done with|nobody (answers|responds|helps|replies|is helping|cares)|no one (answers|responds|helps|replies|cares)|how hard is it|are you kidding|are you serious|how dare|(don'?t|dont) you dare|the nerve|the audacity|how is it possible|blood (is )?boiling|lose my mind|about to lose it|shut up|you people|you ruined|ruined my|one job|estaf\w*|verguenza|harto|harta|hasta las narices|denunci\w*|inaceptable|ridicul\w*|arnaque\w*|escroc\w*|scandaleu\w*|honteu\w*|une honte|j?en ai marre|inadmissible|furieu\w*|ras le bol|betrug\w*|betruger\w*|frechheit|unverschamt\w*|stinksauer|sauer|wutend|anwalt|lacherlich|truff\w*|vergogn\w*|furios\w*|avvocato|golpis\w*|raiva|nunca mais|nunca mas|nie wieder|jamais plus|mai piu|nooit meer|porter plainte|hate|hated|hating|sucks?|fml|annoying|infuriat\w*|livid|rage|frustrat\w*|mad at|(so|im|i'?m|really|fucking) mad|piss(es|ed)? me off|pisses|makes me sick|grr+|argh+|offended|irate|enraged|fury|resent\w*|hypocrit\w*|disrespect\w*|idiotic|dumbass|jerks?|losers?|screw (this|them|you)|yell(ed|ing) at|scream(ed|ing) at|hell no|revenge|absurdo|vergonha|process\w* voces|processar|oplicht\w*|belachelijk|schandalig|waardeloze?|advocaat)\b|骗子|垃圾|气死|气人|太过分|过分|差评|再也不|最悪|詐欺|いい加減|ふざけ|腹が立|怒|최악|사기/u;

// "this is a joke" is exasperation unless the writer is laughing ("this is a joke lol my cat fell off the couch");
// "tell me a joke" is neither.
const A_JOKE = /\b(this|that|it|thats|its) (is )?(such |just )?a joke\b/u;
const LAUGHING = /\b(lol|lmao|rofl|haha\w*|hehe|jk)\b|\u{1F602}|\u{1F923}/u;
// "AGAIN" in capitals is exasperation; "sorry to bother you again" is not.
const CAPS_AGAIN = /\bAGAIN\b/u;

// Mild irritation, said calmly ("a bit annoyed the store closed early"): anger only when it is not hedged.
const ANNOYED = /\b(annoyed|irritated|irritating|pissed)\b/u;
const HEDGED =
  /\b(a bit|a little|bit|slightly|kinda|kind of|somewhat|mildly|not mad)\b/u;

// Shopper exasperation about waiting, which is anger even when worded politely ("still haven't received").
const STILL_WAITING =
  /\b(still (haven'?t|havent|not|no|nothing|waiting)|weeks? and (still|nothing)|months? and (still|nothing))\b|还没|まだ届/u;

// Weaker words: harsh or urgent, but also used calmly ("the fit is terrible", "please send it right now").
const WEAK_TERMS =
  /\b(ugh+|smh|seriously|terrible|horrible|awful|garbage|trash|rubbish|immediately|right now|asap|unbelievable|enough|yet again|thanks for nothing|thanks a lot|rude|i swear|one more time|fix it|nul|nulle)\b/u;

const ANGRY_EMOJI = /[\u{1F620}\u{1F621}\u{1F624}\u{1F92C}\u{1F4A2}\u{1F595}]/u; // 😠 😡 😤 🤬 💢 🖕

// Joy, love and laughter: capitals and "!!!" next to these are excitement ("OMG I LOVE IT!!!"), not shouting, and a
// joke with "lol" is a joke.
const POSITIVE_CUES =
  /\b(love|loving|loved|lovely|perfect|amazing|awesome|great|best|good|so good|delicious|tasty|nice|excited|exciting|yay|woo+|lets go+|let'?s go+|won|win|winning|congrats|congratulations|happy|fire|beautiful|gorgeous|cute|omg|lol|lmao|haha\w*|hehe|can'?t wait|cant wait|proud|thank(s| you)|ready)\b|[\u{1F60D}\u{1F970}\u{2764}\u{1F525}\u{1F602}\u{1F923}\u{1F389}\u{1F973}\u{1F64C}\u{1F4AA}]/u;

// Sarcasm markers: they turn "thanks", "great" and "love" into their opposite, so they cancel the joy cues.
const SARCASM =
  /\u{1F644}|\u{1F643}|\u{1F612}|(^|\s)\/s\b|\byeah right\b|\boh (great|wonderful|perfect|fantastic|joy|brilliant)\b|\bjust (great|perfect|wonderful|brilliant)\b|\bthanks for nothing\b|\bthanks a lot\b|\bthanks a bunch\b|\bwow,? thanks\b|\b(great|fantastic|brilliant|amazing) (job|service|work)\b|\blove (how|that|when) (my|you|they|it|the)\b|谢谢你们什么都没做|呵呵|真是.{0,3}“/u;

const NEGATIVE_PUNCT = /(!{2,}|\?{3,}|\?!|!\?|！{2,}|？{2,})/u;

/**
 * Probability that a message is angry according to the trained anger model (model/anger.json), 0..1. Learnt from
 * social posts next to their hard negatives (sadness, fear, excitement in capitals, polite complaints).
 */
export function angerProbability(text: string): number {
  const { model, features } = loadModel("anger.json");
  const z = logits(model, featurize(text, features));
  return 1 / (1 + Math.exp(z[0] - z[1]));
}

export interface AngerSignals {
  profanity: boolean;
  angerTerm: boolean;
  shouting: boolean;
  punctuation: boolean;
  stillWaiting: boolean;
  weakTerm: boolean;
  veryNegative: boolean;
  /** Joy or laughter cues: they cancel shouting, "!!!" and mild swearing. */
  positive: boolean;
  /** Sarcasm markers (🙄, "thanks for nothing", "oh great"): they cancel the joy cues and add to anger. */
  sarcasm: boolean;
  /** The trained model's probability (angerProbability; NaN when not asked for). */
  model: number;
}

/** The individual cues behind isAngry, for logging and tests. */
export function angerSignals(
  text: string,
  sentiment?: number,
  withModel = true
): AngerSignals {
  const norm = normalize(text);
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = text.match(/\p{Lu}/gu) ?? [];
  const score = sentiment ?? sentimentScore(text);
  const angerTerm =
    ANGER_TERMS.test(norm) ||
    ANGRY_EMOJI.test(text) ||
    (A_JOKE.test(norm) && !LAUGHING.test(norm) && !LAUGHING.test(text)) ||
    (ANNOYED.test(norm) && !HEDGED.test(norm));
  const sarcasm = SARCASM.test(norm) || SARCASM.test(text);
  const positive =
    !angerTerm &&
    !sarcasm &&
    (POSITIVE_CUES.test(norm) || POSITIVE_CUES.test(text));
  const profane = PROFANITY.test(norm);
  return {
    profanity: profane && !(positive && MILD_PROFANITY.test(norm)),
    angerTerm,
    // At least six letters and most of them capitals: shouting, not an acronym like "UPS" or "ETA".
    shouting:
      !positive && letters.length >= 6 && upper.length / letters.length >= 0.6,
    punctuation: !positive && NEGATIVE_PUNCT.test(text),
    stillWaiting: STILL_WAITING.test(norm),
    weakTerm: WEAK_TERMS.test(norm) || CAPS_AGAIN.test(text),
    sarcasm,
    veryNegative: score <= -0.6,
    positive,
    model: withModel ? angerProbability(text) : NaN,
  };
}

/** The rules' evidence for anger (1 or more: angry on the rules alone), without the trained model. */
export function angerRuleScore(
  text: string,
  s: AngerSignals = angerSignals(text, undefined, false)
): number {
  // Strong cues decide alone; weak cues (shouting, "!!!", waiting, negativity) must add up.
  return (
    (s.profanity ? 1 : 0) +
    (s.angerTerm ? 1 : 0) +
    // A long all-caps message with no joy in it is shouting on its own; a short one needs another cue.
    (s.shouting ? ((text.match(/\p{Lu}/gu)?.length ?? 0) >= 15 ? 1 : 0.6) : 0) +
    (s.punctuation ? 0.5 : 0) +
    (s.stillWaiting ? 0.5 : 0) +
    (s.weakTerm ? 0.5 : 0) +
    (s.sarcasm ? 0.5 : 0) +
    (s.veryNegative ? 0.5 : 0)
  );
}

/** A cue that is anger on its own: swearing, an anger word, or a long all-caps message without joy. */
export function strongAngerCue(text: string, s: AngerSignals): boolean {
  return (
    s.profanity ||
    s.angerTerm ||
    (s.shouting && (text.match(/\p{Lu}/gu)?.length ?? 0) >= 15)
  );
}

export interface AngerBlend {
  /** How much the model's probability counts next to the rules. */
  modelWeight: number;
  /** The probability at which the model adds nothing. */
  modelCentre: number;
  /** A strong cue (swearing, an anger word) is enough when the model gives at least this. */
  strongFloor: number;
  /** Without any rule cue the model decides alone only from this probability up (shopper chat needs precision). */
  soloFloor: number;
}

/**
 * Rules plus model: angry when rules + weight * (p - centre) >= 1, or when a strong cue meets a model that does not
 * clearly disagree (p >= strongFloor). The three numbers are chosen by train.ts on out-of-fold probabilities
 * (model/anger.json's meta), so a sure "calm" can cancel a lone weak cue and a sure "angry" needs little from the
 * rules, while an anger word the training posts never used still counts.
 */
export function angerDecision(
  rules: number,
  strong: boolean,
  p: number,
  blend: AngerBlend
): boolean {
  if (rules <= 0 && p < blend.soloFloor) return false;
  return (
    rules + blend.modelWeight * (p - blend.modelCentre) >= 1 ||
    (strong && p >= blend.strongFloor)
  );
}

/** True when a message reads as angry or urgent enough that a person should probably take over. */
export function isAngry(text: string, sentiment?: number): boolean {
  const s = angerSignals(text, sentiment);
  const { meta } = loadModel("anger.json");
  return angerDecision(
    angerRuleScore(text, s),
    strongAngerCue(text, s),
    s.model,
    meta as unknown as AngerBlend
  );
}

/**
 * Shopdesk NLU: intent, language, sentiment, anger and entities for one shopper message. Pure and local: no network,
 * no database, no environment; the models in ./model load once, on the first call.
 */
import { extractEntities, type Catalog, type Entity } from "./entities";
import { classifyIntent, type IntentScore } from "./intent";
import { identifyLanguage, type LanguagePriors } from "./language";
import { isAngry, sentimentScore } from "./sentiment";

export type {
  Catalog,
  CatalogProduct,
  CatalogVariant,
  Carrier,
  Entity,
} from "./entities";
export type { IntentScore } from "./intent";
export { extractEntities, suggestEmail } from "./entities";
export { detectLanguage, identifyLanguage } from "./language";
export type { LanguageGuess, LanguagePriors } from "./language";
export { intentLabels } from "./intent";

/** The 34 intents the model answers (27 from Bitext, seven added for shop chat). */
export type Intent =
  | "cancel_order"
  | "change_order"
  | "change_shipping_address"
  | "check_cancellation_fee"
  | "check_invoice"
  | "check_payment_methods"
  | "check_refund_policy"
  | "complaint"
  | "contact_customer_service"
  | "contact_human_agent"
  | "create_account"
  | "delete_account"
  | "delivery_options"
  | "delivery_period"
  | "edit_account"
  | "get_invoice"
  | "get_refund"
  | "goodbye"
  | "greeting"
  | "newsletter_subscription"
  | "payment_issue"
  | "place_order"
  | "product_question"
  | "promotion_question"
  | "recover_password"
  | "registration_problems"
  | "return_item"
  | "review"
  | "set_up_shipping_address"
  | "switch_account"
  | "thanks"
  | "track_order"
  | "track_refund"
  | "unknown";

export interface AnalyzeOptions {
  /** Shop or browser locale (ISO 639-1), used when the message is too short to tell ("ok", "#1001"). Default "en". */
  languageHint?: string;
  /** What else tells the language of a short message: the conversation's, the storefront's, the shop's. */
  languagePriors?: LanguagePriors;
  /** Products to recognise in the message ("is the Linen Shirt in stock in M?"). */
  catalog?: Catalog;
}

export interface NluResult {
  intent: Intent;
  /** Probability of the intent, 0..1 (for "unknown" from the threshold: 1 minus the best in-scope probability). */
  confidence: number;
  /** ISO 639-1 code. */
  language: string;
  /** Probability of `language`, 0..1 (1 where the script decides). */
  languageConfidence: number;
  /** The message alone cannot tell its language: keep the conversation's. */
  languageUnsure: boolean;
  /** -1 (negative) .. 1 (positive). */
  sentimentScore: number;
  /** Anger or urgency worth a human's attention. */
  angry: boolean;
  entities: Entity[];
  /** The next most likely intents. */
  alternatives: { intent: Intent; confidence: number }[];
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

// A letter of a script that puts spaces between words (Latin, Cyrillic, Arabic, Hangul...). A number glued to one
// ("заказ1027", "طلبي1027", "주문1027어디") is set apart, so the model sees the words it knows ("заказ", "0") rather
// than an unseen token. Han, kana and Thai run words together, and the model learnt "订单0在哪里" glued as written.
const gluedToWord = (c: string | undefined) =>
  c !== undefined &&
  /\p{L}/u.test(c) &&
  !/[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f]/u.test(c);

/**
 * The message as the models should see it, with the entities found in it masked. E-mail addresses become the
 * placeholder the intent features give any address (featurize maps an ASCII one to " #mail " itself), so a
 * full-width or loosely written one ("ＺＯＥ＠ＥＸＡＭＰＬＥ．ＯＲＧ", "zoe (at) example.org") is not read as words, or
 * as shouting; numbers and codes glued to a word are set apart (gluedToWord). For the language, every number, code
 * and address goes: "заказ1027zoe@example.org" says nothing about its language beyond "заказ". A message without
 * such entities comes back unchanged, so its features are exactly what the models were trained on.
 */
export function maskEntities(
  text: string,
  entities: Entity[]
): { forModels: string; forLanguage: string } {
  let forModels = "";
  let forLanguage = "";
  let last = 0;
  for (const e of entities) {
    if (e.type === "product" || e.start < last) continue;
    const gap = text.slice(last, e.start);
    forLanguage += gap + " ";
    const written = text.slice(e.start, e.end);
    forModels +=
      gap +
      (e.type === "email"
        ? " #mail "
        : gluedToWord(text[e.start - 1]) || gluedToWord(text[e.end])
        ? " " + written + " "
        : written);
    last = e.end;
  }
  if (last === 0) return { forModels: text, forLanguage: text };
  return {
    forModels: forModels + text.slice(last),
    forLanguage: forLanguage + text.slice(last),
  };
}

/** Analyses one shopper message. Synchronous; the first call loads the models (about a few hundred ms). */
export function analyze(text: string, opts: AnalyzeOptions = {}): NluResult {
  const input = typeof text === "string" ? text.slice(0, 2000) : "";
  const entities = extractEntities(input, { catalog: opts.catalog });
  const masked = maskEntities(input, entities);
  const prediction = classifyIntent(masked.forModels);
  const sentiment = sentimentScore(masked.forModels);
  const language = identifyLanguage(masked.forLanguage, {
    hint: opts.languageHint,
    priors: opts.languagePriors,
  });
  return {
    intent: prediction.intent as Intent,
    confidence: round(prediction.confidence),
    language: language.language,
    languageConfidence: round(language.confidence),
    languageUnsure: language.unsure,
    sentimentScore: round(sentiment),
    angry: isAngry(masked.forModels, sentiment),
    entities,
    alternatives: prediction.alternatives.map((a: IntentScore) => ({
      intent: a.intent as Intent,
      confidence: round(a.confidence),
    })),
  };
}

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
export { extractEntities } from "./entities";
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

/** Analyses one shopper message. Synchronous; the first call loads the models (about a few hundred ms). */
export function analyze(text: string, opts: AnalyzeOptions = {}): NluResult {
  const input = typeof text === "string" ? text.slice(0, 2000) : "";
  const prediction = classifyIntent(input);
  const sentiment = sentimentScore(input);
  const language = identifyLanguage(input, {
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
    angry: isAngry(input, sentiment),
    entities: extractEntities(input, { catalog: opts.catalog }),
    alternatives: prediction.alternatives.map((a: IntentScore) => ({
      intent: a.intent as Intent,
      confidence: round(a.confidence),
    })),
  };
}

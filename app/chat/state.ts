/** What the bot remembers between turns of one conversation (stored as JSON on the conversation). */
export interface DialogueState {
  /** The order the conversation is about, once known (follow-ups resolve against it). */
  orderName?: string;
  /** Orders this visitor proved they own (order number with its email or phone). */
  verifiedOrderIds: string[];
  /** Emails/phones this visitor proved with an order: other orders placed with the same contact need no new proof. */
  verifiedContacts?: string[];
  /** A question the bot asked and is waiting for an answer to. */
  awaiting?: { kind: "order_number" | "contact" | "address"; intent: string; orderName?: string };
  /** What the last answer was about, so "when?", "why?" or "what can you do?" can be answered against it. */
  topic?: Topic;
  /** A quote in another language than the shopper's, which the bot offered to translate. */
  translatable?: { source: string; text: string };
  /** The shopper's last policy question, read with a short continuation ("and overnight?"). */
  lastQuestion?: string;
  /** The product the last answer was about ("and in L?"), and the option values asked for. */
  productId?: string;
  productOptions?: string[];
  /** Choices the bot offered and is waiting for the shopper to pick from (buttons or their words). */
  offer?: Offer;
  /** A return being put together: which items, then why, then a yes. */
  returnDraft?: ReturnDraft;
  /** An action waiting for the shopper's explicit yes. */
  pending?: PendingAction;
  /** Consecutive turns the bot did not understand. */
  lowConfidence: number;
  lastIntent?: string;
  /** The shopper was told once that replies fall back to English. */
  fallbackNoted?: boolean;
}

/** The subject of the bot's last answer. */
export type Topic =
  | "status"
  | "late"
  | "stuck"
  | "failed"
  | "unpaid"
  | "unfulfilled"
  | "delivered"
  | "return"
  | "refund"
  | "product"
  | "policy";

/** What a late, stuck or failed parcel can get, in the order the bot offers them. */
export const PARCEL_OPTIONS = ["wait", "claim", "reship", "refund_shipping"] as const;
export type ParcelOption = (typeof PARCEL_OPTIONS)[number];

export interface Offer {
  kind: "parcel";
  orderId: string;
  orderName: string;
  options: ParcelOption[];
  /** Labels shown on the buttons, in the same order as `options` (a tap sends the label back). */
  labels: string[];
  /** What the options need, read with the order when they were offered (no second Admin API call to choose). */
  carrier: string;
  /** The date the "wait" option promises (ISO). */
  waitUntil: string;
  /** The order's shipping in the currency paid, for the shipping refund; null when shipping was free. */
  shipping: { amount: string; currencyCode: string } | null;
}

export interface ReturnDraft {
  orderId: string;
  orderName: string;
  /** Every returnable line; `chosen` holds the indexes the shopper picked. */
  lines: { fulfillmentLineItemId: string; quantity: number; title: string }[];
  chosen?: number[];
  step: "items" | "reason";
}

/** Shopify's return reasons the chat offers (ReturnReason enum), in the order shown to the shopper. */
export const RETURN_REASONS = [
  "SIZE_TOO_SMALL",
  "SIZE_TOO_LARGE",
  "COLOR",
  "DEFECTIVE",
  "NOT_AS_DESCRIBED",
  "WRONG_ITEM",
  "UNWANTED",
  "OTHER",
] as const;
export type ReturnReasonCode = (typeof RETURN_REASONS)[number];

export type PendingAction =
  | { kind: "cancel"; orderId: string; orderName: string; total: string; expiresAt: number }
  | {
      kind: "refund_shipping";
      orderId: string;
      orderName: string;
      /** In the currency the shopper paid in, as Shopify's transactions take it. */
      amount: string;
      currency: string;
      /** Formatted for the shopper, for the confirmation and the answer. */
      display: string;
      expiresAt: number;
    }
  | { kind: "address"; orderId: string; orderName: string; address: AddressInput; expiresAt: number }
  | {
      kind: "return";
      orderId: string;
      orderName: string;
      lineItems: { fulfillmentLineItemId: string; quantity: number; title: string }[];
      reason?: ReturnReasonCode;
      /** The shopper's own words for the reason, kept for the merchant. */
      note?: string;
      expiresAt: number;
    };

export interface AddressInput {
  address1: string;
  address2?: string;
  city: string;
  zip: string;
  countryCode: string;
  provinceCode?: string;
}

/** A confirmation is only good for a few minutes: an old "yes" must not cancel an order. */
export const CONFIRMATION_TTL_MS = 10 * 60_000;

export function parseState(json: string | null | undefined): DialogueState {
  try {
    const raw = JSON.parse(json || "{}") as Partial<DialogueState>;
    return { ...raw, verifiedOrderIds: raw.verifiedOrderIds ?? [], lowConfidence: raw.lowConfidence ?? 0 };
  } catch {
    return { verifiedOrderIds: [], lowConfidence: 0 };
  }
}

const YES = /^(y|yes|yeah|yep|yup|sure|ok|okay|please do|go ahead|do it|confirm|s[ií]|claro|vale|oui|d'accord|ja|jawohl|genau|sim|是|是的|好|好的|对|確認|はい|お願いします|ええ)(?=$|[\s,.!?，。！、])/iu;
const NO = /^(n|no|nope|nah|don't|do not|cancel that|stop|non|nein|não|nao|否|不|不要|不用|いいえ|いや|やめ)(?=$|[\s,.!?，。！、]|て)/iu;

/** Reads a short answer to a yes/no question in any of the bot's languages; null when it is neither. */
// "actually no, keep it", "um yes please": a filler before the answer is still the answer.
const FILLER = /^(?:(?:actually|um+|uh+|well|oh|ah|hmm+|ok(?:ay)?|so|pues|bueno|eh|euh|ben|alors|also|äh|naja|嗯|那|えっと|あの)[\s,.!]+)+/iu;
// A no said without the word: "keep it", "never mind", "don't cancel it".
const KEEP = /^(keep it|never ?mind|leave it|don'?t (?:cancel|change|do) (?:it|that)|no thanks|mejor no|d[eé]jalo|laisse(?:z)? tomber|lass es|算了|还是不要|やっぱりいい|やめておき)/iu;

export function yesOrNo(text: string): "yes" | "no" | null {
  const t = text.trim().replace(/[.!。！]+$/u, "").toLowerCase().replace(FILLER, "");
  if (t.length > 40) return null;
  if (KEEP.test(t)) return "no";
  if (YES.test(t)) return "yes";
  if (NO.test(t)) return "no";
  return null;
}

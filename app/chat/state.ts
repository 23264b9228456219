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
  /** An action waiting for the shopper's explicit yes. */
  pending?: PendingAction;
  /** Consecutive turns the bot did not understand. */
  lowConfidence: number;
  lastIntent?: string;
  /** The shopper was told once that replies fall back to English. */
  fallbackNoted?: boolean;
}

export type PendingAction =
  | { kind: "cancel"; orderId: string; orderName: string; total: string; expiresAt: number }
  | { kind: "address"; orderId: string; orderName: string; address: AddressInput; expiresAt: number }
  | {
      kind: "return";
      orderId: string;
      orderName: string;
      lineItems: { fulfillmentLineItemId: string; quantity: number; title: string }[];
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
export function yesOrNo(text: string): "yes" | "no" | null {
  const t = text.trim().replace(/[.!。！]+$/u, "").toLowerCase();
  if (t.length > 40) return null;
  if (YES.test(t)) return "yes";
  if (NO.test(t)) return "no";
  return null;
}

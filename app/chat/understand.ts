import { analyze, type LanguagePriors } from "./nlu";
import type { CatalogProduct } from "./catalog.server";

/** What the dialogue needs from the NLU for one message, with entities grouped by kind. */
export interface Understanding {
  intent: string;
  confidence: number;
  language: string;
  /** The message alone cannot tell its language (the caller keeps the conversation's). */
  languageUnsure: boolean;
  sentimentScore: number;
  angry: boolean;
  entities: {
    orderNumbers: string[];
    emails: string[];
    /**
     * Parallel to `emails`: the address at the big mail provider an email's domain looks like a typo of
     * ("zoe@gmial.com" -> "zoe@gmail.com"), or "" when there is none. `emails` stays as written, for verification.
     */
    emailSuggestions: string[];
    phones: string[];
    trackingNumbers: string[];
    products: { id: string; title: string; options: string[] }[];
  };
}

/** Runs the local NLU with the shop's catalog and the conversation's language as the hint for short messages. */
export function understand(
  text: string,
  opts: { languageHint?: string; languagePriors?: LanguagePriors; catalog?: CatalogProduct[] } = {},
): Understanding {
  const catalog = opts.catalog && {
    products: opts.catalog.map((p) => ({
      id: p.id,
      title: p.title,
      // Option values are enough to recognise "in M" or "in blue"; variants are read live when answering.
      variants: [{ id: p.id, title: "", options: p.options.flatMap((o) => o.values) }],
    })),
  };
  const r = analyze(text, { languageHint: opts.languageHint, languagePriors: opts.languagePriors, catalog });
  const entities: Understanding["entities"] = { orderNumbers: [], emails: [], emailSuggestions: [], phones: [], trackingNumbers: [], products: [] };
  for (const e of r.entities) {
    if (e.type === "order_number") entities.orderNumbers.push(e.value.replace(/^#/, ""));
    else if (e.type === "email") {
      entities.emails.push(e.value);
      entities.emailSuggestions.push(e.suggestion ?? "");
    } else if (e.type === "phone") entities.phones.push(e.value);
    else if (e.type === "tracking_number") entities.trackingNumbers.push(e.value);
    else if (e.type === "product") entities.products.push({ id: e.productId, title: e.value, options: e.options });
  }
  return {
    intent: r.intent,
    confidence: r.confidence,
    language: r.language,
    languageUnsure: r.languageUnsure,
    sentimentScore: r.sentimentScore,
    angry: r.angry,
    entities,
  };
}

import { knowledgeDocs } from "../../knowledge/knowledge.server";
import { searchKnowledge, type KnowledgeHit } from "../../knowledge/search";
import type { Skill, SkillContext, SkillResult } from "./context";
import { say } from "./context";

/** The documents each intent should be answered from first, and words that say what the shopper is after. */
const INTENT_HINTS: Record<string, { kinds: string[]; words: string }> = {
  check_refund_policy: { kinds: ["REFUND_POLICY", "faq"], words: "refund return policy days" },
  check_cancellation_fee: { kinds: ["faq", "REFUND_POLICY", "TERMS_OF_SERVICE"], words: "cancel cancellation fee" },
  delivery_options: { kinds: ["faq", "SHIPPING_POLICY"], words: "shipping delivery options express standard" },
  delivery_period: { kinds: ["faq", "SHIPPING_POLICY"], words: "shipping delivery time days business" },
  check_payment_methods: { kinds: ["faq", "article", "TERMS_OF_SERVICE"], words: "payment methods pay card paypal" },
  payment_issue: { kinds: ["faq", "article"], words: "payment declined card problem" },
  promotion_question: { kinds: ["faq", "article"], words: "discount code promotion sale coupon" },
  place_order: { kinds: ["faq", "article"], words: "order how to buy checkout" },
  review: { kinds: ["faq", "article"], words: "review feedback" },
  product_question: { kinds: ["faq", "article"], words: "" },
};

/** Policies, shipping, payment and other FAQ: quoted from the shop's own policies and knowledge base, source named. */
export const policyAnswer: Skill = async (ctx) => {
  const hint = INTENT_HINTS[ctx.intent] ?? { kinds: ["faq", "article"], words: "" };
  const docs = await knowledgeDocs(ctx.shop, ctx.locale, ctx.profile.shopPolicies);
  const [best] = searchKnowledge(docs, `${ctx.text} ${hint.words}`, hint.kinds);
  if (!best) return { ...say(ctx.tr("policy.none")), handoff: "low_confidence" };
  const lines = [ctx.tr("policy.answer", { source: best.doc.source, excerpt: best.excerpt })];
  if (best.doc.url) lines.push(ctx.tr("policy.more", { url: best.doc.url }));
  return {
    replies: [{ text: lines.join("\n"), meta: { source: best.doc.source, sourceId: best.doc.id } }],
    outcome: { kind: "resolved" },
  };
};

/**
 * When the intent model is unsure, the merchant's own knowledge base may still know the answer ("do you gift
 * wrap?"). Only a close match counts: several of the question's words, at least one in the article's title, and
 * whatever `accept` asks of the hit on top (the caller's stricter rule for confident turns).
 */
export async function knowledgeFallback(
  ctx: SkillContext,
  opts: { accept?: (hit: KnowledgeHit) => boolean } = {},
): Promise<SkillResult | null> {
  const docs = await knowledgeDocs(ctx.shop, ctx.locale, ctx.profile.shopPolicies);
  const [best] = searchKnowledge(docs, ctx.text);
  if (!best || best.matched < 2 || best.titleMatched < 1) return null;
  if (opts.accept && !opts.accept(best)) return null;
  const lines = [ctx.tr("policy.answer", { source: best.doc.source, excerpt: best.excerpt })];
  if (best.doc.url) lines.push(ctx.tr("policy.more", { url: best.doc.url }));
  return {
    replies: [{ text: lines.join("\n"), meta: { source: best.doc.source, sourceId: best.doc.id } }],
    outcome: { kind: "resolved" },
  };
}

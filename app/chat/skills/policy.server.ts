import { shopLanguage } from "../settings.server";
import { findConflicts, questionOf, statesMeasure, type Subject } from "../../knowledge/consistency";
import { knowledgeDocs } from "../../knowledge/knowledge.server";
import { canTranslate } from "../llm/translate.server";
import { unicodeWords } from "../words";
import { excerptFor, searchKnowledge, type KnowledgeDoc, type KnowledgeHit } from "../../knowledge/search";
import type { BotReply, Skill, SkillContext, SkillResult } from "./context";

/** The documents each intent should be answered from first, and words that say what the shopper is after. */
const INTENT_HINTS: Record<string, { kinds: string[]; words: string; subject?: Subject }> = {
  check_refund_policy: { kinds: ["REFUND_POLICY", "faq"], words: "refund return policy days" },
  check_cancellation_fee: { kinds: ["faq", "REFUND_POLICY", "TERMS_OF_SERVICE"], words: "cancel cancellation fee" },
  delivery_options: {
    kinds: ["faq", "SHIPPING_POLICY"],
    words: "shipping delivery options express standard",
    subject: "shipping",
  },
  delivery_period: { kinds: ["faq", "SHIPPING_POLICY"], words: "shipping delivery time days business", subject: "shipping" },
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
  const docs = await knowledgeDocs(ctx.shop, ctx.locale, ctx.profile.shopPolicies, shopLanguage(ctx.settings));
  // Policies name regions in English ("Europe, United Kingdom and Australia"): "envío a España" must find that one.
  const question = `${ctx.text} ${regionWords(ctx.text)}`.trim();
  const hits = searchKnowledge(docs, `${question} ${hint.words}`, hint.kinds);
  const answer = answerFrom(hits, docs, question, hint.subject);
  if (!answer) return { replies: [{ text: ctx.tr("policy.none"), meta: { refusal: true } }], handoff: "low_confidence" };
  return quote(ctx, answer);
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
  const docs = await knowledgeDocs(ctx.shop, ctx.locale, ctx.profile.shopPolicies, shopLanguage(ctx.settings));
  const hits = searchKnowledge(docs, ctx.text);
  const [best] = hits;
  if (!best || best.matched < 2 || best.titleMatched < 1) return null;
  if (opts.accept && !opts.accept(best)) return null;
  return quote(ctx, answerFrom(hits, docs, ctx.text)!);
}

interface Answer {
  doc: KnowledgeDoc;
  excerpt: string;
  /** The article that gave way to a policy it contradicts. */
  overridden?: string;
}

/**
 * The document and passage to answer from. The shop's policies are the source of truth: an article that contradicts
 * one on the subject asked about gives way to it. A question for a price (or a time) is answered from a document that
 * states one when a close enough hit does.
 */
function answerFrom(hits: KnowledgeHit[], docs: KnowledgeDoc[], question: string, intentSubject?: Subject): Answer | null {
  if (!hits.length) return null;
  const ask = questionOf(question);
  const subject = ask.subject ?? intentSubject;
  let best = hits[0];
  if (!subject) return { doc: best.doc, excerpt: best.excerpt };
  const measure = ask.measure;
  if (measure && !statesMeasure(best.doc.body, measure, subject)) {
    const stating = hits.find((h) => h.score >= best.score / 2 && statesMeasure(h.doc.body, measure, subject));
    if (stating) best = stating;
  }
  if (best.doc.policy) return { doc: best.doc, excerpt: best.excerpt };
  const policies = docs.filter((d) => d.policy);
  const conflicts = findConflicts([best.doc], policies).filter(
    (c) =>
      (c.subject === subject || (subject === "shipping" && c.subject === "processing")) &&
      (!ask.service || !c.service || c.service === ask.service) &&
      (!ask.regions.length || !c.regions.length || c.regions.some((r) => ask.regions.includes(r))),
  );
  if (!conflicts.length) return { doc: best.doc, excerpt: best.excerpt };
  const policy = policies.find((p) => p.id === conflicts[0].policyId)!;
  // The policy's side of the contradiction is what the shopper needs, unless they asked for something it does not
  // state (a price, when the article got the times wrong): then the passage with that, as for any other question.
  const contradicted = conflicts.find(
    (c) => c.policyId === policy.id && (!measure || statesMeasure(c.policySentence, measure)),
  );
  const excerpt = excerptFor(policy, question, { measure, subject, containing: contradicted?.policySentence });
  return { doc: policy, excerpt, overridden: best.doc.id };
}

function quote(ctx: SkillContext, answer: Answer): SkillResult {
  const { doc, excerpt } = answer;
  const language = doc.language ?? "en";
  const foreign = baseOf(language) !== baseOf(ctx.locale);
  const lines = [
    foreign
      ? ctx.tr("policy.otherLanguage", { source: doc.source, language: languageName(language, ctx.locale), excerpt })
      : ctx.tr("policy.answer", { source: doc.source, excerpt }),
  ];
  if (doc.url) lines.push(ctx.tr("policy.more", { url: doc.url }));
  // With a model configured, the shopper may have the passage in their own language (the original stays the source).
  const offerTranslation = foreign && canTranslate();
  if (offerTranslation) ctx.state.translatable = { source: doc.source, text: excerpt };
  const reply: BotReply = {
    ...(offerTranslation ? { quickReplies: [ctx.tr("quick.translate")] } : {}),
    text: lines.join("\n"),
    meta: {
      source: doc.source,
      sourceId: doc.id,
      sourceLanguage: language,
      ...(answer.overridden ? { overridden: answer.overridden } : {}),
    },
  };
  return { replies: [reply], outcome: { kind: "resolved" } };
}

// Countries and regions as shoppers write them, in the bot's six languages, and the words a shop's policy uses.
const REGIONS: [RegExp, string][] = (
  [
  [/\b(?:the us|usa|u\.s\.a?\.?|united states|america|estados unidos|ee\. ?uu\.?|[ée]tats[- ]unis|amerika|vereinigte staaten)\b|美国|アメリカ|米国/iu, "united states"],
  [/\b(?:canada|canad[aá]|kanada)\b|加拿大|カナダ/iu, "canada"],
  [/\b(?:uk|united kingdom|england|britain|reino unido|inglaterra|royaume[- ]uni|angleterre|gro(?:ß|ss)britannien|england)\b|英国|イギリス/iu, "united kingdom"],
  [/\b(?:australia|australie|australien)\b|澳大利亚|澳洲|オーストラリア/iu, "australia"],
  [
    /\b(?:europe|eu|european union|spain|espa[nñ]a|france|francia|frankreich|germany|alemania|allemagne|deutschland|italy|italia|italie|italien|netherlands|holland|portugal|belgium|b[ée]lgica|belgique|austria|[öo]sterreich|autriche|ireland|irlanda|irlande|schweiz|suiza|suisse|switzerland|europa)\b|欧洲|西班牙|法国|德国|意大利|ヨーロッパ|スペイン|フランス|ドイツ|イタリア/iu,
    "europe",
  ],
  ] as [RegExp, string][]
).map(([re, words]) => [unicodeWords(re), words]);

/** The region names a shop's policy uses for the places the question names ("España" -> "europe"). */
function regionWords(text: string): string {
  return REGIONS.filter(([re]) => re.test(text)).map(([, words]) => words).join(" ");
}

const baseOf = (tag: string) => tag.toLowerCase().split("-")[0];

/** "English" in the shopper's language ("英語", "inglés"). */
export function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(baseOf(tag)) ?? tag;
  } catch {
    return tag;
  }
}



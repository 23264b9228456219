import type { ShopSettings } from "@prisma/client";
import { env } from "../env.server";
import { availability, parseHours } from "../inbox/hours";
import type { HandoffReason } from "../inbox/handoff.server";
import { log } from "../log.server";
import { shopCatalog, type CatalogProduct } from "./catalog.server";
import { replyLocaleFor, t, type MessageKey } from "./i18n";
import { llmAnswer } from "./llm/agent.server";
import { shopProfile, type ShopProfile } from "./shop-profile.server";
import { account } from "./skills/account.server";
import { addressGiven, cancelOrder, changeAddress, declinePending, executePending } from "./skills/actions.server";
import type { BotReply, Outcome, Skill, SkillContext, SkillResult } from "./skills/context";
import { refusal, say } from "./skills/context";
import { answerAboutOrder, invoice, orderStatus } from "./skills/order-status.server";
import { chooseParcelOption, pickedOption, repeatOffer } from "./skills/parcel.server";
import { answersDraft, continueReturn, returnReasonOf, startReturn } from "./skills/returns.server";
import { refundStatus } from "./skills/refund.server";
import { withOrder } from "./skills/with-order.server";
import { recentOrdersOf } from "./orders.server";
import { aspectOf, isAcknowledgement, isFollowUp, type Aspect } from "./followup";
import { knowledgeFallback, languageName, policyAnswer } from "./skills/policy.server";
import { translateQuote } from "./llm/translate.server";
import { productNamedIn, productQuestion, requestedOptions } from "./skills/product.server";
import { shopLanguage } from "./settings.server";
import type { DialogueState, PendingAction } from "./state";
import { yesOrNo } from "./state";
import type { AdminGraphql } from "./types";
import { understand, type Understanding } from "./understand";
import { identifyLanguage } from "./nlu";

export interface TurnInput {
  shop: string;
  conversationId: string;
  visitorId: string;
  customerId: string | null;
  /** The conversation's language so far (hint for very short messages). */
  language: string;
  /** The storefront's locale the shopper browses in (a prior for the message's language). */
  storefrontLocale?: string;
  state: DialogueState;
  settings: ShopSettings;
  graphql: AdminGraphql;
  text: string;
  now?: Date;
}

export interface TurnResult {
  replies: BotReply[];
  state: DialogueState;
  nlu: Understanding;
  /**
   * What the message was answered as: the model's intent, or the flow it answered ("Yes" to a cancellation is
   * cancel_order, an email given for verification is the request that asked for it). Messages are tagged with it.
   */
  intent: string;
  language: string;
  handoff?: HandoffReason;
  outcome?: Outcome;
}

/** Anger hands over only with a sentiment at least this negative (-1..1), in the languages sentiment is modelled for. */
const ANGER_NEEDS_SENTIMENT = -0.25;

/** The request a confirmation belongs to, in the model's intent names. */
const PENDING_INTENT: Record<PendingAction["kind"], string> = {
  cancel: "cancel_order",
  refund_shipping: "get_refund",
  address: "change_shipping_address",
  return: "return_item",
};
const SENTIMENT_LANGUAGES = ["en", "zh"];
/** Below this confidence a hand-over intent yields to the order or product the message names. */
const SURE_HANDOFF = 0.75;
/** Below this confidence a request to hand over, or a request of its own, yields to what the message names. */
const SURE_REQUEST = 0.6;

/** Above this confidence the intent is trusted over a matching knowledge article. */
const SURE_INTENT = 0.7;
/**
 * Intents whose skill answers from the catalog or edits an order, where a merchant's article that names the question
 * may know better. Only these pay for the knowledge lookup on a confident turn; order actions, policies, accounts and
 * small talk keep their own answers.
 */
const KNOWLEDGE_FIRST = ["product_question", "change_order"];

const ACCOUNT_INTENTS = [
  "create_account",
  "delete_account",
  "edit_account",
  "recover_password",
  "registration_problems",
  "switch_account",
  "newsletter_subscription",
];
const POLICY_INTENTS = [
  "check_refund_policy",
  "check_cancellation_fee",
  "delivery_options",
  "check_payment_methods",
  "payment_issue",
  "promotion_question",
  "place_order",
  "review",
];

/** The skill for an intent, given what the conversation already knows. */
function route(intent: string, ctx: SkillContext): Skill | HandoffReason | "smalltalk" | "unknown" {
  const hasOrder = Boolean(ctx.state.orderName || ctx.nlu.entities.orderNumbers.length);
  switch (intent) {
    case "track_order":
      return orderStatus;
    case "delivery_period":
      return hasOrder ? orderStatus : policyAnswer;
    case "cancel_order":
      return cancelOrder;
    case "change_shipping_address":
    case "set_up_shipping_address":
      return changeAddress;
    case "return_item":
      return startReturn;
    case "get_refund":
    case "track_refund": {
      // "#1039 coming today?" read as a refund question: a question about the parcel gets the parcel's answer.
      const aspect = aspectOf(ctx.text);
      return aspect === "when" || aspect === "carrier" || aspect === "tracking" ? orderStatus : refundStatus;
    }
    case "check_invoice":
    case "get_invoice":
      return invoice;
    case "payment_issue":
    case "check_payment_methods":
      // "how do I pay for it?" about an order: its payment link, not the shop's list of payment methods.
      return hasOrder ? orderStatus : policyAnswer;
    case "product_question":
      return productQuestion;
    case "complaint":
      return "complaint";
    case "change_order":
    case "contact_customer_service":
    case "contact_human_agent":
      return "explicit_request";
    case "greeting":
    case "thanks":
    case "goodbye":
      return "smalltalk";
    case "unknown":
      return "unknown";
  }
  if (ACCOUNT_INTENTS.includes(intent)) return account;
  if (POLICY_INTENTS.includes(intent)) return policyAnswer;
  return "unknown";
}

function handoffReply(ctx: SkillContext, reason: HandoffReason, now: Date): BotReply {
  const a = availability(parseHours(ctx.settings.businessHours), ctx.settings.timezone, now);
  const lines: string[] = [];
  if (reason === "angry" || reason === "complaint") lines.push(ctx.tr("handoff.angry"));
  if (a.open) lines.push(ctx.tr("handoff.open", { minutes: 15 }));
  else {
    const day = new Intl.DateTimeFormat(ctx.locale, { weekday: "long", timeZone: "UTC" }).format(
      // 2023-01-01 was a Sunday: add the weekday index to name the day in the shopper's language.
      new Date(Date.UTC(2023, 0, 1 + ["sun", "mon", "tue", "wed", "thu", "fri", "sat"].indexOf(a.opensDay))),
    );
    lines.push(ctx.tr("handoff.closed", { opens: `${day} ${a.opensAt}` }));
  }
  return { text: lines.join(" "), meta: { handoff: reason } };
}

/**
 * One bot turn: understand the message, apply the dialogue rules (pending confirmations, questions the bot asked,
 * verification, handoff triggers), run a skill against the shop's live data, and say it in the shopper's language.
 */
export async function runTurn(input: TurnInput): Promise<TurnResult> {
  const now = input.now ?? new Date();
  const state: DialogueState = structuredClone(input.state);
  let profile: ShopProfile;
  let catalog: CatalogProduct[];
  try {
    [profile, catalog] = await Promise.all([shopProfile(input.shop, input.graphql), shopCatalog(input.shop, input.graphql)]);
  } catch (error) {
    log.warn("chat turn could not reach the Admin API", { shop: input.shop, error: String(error) });
    profile = { name: "", email: "", currencyCode: "USD", ianaTimezone: "UTC", primaryDomain: { url: "" }, shopPolicies: [] };
    catalog = [];
  }
  const nlu = understand(input.text, {
    languageHint: input.language,
    languagePriors: { conversation: input.language, storefront: input.storefrontLocale, shop: shopLanguage(input.settings).split("-")[0] },
    catalog,
  });
  const language = replyLanguage(input, nlu, catalog);
  const { locale, fallback } = replyLocaleFor(language);
  const ctx: SkillContext = {
    shop: input.shop,
    conversationId: input.conversationId,
    visitorId: input.visitorId,
    customerId: input.customerId,
    graphql: input.graphql,
    settings: input.settings,
    profile,
    catalog,
    locale,
    text: input.text,
    nlu,
    intent: nlu.intent,
    state,
    now,
    tr: (key: MessageKey, vars?: Record<string, string | number>) => t(locale, key, vars),
  };

  // Honest, and not a dead end: the question waits for a person, who sees it with the conversation.
  const unavailable = (): SkillResult => ({
    replies: [{ text: ctx.tr("error.shopUnavailable") }],
    handoff: "shop_unavailable",
  });
  let result: SkillResult;
  if (!profile.name) result = unavailable();
  else {
    try {
      result = await decide(ctx, now);
    } catch (error) {
      log.warn("chat turn could not reach the Admin API", { shop: input.shop, error: String(error) });
      result = unavailable();
    }
  }
  if (result.handoff) result.replies.push(handoffReply(ctx, result.handoff, now));
  if (fallback && !state.fallbackNoted && result.replies.length) {
    state.fallbackNoted = true;
    result.replies[0] = { ...result.replies[0], text: `${t("en", "fallback.language")}\n${result.replies[0].text}` };
  }
  state.lastIntent = nlu.intent;
  return { ...result, state, nlu, intent: ctx.intent, language: locale === "zh-CN" ? "zh" : language };
}

async function decide(ctx: SkillContext, now: Date): Promise<SkillResult> {
  const { state, nlu, settings } = ctx;
  if (!settings.botEnabled) return { ...say(ctx.tr("botOff")), handoff: "explicit_request" };

  const confident = nlu.confidence >= settings.handoffThreshold && nlu.intent !== "unknown";
  // 1. An action waiting for yes or no.
  if (state.pending) {
    const pending = state.pending;
    const answer = yesOrNo(ctx.text);
    if (answer) {
      state.pending = undefined;
      ctx.intent = PENDING_INTENT[pending.kind];
      if (pending.expiresAt < now.getTime()) return say(ctx.tr("confirm.expired"));
      return answer === "yes" ? executePending(ctx, pending) : declinePending(ctx, pending);
    }
    if (!confident || nlu.intent === PENDING_INTENT[pending.kind]) {
      return { replies: [{ text: ctx.tr("confirm.unclear"), quickReplies: [ctx.tr("quick.yes"), ctx.tr("quick.no")] }] };
    }
    state.pending = undefined;
  }

  // 1b. "Translate it" after a quote in another language: the passage in the shopper's language, by the model.
  const translatable = state.translatable;
  state.translatable = undefined;
  if (translatable && asksTranslation(ctx)) {
    const translated = await translateQuote(translatable.text, languageName(ctx.locale, "en"));
    if (!translated) return say(ctx.tr("policy.translateFailed", { source: translatable.source }));
    return say(ctx.tr("policy.translated", { source: translatable.source, text: translated }));
  }

  // 2. A plain answer to choices the bot offered ("All of them", "it's broken", a tapped button) is taken before the
  // anger check: reasons for a return sound negative, and a short answer says little about the shopper's mood.
  if (state.offer) {
    const option = pickedOption(ctx.text, state.offer);
    if (option) {
      ctx.intent = option === "refund_shipping" ? "get_refund" : "track_order";
      return chooseParcelOption(ctx, state.offer, option);
    }
  }
  if (state.returnDraft && answersDraft(ctx, state.returnDraft)) {
    ctx.intent = "return_item";
    return continueReturn(ctx, state.returnDraft);
  }

  // 2a. Anger goes to a person before anything else. The anger model alone mistakes plain questions for anger ("why
  // didnt it get delivered"); anger counts when the sentiment agrees that the message is negative.
  if (nlu.angry && (!SENTIMENT_LANGUAGES.includes(nlu.language) || nlu.sentimentScore < ANGER_NEEDS_SENTIMENT)) {
    return { replies: [], handoff: "angry" };
  }

  // 2b. Choices the bot offered for a late or failed parcel: a tap, a number or the option in words picks one; a
  // message that is neither a choice nor a clear new request gets the choices again instead of a refusal.
  if (state.offer) {
    const offer = state.offer;
    if (!confident && !isAcknowledgement(ctx.text) && !isFollowUp(ctx.text)) return repeatOffer(ctx, offer);
    state.offer = undefined;
  }

  // 2c. A return being put together: the answer to "which item?" or "why?". A clear new request (not a reason the
  // shopper gives in words) leaves it.
  if (state.returnDraft) {
    const draft = state.returnDraft;
    const leaves =
      confident && !RETURN_INTENTS.includes(nlu.intent) && (draft.step === "items" || returnReasonOf(ctx, ctx.text) === "OTHER");
    if (!leaves) {
      ctx.intent = "return_item";
      return continueReturn(ctx, draft);
    }
    state.returnDraft = undefined;
  }

  // 3. The answer to a question the bot asked.
  const awaiting = state.awaiting;
  if (awaiting) {
    const e = nlu.entities;
    const answers =
      (awaiting.kind === "order_number" && (e.orderNumbers.length > 0 || /^\s*#?\d{3,10}\s*$/.test(ctx.text))) ||
      (awaiting.kind === "contact" && (e.emails.length > 0 || e.phones.length > 0)) ||
      awaiting.kind === "address";
    if (answers && !(confident && isExplicitOtherIntent(nlu.intent, awaiting.intent) && !mostlyEntity(ctx.text, e))) {
      if (awaiting.kind === "order_number" && !e.orderNumbers.length) e.orderNumbers.push(ctx.text.trim().replace(/^#/, ""));
      // An address is full of numbers that are not order numbers.
      if (awaiting.kind === "address") {
        e.orderNumbers = [];
        ctx.intent = awaiting.intent;
        return addressGiven(ctx);
      }
      return runSkill(ctx, awaiting.intent);
    }
  }

  // 3b. A follow-up ("when?", "why?", "which carrier?", "what can you do?", "the other one?") is read against what
  // the last answer was about before the intent model may call it out of scope.
  const followUp = await resolveFollowUp(ctx);
  if (followUp) {
    state.lowConfidence = 0;
    return followUp;
  }

  // 3c. A hand-over intent the model is not sure of ("two months ago, can I still return it? #1001" read as
  // change_order) yields to what the message names: the order, or a product, can be answered right away.
  if (confident && HANDOFF_INTENTS.includes(nlu.intent) && nlu.confidence < SURE_HANDOFF) {
    const fromContext = await answerFromContext(ctx, { acknowledgement: false });
    if (fromContext) return fromContext;
  }

  // 4. A catalog or order-edit question that names a merchant's article title ("do you offer gift wrapping on
  // orders?" for "Do you offer gift wrapping?") is answered from the article: the merchant wrote it for exactly that
  // question, and the model may route it to a look-alike product ("Gift Card") or to change_order. The whole title
  // must be named, or two of its words when the model is only fairly sure (below SURE_INTENT).
  if (confident && KNOWLEDGE_FIRST.includes(nlu.intent)) {
    const fromKnowledge = await knowledgeFallback(ctx, {
      accept: (hit) =>
        hit.titleMatched >= 2 && (hit.titleMatched === hit.titleTerms || nlu.confidence < SURE_INTENT),
    });
    if (fromKnowledge) return fromKnowledge;
  }

  // 5. Not understood: read it against what it names or the conversation, then the knowledge base, then choices.
  if (!confident) {
    const fromContext = await answerFromContext(ctx);
    if (fromContext) {
      state.lowConfidence = 0;
      state.awaiting = undefined;
      return fromContext;
    }
    const fromKnowledge = await knowledgeFallback(ctx);
    if (fromKnowledge) {
      state.lowConfidence = 0;
      return fromKnowledge;
    }
    // Never two refusals in a row: the second unsure turn spells out the choices (a person among them), the third
    // goes to a person. Nonsense and out-of-scope questions look alike to the model, so both count the same.
    const outOfScope = nlu.intent === "unknown" && nlu.confidence >= settings.handoffThreshold;
    state.lowConfidence += 1;
    if (state.lowConfidence >= 3) {
      state.lowConfidence = 0;
      return { replies: [], handoff: "low_confidence" };
    }
    // A refusal always comes with the way on: what the bot can do, or a person.
    const choices = [ctx.tr("quick.track"), ctx.tr("quick.return"), ctx.tr("quick.human")];
    if (state.lowConfidence === 2) {
      return { replies: [{ text: ctx.tr("unknown.second"), quickReplies: [ctx.tr("quick.track"), ctx.tr("quick.return"), ctx.tr("quick.refund"), ctx.tr("quick.product"), ctx.tr("quick.human")] }] };
    }
    if (outOfScope) return refusal(ctx.tr("unknown.outOfScope", { shopName: ctx.profile.name }), choices);
    return refusal(ctx.tr("unknown.first"), choices);
  }
  state.lowConfidence = 0;
  state.awaiting = undefined;
  // LLM mode (off unless LLM_PROVIDER is set) answers only this last step, through tools that wrap the same skills
  // and keep their rules; steps 1-4 stay deterministic. Any provider failure gives runSkill's answer instead.
  if (env.LLM_PROVIDER !== "none") return llmAnswer(ctx, () => runSkill(ctx, nlu.intent));
  return runSkill(ctx, nlu.intent);
}

const HANDOFF_INTENTS = ["change_order", "contact_customer_service", "contact_human_agent", "complaint"];
const RETURN_INTENTS = ["return_item", "get_refund", "track_refund", "complaint"];
/** Intents that carry a request of their own: a short message with them is not a follow-up of the last answer. */
const OWN_REQUEST = ["cancel_order", "return_item", "change_shipping_address", "set_up_shipping_address", "contact_human_agent", "contact_customer_service", "complaint", "greeting", "thanks", "goodbye"];
const ORDER_TOPICS = ["status", "late", "stuck", "failed", "unpaid", "unfulfilled", "delivered"];

const RETURN_WORDS =
  /return|send (?:it|them) back|devoluci|devolver|retour|retourner|renvoyer|r[üu]cksend|zur[üu]ck(?:geben|schicken|senden)|zurueck|退货|退换|退回|能退|退吗|返品|返せ|返送/iu;
const SHORT_WORDS = 8;
const short = (text: string) =>
  text.trim().split(/\s+/).length <= SHORT_WORDS && (text.match(CJK)?.length ?? 0) <= 24;

/**
 * What the model could not place may still be clear from what the message names or from the conversation: an
 * acknowledgement ("ok cool thx"), an order number ("what happened to #1025?" is about that order), a product of
 * the catalog ("do u have the beanie in charcoal"), or a short continuation of the last answer's topic ("and
 * overnight?" after the shipping policy, "how do I pay for it" after an unpaid order's status).
 */
async function answerFromContext(ctx: SkillContext, opts: { acknowledgement?: boolean } = {}): Promise<SkillResult | null> {
  const { nlu, state } = ctx;
  if (opts.acknowledgement !== false && isAcknowledgement(ctx.text)) return runSkill(ctx, "thanks");
  if (nlu.entities.orderNumbers.length) return runSkill(ctx, RETURN_WORDS.test(ctx.text) ? "return_item" : "track_order");
  // "can I send it back once it arrives?" after a status answer is about returning that order.
  if (state.topic && ORDER_TOPICS.includes(state.topic) && state.orderName && RETURN_WORDS.test(ctx.text)) {
    return runSkill(ctx, "return_item");
  }
  if (nlu.entities.products.length || productNamedIn(ctx.text, ctx.catalog) || (state.topic === "product" && mentionsOptionOf(ctx))) {
    return runSkill(ctx, "product_question");
  }
  if (!state.topic || !short(ctx.text)) return null;
  // Without a named aspect, a short unsure message is no reason to repeat an order's status.
  const aspect = aspectOf(ctx.text);
  if (!aspect && ORDER_TOPICS.includes(state.topic)) return null;
  return answerWithinTopic(ctx, aspect);
}

const HOW_MANY = /how many|cu[aá]nt[oa]s (?:quedan|hay)|combien (?:il en reste|en reste)|wie viele|还剩|剩几|几件|多少件|残り|何個|いくつ/iu;

/** "and overnight?" means "how much is overnight shipping?": the earlier question gives the words it leaves out. */
function policyFollowUp(ctx: SkillContext): Promise<SkillResult> {
  const previous = ctx.state.lastQuestion ?? "";
  ctx.text = `${previous} ${ctx.text}`;
  ctx.intent = ctx.state.lastIntent && ctx.state.lastIntent !== "unknown" ? ctx.state.lastIntent : "delivery_options";
  return policyAnswer(ctx);
}

/** True when the message names an option value of the product the last answer was about ("and in L?"). */
function mentionsOptionOf(ctx: SkillContext): boolean {
  const product = ctx.catalog.find((p) => p.id === ctx.state.productId);
  return Boolean(product && requestedOptions(ctx.text, product).length);
}

/** The answer to a follow-up of the last answer's topic, or null when the message is not one. */
async function resolveFollowUp(ctx: SkillContext): Promise<SkillResult | null> {
  const { state, nlu } = ctx;
  if (!state.topic || !isFollowUp(ctx.text)) return null;
  if (nlu.confidence >= SURE_REQUEST && OWN_REQUEST.includes(nlu.intent)) return null;
  // A new order number is a new question about that order, not a follow-up of the last one.
  if (nlu.entities.orderNumbers.some((n) => n !== state.orderName)) return null;
  return answerWithinTopic(ctx, aspectOf(ctx.text));
}

/** The answer within the topic of the last answer (refund, return, policy, product, an order), or null. */
async function answerWithinTopic(ctx: SkillContext, aspect: Aspect | null): Promise<SkillResult | null> {
  const { state } = ctx;
  const topic = state.topic!;
  if (topic === "refund" || aspect === "refund" || (aspect === "amount" && ORDER_TOPICS.includes(topic))) {
    if (!state.orderName) return null;
    // Straight to the refund: through the router, "how long does it take?" would read as the parcel's date.
    ctx.intent = "track_refund";
    return refundStatus(ctx);
  }
  if (topic === "return") return runSkill(ctx, "return_item");
  if (topic === "policy") return state.lastQuestion ? policyFollowUp(ctx) : null;
  if (topic === "product") return aspect === "amount" || HOW_MANY.test(ctx.text) ? runSkill(ctx, "product_question") : null;
  if (!ORDER_TOPICS.includes(topic) || !state.orderName) return null;
  ctx.intent = "track_order";
  if (aspect === "other") return otherOrder(ctx);
  return withOrder(ctx, async (order) => answerAboutOrder(ctx, order, aspect === "amount" ? null : aspect));
}

/** "And the other one?": the logged-in shopper's other recent order, or a question for its number. */
async function otherOrder(ctx: SkillContext): Promise<SkillResult> {
  const current = `#${ctx.state.orderName}`;
  if (ctx.customerId) {
    const other = (await recentOrdersOf(ctx.graphql, ctx.customerId)).find((o) => o.name !== current);
    if (other) {
      ctx.state.orderName = other.name.replace(/^#/, "");
      return withOrder(ctx, async (order) => answerAboutOrder(ctx, order, null));
    }
  }
  ctx.state.orderName = undefined;
  ctx.state.awaiting = { kind: "order_number", intent: "track_order" };
  return say(ctx.tr("order.askNumber"));
}

const GREETINGS: [RegExp, string][] = [
  [/^(?:hallo|guten (?:tag|morgen|abend)|moin|servus|grüß gott)\b[\s!.?,]*$/iu, "de"],
  [/^(?:hola|buenas(?: tardes| noches)?|buenos d[ií]as)\b[\s!.?,]*$/iu, "es"],
  [/^(?:bonjour|bonsoir|salut|coucou)\b[\s!.?,]*$/iu, "fr"],
  [/^(?:hi|hello|hey|good (?:morning|afternoon|evening))\b[\s!.?,]*$/iu, "en"],
];

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * The language to answer in. A two-word "ok thanks", a message the detector is unsure of, or one that is mostly
 * names (a product title tapped as a button, an address, an email) says little about language: keep the
 * conversation's. Chinese or Japanese text around English product names is Chinese or Japanese.
 */
function replyLanguage(input: TurnInput, nlu: Understanding, catalog: CatalogProduct[]): string {
  let rest = input.text.toLowerCase();
  for (const p of catalog) if (rest.includes(p.title.toLowerCase())) rest = rest.replaceAll(p.title.toLowerCase(), " ");
  for (const v of [...nlu.entities.emails, ...nlu.entities.phones, ...nlu.entities.orderNumbers, ...nlu.entities.trackingNumbers]) {
    rest = rest.replaceAll(v.toLowerCase(), " ");
  }
  rest = rest.replace(/https?:\/\/\S+/g, " ");
  const letters = rest.replace(/[^\p{L}]/gu, "");
  const cjk = letters.match(CJK)?.length ?? 0;
  // Chinese and Japanese shoppers mix in English words ("payment link发我一下", "carrierどこ？"): a few Latin words
  // around Chinese or Japanese text do not make the message English.
  const latinWords = rest.replace(CJK, " ").match(/\p{Script=Latin}+/gu)?.length ?? 0;
  if (cjk >= 2 && (cjk * 2 >= letters.length || latinWords <= 3)) {
    if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(letters)) return "ja";
    if (/\p{Script=Hangul}/u.test(letters)) return "ko";
    return nlu.language === "ja" ? "ja" : "zh";
  }
  if (!input.language) return nlu.language;
  // "Hallo" or "Bonjour" alone is too short for the detector, but a greeting says which language the shopper speaks.
  // Only as the first message: mid-conversation, a "hi" from a Spanish shopper is no reason to switch to English.
  const greeting = !input.state.lastIntent && GREETINGS.find(([re]) => re.test(input.text.trim()));
  if (greeting) return greeting[1];
  // An address being given is full of place names in whatever language the street has.
  if (input.state.awaiting?.kind === "address" || input.state.pending?.kind === "address") return input.language;
  if (nlu.languageUnsure || letters.length < 8) return input.language;
  // Product names are English in most catalogs: "Ist Down Alternative Pillow King noch lieferbar?" is German.
  if (rest.length < input.text.length * 0.8) {
    const guess = identifyLanguage(rest, { hint: input.language, priors: { conversation: input.language } });
    if (!guess.unsure) return guess.language;
  }
  return nlu.language;
}

const TRANSLATE = /\b(translat\w*|tradu\w*|[üu]bersetz\w*)\b|翻译|翻訳|訳して/iu;

/** The "Translate it" button, or the request in words. */
function asksTranslation(ctx: SkillContext): boolean {
  const t = ctx.text.trim().toLowerCase();
  return t === ctx.tr("quick.translate").toLowerCase() || (t.length < 60 && TRANSLATE.test(t));
}

/** True when a message is little more than an email, phone or order number: its "intent" means nothing. */
function mostlyEntity(text: string, e: Understanding["entities"]) {
  let rest = text;
  for (const v of [...e.emails, ...e.phones, ...e.orderNumbers]) rest = rest.replace(v, "");
  return rest.replace(/[^\p{L}]+/gu, "").length < 12;
}

function merchantGreeting(ctx: SkillContext): string | null {
  const greeting = ctx.settings.greeting?.trim();
  if (!greeting) return null;
  return shopLanguage(ctx.settings).split("-")[0] === ctx.locale.split("-")[0] ? greeting : null;
}

/** Intents that clearly leave the question the bot asked (asking for a person, greeting, a new request). */
function isExplicitOtherIntent(intent: string, awaitingIntent: string) {
  return intent !== awaitingIntent && ["contact_human_agent", "contact_customer_service", "complaint"].includes(intent);
}

async function runSkill(ctx: SkillContext, intent: string): Promise<SkillResult> {
  ctx.intent = intent;
  const target = route(intent, ctx);
  // Policy and account answers have no order to follow up on; skills that do set their own topic. The question is
  // kept so a short continuation ("and overnight?") can be read with it.
  if (target === policyAnswer || target === account) {
    ctx.state.topic = "policy";
    ctx.state.lastQuestion = ctx.text.slice(0, 300);
  }
  if (typeof target === "function") return target(ctx);
  if (target === "smalltalk") {
    const key = intent === "greeting" ? "greeting" : intent === "thanks" ? "thanks" : "goodbye";
    // The merchant's own greeting wins when it is written in the shopper's language (or the shop has one language).
    const custom = intent === "greeting" ? merchantGreeting(ctx) : null;
    const reply: BotReply = { text: custom ?? ctx.tr(key, { shopName: ctx.profile.name }) };
    if (intent === "greeting") reply.quickReplies = [ctx.tr("quick.track"), ctx.tr("quick.return"), ctx.tr("quick.human")];
    return { replies: [reply] };
  }
  if (target === "unknown") {
    return refusal(ctx.tr("unknown.outOfScope", { shopName: ctx.profile.name }), [
      ctx.tr("quick.track"),
      ctx.tr("quick.return"),
      ctx.tr("quick.human"),
    ]);
  }
  return { replies: [], handoff: target };
}


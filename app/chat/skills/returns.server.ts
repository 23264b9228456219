import { unicodeWords } from "../words";
import { asksForStatus } from "../followup";
import { formatList, type MessageKey } from "../i18n";
import type { ShopperOrder } from "../orders.server";
import { CONFIRMATION_TTL_MS, RETURN_REASONS, type ReturnDraft, type ReturnReasonCode } from "../state";
import type { Skill, SkillContext, SkillResult } from "./context";
import { say } from "./context";
import { withOrder } from "./with-order.server";

export const RETURNABLE_QUERY = `#graphql
  query ShopperReturnable($orderId: ID!) {
    returnableFulfillments(orderId: $orderId, first: 5) {
      nodes {
        fulfillment { id deliveredAt createdAt }
        returnableFulfillmentLineItems(first: 20) {
          nodes { quantity fulfillmentLineItem { id lineItem { title variantTitle } } }
        }
      }
    }
  }
`;

interface Returnable {
  returnableFulfillments: {
    nodes: {
      fulfillment: { id: string; deliveredAt: string | null; createdAt: string };
      returnableFulfillmentLineItems: {
        nodes: { quantity: number; fulfillmentLineItem: { id: string; lineItem: { title: string; variantTitle: string | null } } }[];
      };
    }[];
  };
}

const OPEN_RETURN = ["REQUESTED", "OPEN"];

/** One line per return of the order in the given statuses, with what happens next. */
export function returnStatusLines(ctx: SkillContext, order: ShopperOrder, statuses?: string[]): string[] {
  return order.returns.nodes
    .filter((r) => !statuses || statuses.includes(r.status))
    .flatMap((r) => {
      const status = ctx.tr(`returnStatus.${r.status}` as MessageKey);
      const next = `return.next.${r.status}` as MessageKey;
      const lines = [ctx.tr("return.existing", { returnName: r.name, orderName: order.name, status })];
      if (ctx.tr(next) !== next) lines.push(ctx.tr(next));
      return lines;
    });
}

const itemLabel = (li: { quantity: number; title: string }) => (li.quantity > 1 ? `${li.quantity} × ${li.title}` : li.title);

function askItems(ctx: SkillContext, draft: ReturnDraft): SkillResult {
  ctx.state.returnDraft = { ...draft, step: "items" };
  const labels = draft.lines.map((l) => l.title);
  return {
    replies: [
      {
        text: ctx.tr("return.whichItems", { orderName: draft.orderName, items: formatList(draft.lines.map(itemLabel), ctx.locale) }),
        quickReplies: [...labels.slice(0, 5), ctx.tr("return.allItems")],
      },
    ],
  };
}

function askReason(ctx: SkillContext, draft: ReturnDraft): SkillResult {
  ctx.state.returnDraft = { ...draft, step: "reason" };
  const items = formatList((draft.chosen ?? draft.lines.map((_, i) => i)).map((i) => itemLabel(draft.lines[i])), ctx.locale);
  return {
    replies: [{ text: ctx.tr("return.whyAskItems", { items }), quickReplies: RETURN_REASONS.map((r) => ctx.tr(`reason.${r}`)) }],
  };
}

/**
 * "I want to return it": a return already under way is reported (never "nothing can be returned"); otherwise the
 * delivered items inside the merchant's window, which of them, why, and a yes before anything is requested.
 */
export const startReturn: Skill = async (ctx) => {
  if (!ctx.settings.allowReturn) return { ...say(ctx.tr("return.notAllowed")), handoff: "explicit_request" };
  return withOrder(ctx, async (order) => {
    const orderName = order.name;
    ctx.state.topic = "return";
    const open = order.returns.nodes.filter((r) => OPEN_RETURN.includes(r.status));
    if (open.length || (order.returns.nodes.length && asksForStatus(ctx.text))) {
      return { ...say(returnStatusLines(ctx, order, open.length ? OPEN_RETURN : undefined).join("\n")), outcome: { kind: "resolved", orderId: order.id } };
    }
    const data = await ctx.graphql<Returnable>(RETURNABLE_QUERY, { orderId: order.id });
    const windowStart = ctx.now.getTime() - ctx.settings.returnWindowDays * 86_400_000;
    const delivered = data.returnableFulfillments.nodes.filter((n) => n.fulfillment.deliveredAt);
    if (!delivered.length) {
      // Earlier returns explain why nothing is left to return.
      const earlier = returnStatusLines(ctx, order);
      const window = ctx.tr("return.windowNote", { days: ctx.settings.returnWindowDays });
      return say([...earlier, ctx.tr("return.nothing", { orderName }), window].join("\n"));
    }
    const inWindow = delivered.filter((n) => new Date(n.fulfillment.deliveredAt!).getTime() >= windowStart);
    if (!inWindow.length) {
      return { ...say(ctx.tr("return.outsideWindow", { orderName, days: ctx.settings.returnWindowDays })), handoff: undefined };
    }
    const lines = inWindow.flatMap((n) =>
      n.returnableFulfillmentLineItems.nodes.map((li) => ({
        fulfillmentLineItemId: li.fulfillmentLineItem.id,
        quantity: li.quantity,
        title: li.fulfillmentLineItem.lineItem.title,
      })),
    );
    const draft: ReturnDraft = { orderId: order.id, orderName, lines, step: "items" };
    const named = namedLines(ctx, lines);
    if (named.length) return askReason(ctx, { ...draft, chosen: named });
    if (lines.length === 1) return askReason(ctx, { ...draft, chosen: [0] });
    return askItems(ctx, draft);
  });
};

const ALL = unicodeWords(/^(all|all of them|everything|both|todos?|todas?|tout|tous|toutes|alle|alles|beide|全部|都|所有|すべて|全部です|両方)\b/iu);

/** Indexes of the lines the message names: by product (catalog match), title words, or "all". */
function namedLines(ctx: SkillContext, lines: ReturnDraft["lines"]): number[] {
  const text = ctx.text.toLowerCase();
  if (ALL.test(text.trim())) return lines.map((_, i) => i);
  const products = ctx.nlu.entities.products.map((p) => p.title.toLowerCase());
  const picked = lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => {
      const title = l.title.toLowerCase();
      return text.includes(title) || products.some((p) => title.includes(p) || p.includes(title));
    })
    .map(({ i }) => i);
  if (picked.length) return picked;
  const n = /^\s*(\d)\s*$/.exec(text);
  return n && Number(n[1]) >= 1 && Number(n[1]) <= lines.length ? [Number(n[1]) - 1] : [];
}

// A reason in the shopper's words (six languages), tried after the buttons' exact labels.
const REASON_WORDS: [ReturnReasonCode, RegExp][] = [
  ["SIZE_TOO_SMALL", unicodeWords(/\b(too small|too tight|runs? small|fits? small|smaller|demasiado (?:peque|chic|ajustad)\w*|peque[nñ]o|trop petit|trop serr[ée]|zu klein|zu eng)\b|太小|偏小|小了|小さい|きつい/iu)],
  ["SIZE_TOO_LARGE", unicodeWords(/\b(too (?:big|large|loose)|runs? (?:big|large)|fits? (?:big|large)|demasiado grande|grande|trop grand|trop large|zu gro(?:ß|ss)|zu weit)\b|太大|偏大|大了|大きい|ゆるい/iu)],
  ["COLOR", unicodeWords(/\b(colou?r|couleur|farbe)\b|颜色|色が|色味/iu)],
  ["DEFECTIVE", unicodeWords(/\b(damaged|defective|broken|torn|ripped|hole|faulty|roto|da[nñ]ado|defectuoso|d[ée]fectueux|ab[iî]m[ée]|cass[ée]|kaputt|defekt|besch[aä]digt)\b|坏了|破了|破损|有问题|质量|破損|不良|壊れ/iu)],
  ["WRONG_ITEM", unicodeWords(/\b(wrong (?:item|size|product|one)|not what i ordered|equivocad\w*|mauvais (?:article|produit)|falsche[rns]? (?:artikel|ware))\b|发错|寄错|違う商品|間違/iu)],
  ["NOT_AS_DESCRIBED", unicodeWords(/\b(not as (?:described|pictured|shown)|different from the (?:photo|picture)|no es como|pas (?:comme|conforme)|nicht wie (?:beschrieben|abgebildet))\b|不符|不一样|与描述|イメージと違|説明と違/iu)],
  ["UNWANTED", unicodeWords(/\b(changed my mind|don'?t (?:want|need|like) it|no longer need|ya no (?:lo|la) (?:quiero|necesito)|no me gusta|chang[ée] d'avis|plus besoin|gef[aä]llt mir nicht|brauche (?:es|ihn|sie) nicht)\b|不想要|不喜欢|不需要|いらない|気に入らな/iu)],
];

/** The ReturnReason a message gives, or OTHER (the shopper's words go in the note either way). */
export function returnReasonOf(ctx: SkillContext, text: string): ReturnReasonCode {
  const t = text.trim().toLowerCase();
  const byLabel = RETURN_REASONS.find((r) => ctx.tr(`reason.${r}`).toLowerCase() === t);
  if (byLabel) return byLabel;
  return REASON_WORDS.find(([, re]) => re.test(t))?.[0] ?? "OTHER";
}

/** True when the message is plainly an answer to the draft's question: an item it names, or a reason it gives. */
export function answersDraft(ctx: SkillContext, draft: ReturnDraft): boolean {
  return draft.step === "items" ? namedLines(ctx, draft.lines).length > 0 : returnReasonOf(ctx, ctx.text) !== "OTHER";
}

/** The shopper's answer to "which item?" or "why?" while a return is being put together. */
export function continueReturn(ctx: SkillContext, draft: ReturnDraft): SkillResult {
  if (draft.step === "items") {
    const chosen = namedLines(ctx, draft.lines);
    if (!chosen.length) return askItems(ctx, draft);
    return askReason(ctx, { ...draft, chosen });
  }
  const reason = returnReasonOf(ctx, ctx.text);
  const lineItems = (draft.chosen ?? draft.lines.map((_, i) => i)).map((i) => draft.lines[i]);
  ctx.state.returnDraft = undefined;
  ctx.state.pending = {
    kind: "return",
    orderId: draft.orderId,
    orderName: draft.orderName,
    lineItems,
    reason,
    note: ctx.text.slice(0, 300),
    expiresAt: ctx.now.getTime() + CONFIRMATION_TTL_MS,
  };
  return {
    replies: [
      {
        text: ctx.tr("return.confirmReason", {
          orderName: draft.orderName,
          items: formatList(lineItems.map(itemLabel), ctx.locale),
          reason: ctx.tr(`reason.${reason}`),
        }),
        quickReplies: [ctx.tr("quick.yes"), ctx.tr("quick.no")],
      },
    ],
  };
}

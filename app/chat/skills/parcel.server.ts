import { unicodeWords } from "../words";
import { formatDate, formatList, formatMoney } from "../i18n";
import type { ShopperOrder } from "../orders.server";
import { parcelOptionsOf } from "../settings.server";
import { CONFIRMATION_TTL_MS, type Offer, type ParcelOption } from "../state";
import type { BotReply, SkillContext, SkillResult } from "./context";
import { addBusinessDays, type ParcelState } from "./parcel-state";

/** The shipping still refundable: what was paid for it, less what was refunded already (0 when it was free). */
function refundableShipping(order: ShopperOrder): number {
  const paid = Number(order.totalShippingPriceSet.presentmentMoney.amount);
  return Math.max(0, paid - Number(order.totalRefundedShippingSet?.presentmentMoney.amount ?? 0));
}

/**
 * Which options fit the problem: a failed delivery cannot be waited out, and shipping that was free or has been
 * refunded already cannot be refunded.
 */
function optionsFor(ctx: SkillContext, order: ShopperOrder, p: ParcelState): ParcelOption[] {
  const allowed = parcelOptionsOf(ctx.settings.parcelOptions);
  return allowed.filter((o) => {
    if (o === "wait") return p.topic !== "failed";
    if (o === "refund_shipping") return refundableShipping(order) > 0;
    return true;
  });
}

/** The date the "wait" option promises: the estimate (or today, if it has passed) plus the merchant's grace days. */
export function waitUntil(ctx: SkillContext, p: ParcelState): Date {
  const eta = p.shipment?.estimatedDeliveryAt ? new Date(p.shipment.estimatedDeliveryAt) : null;
  const base = eta && eta.getTime() > ctx.now.getTime() ? eta : ctx.now;
  return addBusinessDays(base, Math.max(1, ctx.settings.lateGraceDays));
}

const dateOf = (ctx: SkillContext, d: Date | string) => formatDate(d, ctx.locale, ctx.profile.ianaTimezone);

/** The shop's options for a parcel with a problem, as buttons; remembered so the next message can pick one. */
export function offerParcelOptions(ctx: SkillContext, order: ShopperOrder, p: ParcelState): BotReply | null {
  const options = optionsFor(ctx, order, p);
  if (!options.length) return null;
  const until = waitUntil(ctx, p);
  const labels = options.map((o) =>
    o === "wait" ? ctx.tr("parcel.option.wait", { date: dateOf(ctx, until) }) : ctx.tr(`parcel.option.${o}`),
  );
  const shipping = order.totalShippingPriceSet.presentmentMoney;
  const refundable = refundableShipping(order);
  ctx.state.offer = {
    kind: "parcel",
    orderId: order.id,
    orderName: order.name.replace(/^#/, ""),
    options,
    labels,
    carrier: order.fulfillments.flatMap((f) => f.trackingInfo).find((t) => t.company)?.company ?? "",
    waitUntil: until.toISOString(),
    shipping: refundable > 0 ? { amount: refundable.toFixed(2), currencyCode: shipping.currencyCode } : null,
  };
  return { text: ctx.tr("parcel.offer", { orderName: order.name }), quickReplies: [...labels, ctx.tr("quick.human")] };
}

// Each option in the shopper's own words, in the bot's six languages, for a shopper who types instead of tapping.
const WORDS: Record<ParcelOption, RegExp> = {
  wait: unicodeWords(/\b(wait|i'?ll wait|esperar?|espero|attendre|j'attends|warten|ich warte)\b|等|待つ|待ちます/iu),
  claim: unicodeWords(/\b(claim|investigat\w*|reclamaci[oó]n|reclamar|r[eé]clamation|enqu[eê]te|reklamation\w*|nachforschung\w*|nachforschen)\b|索赔|调查|理赔|申诉|調査|クレーム|補償/iu),
  reship: unicodeWords(/\b(replace\w*|re-?ship|resend|send (?:it |a new one )?again|new one|reenv[ií]\w*|reemplazo|renvo\w*|remplacement|ersatz|neu (?:senden|schicken)|nochmal schicken)\b|补发|重新发|重发|重新寄|再寄|再发|寄一份|再送|代わり|送り直/iu),
  refund_shipping: unicodeWords(/\b(refund (?:the )?shipping|shipping refund|reembols\w* (?:del |el )?env[ií]o|rembours\w* (?:la |les )?(?:livraison|frais)|versandkosten\w*)\b|退运费|运费|送料/iu),
};

/** The option a message picks from the offer: the button's label, its number ("2"), or the option in words. */
export function pickedOption(text: string, offer: Offer): ParcelOption | null {
  const t = text.trim().toLowerCase();
  const byLabel = offer.labels.findIndex((l) => l.toLowerCase() === t);
  if (byLabel >= 0) return offer.options[byLabel];
  const n = /^\s*(\d)\s*[.)]?\s*$/.exec(t);
  if (n && Number(n[1]) >= 1 && Number(n[1]) <= offer.options.length) return offer.options[Number(n[1]) - 1];
  // refund_shipping before claim: "refund the shipping" must not read as a claim.
  for (const option of ["refund_shipping", "reship", "claim", "wait"] as ParcelOption[]) {
    if (offer.options.includes(option) && WORDS[option].test(t)) return option;
  }
  return null;
}

/**
 * Carries out the option picked, from what the offer recorded (no second Admin API call): waiting gets the date on
 * its button; a claim or a replacement goes to a person with the reason recorded; the shipping refund asks for a yes
 * (refundCreate runs only then, in executePending).
 */
export async function chooseParcelOption(ctx: SkillContext, offer: Offer, option: ParcelOption): Promise<SkillResult> {
  ctx.state.offer = undefined;
  const orderName = `#${offer.orderName}`;
  if (option === "wait") {
    // The date on the button the shopper chose, not a new one.
    const date = dateOf(ctx, offer.waitUntil ?? ctx.now);
    return {
      replies: [{ text: ctx.tr("parcel.waitDone", { orderName, date }) }],
      outcome: { kind: "resolved", orderId: offer.orderId, reason: "wait" },
    };
  }
  if (option === "claim") return { replies: [{ text: ctx.tr("parcel.claim", { orderName, carrier: offer.carrier }) }], handoff: "carrier_claim" };
  if (option === "reship") return { replies: [{ text: ctx.tr("parcel.reship", { orderName }) }], handoff: "reship" };
  const m = offer.shipping;
  if (!m || !offer.orderId) {
    return { replies: [{ text: ctx.tr("parcel.refundShipping", { orderName, amount: "" }) }], handoff: "refund_shipping" };
  }
  // Money goes back only after an explicit yes, like a cancellation.
  const display = formatMoney(m.amount, m.currencyCode, ctx.locale);
  ctx.state.pending = {
    kind: "refund_shipping",
    orderId: offer.orderId,
    orderName,
    amount: m.amount,
    currency: m.currencyCode,
    display,
    expiresAt: ctx.now.getTime() + CONFIRMATION_TTL_MS,
  };
  return {
    replies: [
      { text: ctx.tr("parcel.refundShippingConfirm", { orderName, amount: display }), quickReplies: [ctx.tr("quick.yes"), ctx.tr("quick.no")] },
    ],
  };
}

/** Asks again when a message answers the offer with neither a choice nor a new question. */
export function repeatOffer(ctx: SkillContext, offer: Offer): SkillResult {
  return {
    replies: [
      {
        text: ctx.tr("parcel.pick", { options: formatList(offer.labels, ctx.locale) }),
        quickReplies: [...offer.labels, ctx.tr("quick.human")],
      },
    ],
  };
}

import { aspectOf, asksForStatus, type Aspect } from "../followup";
import { formatDate, formatMoney } from "../i18n";
import type { ShopperOrder } from "../orders.server";
import type { Topic } from "../state";
import type { BotReply, Skill, SkillContext, SkillResult } from "./context";
import { offerParcelOptions } from "./parcel.server";
import { active, parcelState, type ParcelState } from "./parcel-state";
import { returnStatusLines } from "./returns.server";
import { withOrder } from "./with-order.server";

type Fulfillment = ShopperOrder["fulfillments"][number];

const FAILED = new Set(["ATTEMPTED_DELIVERY", "FAILURE", "NOT_DELIVERED"]);

function eventLabel(ctx: SkillContext, status: string) {
  const key = `event.${status}` as Parameters<SkillContext["tr"]>[0];
  const text = ctx.tr(key);
  return text === key ? status.toLowerCase().replace(/_/g, " ") : text;
}

const dateOf = (ctx: SkillContext, d: string | Date) => formatDate(d, ctx.locale, ctx.profile.ianaTimezone);
const trackingOf = (f: Fulfillment | undefined) => f?.trackingInfo.find((t) => t.number) ?? f?.trackingInfo[0];

/** What is known about one shipment, in the shopper's language. */
export function describeShipment(ctx: SkillContext, order: ShopperOrder, f: Fulfillment, index: number): string[] {
  const lines: string[] = [];
  const tracking = trackingOf(f);
  lines.push(
    tracking?.number
      ? ctx.tr("status.shipment", {
          index,
          carrier: tracking.company ?? "",
          number: tracking.number,
          url: tracking.url ?? order.statusPageUrl,
        })
      : ctx.tr("status.shipmentNoTracking", { index }),
  );
  const latest = f.events.nodes[0];
  const status = latest?.status ?? f.displayStatus ?? f.status;
  if (f.deliveredAt || status === "DELIVERED") {
    lines.push(ctx.tr("status.delivered", { date: dateOf(ctx, f.deliveredAt ?? latest!.happenedAt) }));
    return lines;
  }
  if (FAILED.has(status)) {
    lines.push(ctx.tr("status.failed", { event: eventLabel(ctx, status), date: dateOf(ctx, latest?.happenedAt ?? f.createdAt) }));
    return lines;
  }
  if (latest) lines.push(ctx.tr("status.inTransit", { event: eventLabel(ctx, latest.status), date: dateOf(ctx, latest.happenedAt) }));
  if (f.estimatedDeliveryAt) {
    if (new Date(f.estimatedDeliveryAt).getTime() < ctx.now.getTime()) {
      lines.push(ctx.tr("status.late", { date: dateOf(ctx, f.estimatedDeliveryAt) }));
    } else {
      lines.push(ctx.tr("status.eta", { date: dateOf(ctx, f.estimatedDeliveryAt) }));
    }
  }
  return lines;
}

const payLink = (ctx: SkillContext, order: ShopperOrder) => {
  const url = order.paymentCollectionDetails?.additionalPaymentCollectionUrl;
  return url ? ctx.tr("status.payLink", { url }) : null;
};

/** The whole status of an order: payment, every shipment, what is still to ship, money sent back. */
export function describeOrder(ctx: SkillContext, order: ShopperOrder): SkillResult {
  const orderName = order.name;
  if (order.cancelledAt) return { replies: [{ text: ctx.tr("status.cancelled", { orderName, date: dateOf(ctx, order.cancelledAt) }) }] };
  const lines = [ctx.tr("status.header", { orderName, date: dateOf(ctx, order.createdAt) })];
  const shipments = active(order);
  if (!order.fulfillments.length) {
    if (order.displayFinancialStatus === "PENDING") {
      lines.push(ctx.tr("status.unpaid", { orderName }));
      const pay = payLink(ctx, order);
      if (pay) lines.push(pay);
    } else lines.push(ctx.tr("status.unfulfilled", { orderName }));
  } else {
    shipments.forEach((f, i) => lines.push(...describeShipment(ctx, order, f, i + 1)));
    const remaining = order.lineItems.nodes.reduce((n, li) => n + li.unfulfilledQuantity, 0);
    if (remaining > 0) lines.push(ctx.tr("status.partial", { orderName, remaining }));
  }
  // Money already sent back is part of "where is my order" for an order that went wrong.
  for (const refund of order.refunds) {
    const m = refund.totalRefundedSet.presentmentMoney;
    lines.push(
      ctx.tr("refund.item", {
        amount: formatMoney(m.amount, m.currencyCode, ctx.locale),
        date: dateOf(ctx, refund.createdAt ?? order.createdAt),
      }),
    );
  }
  // A return under way is part of the order's story: "nothing to return" must never be the impression.
  lines.push(...returnStatusLines(ctx, order, ["REQUESTED", "OPEN"]));
  lines.push(ctx.tr("status.statusPage", { url: order.statusPageUrl }));
  return {
    replies: [{ text: lines.join("\n"), meta: { orderId: order.id, total: formatMoney(order.totalPriceSet.presentmentMoney.amount, order.totalPriceSet.presentmentMoney.currencyCode, ctx.locale) } }],
    outcome: { kind: "resolved", orderId: order.id },
  };
}

const PROBLEMS: Topic[] = ["late", "stuck", "failed"];

/** One line on the problem itself: why it is late, since when it is stuck, what the carrier reported. */
function problemLine(ctx: SkillContext, order: ShopperOrder, p: ParcelState): string {
  const f = p.shipment!;
  const last = p.lastEvent;
  // Rearranging a delivery or checking on a late one is done with the carrier: the shopper needs its tracking.
  const tracking = trackingOf(f);
  const withTracking = (line: string) =>
    tracking?.number
      ? `${line}\n${ctx.tr("status.tracking", { orderName: order.name, carrier: tracking.company ?? "", number: tracking.number, url: tracking.url ?? order.statusPageUrl })}`
      : line;
  if (p.topic === "failed") {
    return withTracking(ctx.tr("status.failed", { event: eventLabel(ctx, last!.status), date: dateOf(ctx, last!.happenedAt) }));
  }
  if (p.topic === "stuck") {
    return withTracking(
      ctx.tr("status.stuck", {
        date: dateOf(ctx, last?.happenedAt ?? f.createdAt),
        event: eventLabel(ctx, last?.status ?? "CONFIRMED"),
      }),
    );
  }
  return withTracking(ctx.tr("status.late", { date: dateOf(ctx, f.estimatedDeliveryAt!) }));
}

/**
 * The answer to what was asked about an order: the date for "when", the carrier for "which carrier", the number for
 * "tracking number", the reason for "why", the shop's options for "what can you do", and the whole status only for
 * a status question. A late, stuck or failed parcel always comes with the options the merchant allows.
 */
export function answerAboutOrder(ctx: SkillContext, order: ShopperOrder, aspect: Aspect | null): SkillResult {
  const orderName = order.name;
  const p = parcelState(order, ctx.now, ctx.settings.stuckDays);
  ctx.state.topic = p.topic;
  const problem = PROBLEMS.includes(p.topic);
  const withOffer = (lines: string[]): SkillResult => {
    const replies: BotReply[] = [{ text: lines.join("\n"), meta: { orderId: order.id } }];
    if (problem) {
      const offer = offerParcelOptions(ctx, order, p);
      if (offer) replies.push(offer);
    }
    return { replies };
  };
  // Waiting for payment, and where to pay: the answer to "when", "why", "how do I pay" and "what now" alike.
  const unpaid = () => withOffer([ctx.tr("status.unpaid", { orderName }), payLink(ctx, order)].filter((l): l is string => Boolean(l)));
  if (order.cancelledAt) return describeOrder(ctx, order);
  const tracking = trackingOf(p.shipment);
  const resolved = { outcome: { kind: "resolved" as const, orderId: order.id } };

  switch (aspect) {
    case "when": {
      if (p.topic === "delivered") {
        const f = p.shipment!;
        return { ...withOffer([ctx.tr("status.deliveredShort", { orderName, date: dateOf(ctx, f.deliveredAt ?? f.events.nodes[0]!.happenedAt) })]), ...resolved };
      }
      if (problem) return withOffer([problemLine(ctx, order, p)]);
      if (p.topic === "unpaid") return unpaid();
      if (p.topic === "unfulfilled") return { ...withOffer([ctx.tr("status.noDateYet", { orderName })]), ...resolved };
      const eta = p.shipment?.estimatedDeliveryAt;
      // One line: the date, with the carrier and tracking number to follow it by.
      if (eta) {
        const line = tracking?.number
          ? ctx.tr("status.etaShortTracked", { orderName, date: dateOf(ctx, eta), carrier: tracking.company ?? "", number: tracking.number })
          : ctx.tr("status.etaShort", { orderName, date: dateOf(ctx, eta) });
        return { ...withOffer([line]), ...resolved };
      }
      return describeOrder(ctx, order);
    }
    case "carrier":
    case "tracking": {
      if (!tracking?.number) return withOffer([ctx.tr("status.noTracking", { orderName })]);
      const vars = { orderName, carrier: tracking.company ?? "", number: tracking.number, url: tracking.url ?? order.statusPageUrl };
      const line = aspect === "carrier" ? ctx.tr("status.carrier", vars) : ctx.tr("status.tracking", vars);
      return { ...withOffer([line]), ...resolved };
    }
    case "why": {
      if (p.topic === "late") {
        const last = p.lastEvent;
        const eta = dateOf(ctx, p.shipment!.estimatedDeliveryAt!);
        return withOffer([
          last
            ? ctx.tr("status.whyLate", { event: eventLabel(ctx, last.status), date: dateOf(ctx, last.happenedAt), eta })
            : ctx.tr("status.late", { date: eta }),
        ]);
      }
      if (problem) return withOffer([problemLine(ctx, order, p)]);
      if (p.topic === "unpaid") return unpaid();
      return describeOrder(ctx, order);
    }
    case "pay": {
      if (p.topic === "unpaid") return unpaid();
      return describeOrder(ctx, order);
    }
    case "options": {
      if (problem) return withOffer([problemLine(ctx, order, p)]);
      if (p.topic === "unpaid") return unpaid();
      return {
        replies: [
          {
            text: ctx.tr("options.general", { orderName }),
            quickReplies: [ctx.tr("quick.track"), ctx.tr("quick.return"), ctx.tr("quick.human")],
          },
        ],
      };
    }
  }
  const full = describeOrder(ctx, order);
  if (problem) {
    const offer = offerParcelOptions(ctx, order, p);
    if (offer) full.replies.push(offer);
    // A parcel with a problem is not resolved by telling its status: the shopper still has to choose.
    full.outcome = undefined;
  }
  return full;
}

/** "Where is my order?", "when will it arrive?", "which carrier?" */
export const orderStatus: Skill = (ctx) => withOrder(ctx, async (order) => answerAboutOrder(ctx, order, askedAspect(ctx.text)));

/** The aspect to answer; "where is it and when will it come?" names the status too, so it gets the whole status. */
export function askedAspect(text: string): Aspect | null {
  const aspect = aspectOf(text);
  if (aspect && aspect !== "options" && aspect !== "why" && asksForStatus(text)) return null;
  return aspect;
}

/** Invoices live on the order status page, which Shopify keeps for every order. */
export const invoice: Skill = (ctx) =>
  withOrder(ctx, async (order) => ({
    replies: [{ text: ctx.tr("invoice.link", { orderName: order.name, url: order.statusPageUrl }) }],
    outcome: { kind: "resolved", orderId: order.id },
  }));

import { formatDate, formatMoney } from "../i18n";
import type { ShopperOrder } from "../orders.server";
import type { Skill, SkillContext, SkillResult } from "./context";
import { withOrder } from "./with-order.server";

type Fulfillment = ShopperOrder["fulfillments"][number];

const FAILED = new Set(["ATTEMPTED_DELIVERY", "FAILURE", "NOT_DELIVERED"]);

function eventLabel(ctx: SkillContext, status: string) {
  const key = `event.${status}` as Parameters<SkillContext["tr"]>[0];
  const text = ctx.tr(key);
  return text === key ? status.toLowerCase().replace(/_/g, " ") : text;
}

/** What is known about one shipment, in the shopper's language. */
export function describeShipment(ctx: SkillContext, order: ShopperOrder, f: Fulfillment, index: number): string[] {
  const date = (d: string) => formatDate(d, ctx.locale, ctx.profile.ianaTimezone);
  const lines: string[] = [];
  const tracking = f.trackingInfo.find((t) => t.number) ?? f.trackingInfo[0];
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
    lines.push(ctx.tr("status.delivered", { date: date(f.deliveredAt ?? latest!.happenedAt) }));
    return lines;
  }
  if (FAILED.has(status)) {
    lines.push(ctx.tr("status.failed", { event: eventLabel(ctx, status), date: date(latest?.happenedAt ?? f.createdAt) }));
    return lines;
  }
  if (latest) lines.push(ctx.tr("status.inTransit", { event: eventLabel(ctx, latest.status), date: date(latest.happenedAt) }));
  if (f.estimatedDeliveryAt) {
    if (new Date(f.estimatedDeliveryAt).getTime() < ctx.now.getTime()) {
      lines.push(ctx.tr("status.late", { date: date(f.estimatedDeliveryAt) }), ctx.tr("status.lateOffer"));
    } else {
      lines.push(ctx.tr("status.eta", { date: date(f.estimatedDeliveryAt) }));
    }
  }
  return lines;
}

/** The whole status of an order: payment, every shipment, what is still to ship. */
export function describeOrder(ctx: SkillContext, order: ShopperOrder): SkillResult {
  const date = (d: string) => formatDate(d, ctx.locale, ctx.profile.ianaTimezone);
  const orderName = order.name;
  if (order.cancelledAt) return { replies: [{ text: ctx.tr("status.cancelled", { orderName, date: date(order.cancelledAt) }) }] };
  const lines = [ctx.tr("status.header", { orderName, date: date(order.createdAt) })];
  if (!order.fulfillments.length) {
    lines.push(
      order.displayFinancialStatus === "PENDING"
        ? ctx.tr("status.unpaid", { orderName })
        : ctx.tr("status.unfulfilled", { orderName }),
    );
  } else {
    order.fulfillments
      .filter((f) => f.status !== "CANCELLED" && f.status !== "ERROR" && f.status !== "FAILURE")
      .forEach((f, i) => lines.push(...describeShipment(ctx, order, f, i + 1)));
    const remaining = order.lineItems.nodes.reduce((n, li) => n + li.unfulfilledQuantity, 0);
    if (remaining > 0) lines.push(ctx.tr("status.partial", { orderName, remaining }));
  }
  // Money already sent back is part of "where is my order" for an order that went wrong.
  for (const refund of order.refunds) {
    const m = refund.totalRefundedSet.presentmentMoney;
    lines.push(
      ctx.tr("refund.item", {
        amount: formatMoney(m.amount, m.currencyCode, ctx.locale),
        date: date(refund.createdAt ?? order.createdAt),
      }),
    );
  }
  lines.push(ctx.tr("status.statusPage", { url: order.statusPageUrl }));
  return {
    replies: [{ text: lines.join("\n"), meta: { orderId: order.id, total: formatMoney(order.totalPriceSet.presentmentMoney.amount, order.totalPriceSet.presentmentMoney.currencyCode, ctx.locale) } }],
    outcome: { kind: "resolved", orderId: order.id },
  };
}

/** "Where is my order?", "when will it arrive?" */
export const orderStatus: Skill = (ctx) => withOrder(ctx, async (order) => describeOrder(ctx, order));

/** Invoices live on the order status page, which Shopify keeps for every order. */
export const invoice: Skill = (ctx) =>
  withOrder(ctx, async (order) => ({
    replies: [{ text: ctx.tr("invoice.link", { orderName: order.name, url: order.statusPageUrl }) }],
    outcome: { kind: "resolved", orderId: order.id },
  }));

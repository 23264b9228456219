import { formatDate, formatMoney } from "../i18n";
import type { ShopperOrder } from "../orders.server";
import type { SkillContext, SkillResult, Skill } from "./context";
import { addBusinessDays } from "./parcel-state";
import { returnStatusLines } from "./returns.server";
import { withOrder } from "./with-order.server";

/** Banks show a refund 5 to 10 business days after it is issued (what Shopify tells merchants to tell shoppers). */
const BANK_DAYS = [5, 10] as const;

/**
 * "Where is my refund?": every refund with its amount, that it goes back to the original payment method, and when
 * it should show on the shopper's statement; a return still on its way says the refund follows it.
 */
export function describeRefunds(ctx: SkillContext, order: ShopperOrder): SkillResult {
  const orderName = order.name;
  const date = (d: Date | string) => formatDate(d, ctx.locale, ctx.profile.ianaTimezone);
  const lines: string[] = [];
  for (const refund of order.refunds) {
    const m = refund.totalRefundedSet.presentmentMoney;
    const issued = new Date(refund.createdAt ?? order.createdAt);
    lines.push(ctx.tr("refund.itemMethod", { amount: formatMoney(m.amount, m.currencyCode, ctx.locale), date: date(issued) }));
    const latest = addBusinessDays(issued, BANK_DAYS[1]);
    lines.push(
      latest.getTime() < ctx.now.getTime()
        ? ctx.tr("refund.shouldHaveArrived")
        : ctx.tr("refund.arrivesBy", { from: date(addBusinessDays(issued, BANK_DAYS[0])), to: date(latest) }),
    );
  }
  lines.push(...returnStatusLines(ctx, order, ["REQUESTED", "OPEN"]));
  if (!lines.length) lines.push(ctx.tr("refund.none", { orderName }));
  ctx.state.topic = "refund";
  return {
    replies: [{ text: lines.join("\n"), quickReplies: order.refunds.length ? undefined : [ctx.tr("quick.return"), ctx.tr("quick.human")] }],
    outcome: order.refunds.length ? { kind: "resolved", orderId: order.id } : undefined,
  };
}

export const refundStatus: Skill = (ctx) => withOrder(ctx, async (order) => describeRefunds(ctx, order));

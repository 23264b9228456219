import { formatDate, formatMoney } from "../i18n";
import type { Skill } from "./context";
import { withOrder } from "./with-order.server";

/** "Where is my refund?": every refund with its amount and date, and any return still on its way. */
export const refundStatus: Skill = (ctx) =>
  withOrder(ctx, async (order) => {
    const orderName = order.name;
    const lines: string[] = [];
    for (const refund of order.refunds) {
      const m = refund.totalRefundedSet.presentmentMoney;
      lines.push(
        ctx.tr("refund.item", {
          amount: formatMoney(m.amount, m.currencyCode, ctx.locale),
          date: formatDate(refund.createdAt ?? order.createdAt, ctx.locale, ctx.profile.ianaTimezone),
        }),
      );
    }
    for (const ret of order.returns.nodes.filter((r) => r.status === "REQUESTED" || r.status === "OPEN")) {
      const status = ctx.tr(`returnStatus.${ret.status}` as "returnStatus.OPEN");
      lines.push(ctx.tr("refund.returnOpen", { returnName: ret.name, status }));
    }
    if (!lines.length) lines.push(ctx.tr("refund.none", { orderName }));
    if (order.refunds.length) lines.push(ctx.tr("refund.timing"));
    return {
      replies: [{ text: lines.join("\n"), quickReplies: order.refunds.length ? undefined : [ctx.tr("quick.return")] }],
      outcome: order.refunds.length ? { kind: "resolved", orderId: order.id } : undefined,
    };
  });

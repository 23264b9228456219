import { formatMoney } from "../i18n";
import type { ShopperOrder } from "../orders.server";
import { CONFIRMATION_TTL_MS, type AddressInput, type PendingAction } from "../state";
import type { Skill, SkillContext, SkillResult } from "./context";
import { say } from "./context";
import { withOrder } from "./with-order.server";
import { parseAddress, formatAddress } from "./address";

export const ORDER_CANCEL_MUTATION = `#graphql
  mutation ShopperOrderCancel($orderId: ID!) {
    orderCancel(
      orderId: $orderId
      reason: CUSTOMER
      restock: true
      notifyCustomer: true
      refundMethod: { originalPaymentMethodsRefund: true }
      staffNote: "Cancelled by the shopper through Shopdesk chat after confirmation"
    ) {
      job { id done }
      orderCancelUserErrors { code field message }
    }
  }
`;

export const ORDER_ADDRESS_MUTATION = `#graphql
  mutation ShopperOrderAddressUpdate($input: OrderInput!) {
    orderUpdate(input: $input) {
      order { id shippingAddress { address1 city zip countryCodeV2 } }
      userErrors { field message }
    }
  }
`;

export const RETURN_REQUEST_MUTATION = `#graphql
  mutation ShopperReturnRequest($input: ReturnRequestInput!) {
    returnRequest(input: $input) {
      return { id name status }
      userErrors { code field message }
    }
  }
`;

const shipped = (o: ShopperOrder) => o.fulfillments.some((f) => f.status === "SUCCESS" || f.status === "OPEN");
const money = (ctx: SkillContext, o: ShopperOrder) =>
  formatMoney(o.totalPriceSet.presentmentMoney.amount, o.totalPriceSet.presentmentMoney.currencyCode, ctx.locale);
const yesNo = (ctx: SkillContext) => [ctx.tr("quick.yes"), ctx.tr("quick.no")];

function ask(ctx: SkillContext, pending: PendingAction, text: string): SkillResult {
  ctx.state.pending = pending;
  return { replies: [{ text, quickReplies: yesNo(ctx) }] };
}

/** "Cancel my order": only while nothing has shipped, only if the merchant allows it, only after a yes. */
export const cancelOrder: Skill = async (ctx) => {
  if (!ctx.settings.allowCancel) return { ...say(ctx.tr("cancel.notAllowed")), handoff: "explicit_request" };
  return withOrder(ctx, async (order) => {
    const orderName = order.name;
    if (order.cancelledAt) return say(ctx.tr("cancel.already", { orderName }));
    if (shipped(order) || order.displayFulfillmentStatus !== "UNFULFILLED") {
      // "where is it now then?" and "which carrier?" follow: they are about this order's shipment.
      ctx.state.topic = "status";
      return say(ctx.tr("cancel.tooLate", { orderName }));
    }
    return ask(
      ctx,
      {
        kind: "cancel",
        orderId: order.id,
        orderName,
        total: money(ctx, order),
        expiresAt: ctx.now.getTime() + CONFIRMATION_TTL_MS,
      },
      ctx.tr("cancel.confirm", { orderName, total: money(ctx, order) }),
    );
  });
};

/** "Change my shipping address": same conditions as cancelling, and the new address is read back before a yes. */
export const changeAddress: Skill = async (ctx) => {
  if (!ctx.settings.allowAddressChange) return { ...say(ctx.tr("address.notAllowed")), handoff: "explicit_request" };
  return withOrder(ctx, async (order) => {
    const orderName = order.name;
    if (order.cancelledAt) return say(ctx.tr("cancel.already", { orderName }));
    if (shipped(order)) {
      ctx.state.topic = "status";
      const number = order.fulfillments.flatMap((f) => f.trackingInfo).find((t) => t.number)?.number ?? "";
      return say(ctx.tr("address.tooLate", { orderName, number }));
    }
    const address = parseAddress(ctx.text, order.shippingAddress?.countryCodeV2 ?? undefined);
    if (!address) {
      ctx.state.awaiting = { kind: "address", intent: "change_shipping_address", orderName: order.name.slice(1) };
      return say(ctx.tr("address.ask", { orderName }));
    }
    return confirmAddress(ctx, order.id, orderName, address);
  });
};

function confirmAddress(ctx: SkillContext, orderId: string, orderName: string, address: AddressInput) {
  return ask(
    ctx,
    { kind: "address", orderId, orderName, address, expiresAt: ctx.now.getTime() + CONFIRMATION_TTL_MS },
    ctx.tr("address.confirm", { orderName, address: formatAddress(address) }),
  );
}

/** The shopper's answer to "what's the new address?". */
export const addressGiven: Skill = async (ctx) => {
  const orderName = `#${ctx.state.awaiting?.orderName ?? ctx.state.orderName}`;
  return withOrder(ctx, async (order) => {
    const address = parseAddress(ctx.text, order.shippingAddress?.countryCodeV2 ?? undefined);
    if (!address) {
      ctx.state.awaiting = { kind: "address", intent: "change_shipping_address", orderName: orderName.slice(1) };
      return say(ctx.tr("address.unclear"));
    }
    return confirmAddress(ctx, order.id, orderName, address);
  });
};

export const ORDER_PAYMENTS_QUERY = `#graphql
  query ShopperOrderPayments($id: ID!) {
    order(id: $id) {
      id
      transactions(first: 10) { id kind status gateway }
    }
  }
`;

export const SHIPPING_REFUND_MUTATION = `#graphql
  mutation ShopperShippingRefund($input: RefundInput!) {
    refundCreate(input: $input) {
      refund { id totalRefundedSet { presentmentMoney { amount currencyCode } } }
      userErrors { field message }
    }
  }
`;

/** Refunds an order's shipping to the payment it was paid with: a REFUND child of the order's sale. */
async function refundShipping(ctx: SkillContext, pending: Extract<PendingAction, { kind: "refund_shipping" }>): Promise<SkillResult> {
  const failed = (): SkillResult => ({ ...say(ctx.tr("handoff.failedAction")), handoff: "failed_action" });
  const { order } = await ctx.graphql<{
    order: { transactions: { id: string; kind: string; status: string; gateway: string }[] } | null;
  }>(ORDER_PAYMENTS_QUERY, { id: pending.orderId });
  const sale = order?.transactions.find((t) => (t.kind === "SALE" || t.kind === "CAPTURE") && t.status === "SUCCESS");
  if (!sale) return failed();
  const data = await ctx.graphql<{
    refundCreate: { refund: { id: string } | null; userErrors: { message: string }[] } | null;
  }>(SHIPPING_REFUND_MUTATION, {
    input: {
      orderId: pending.orderId,
      note: "Shipping refunded by the shopper's choice in Shopdesk chat (late or failed delivery)",
      notify: true,
      currency: pending.currency,
      shipping: { fullRefund: true },
      transactions: [{ orderId: pending.orderId, parentId: sale.id, amount: pending.amount, gateway: sale.gateway, kind: "REFUND" }],
    },
  });
  if (!data.refundCreate?.refund || data.refundCreate.userErrors.length) return failed();
  return {
    ...say(ctx.tr("parcel.refundShippingDone", { orderName: pending.orderName, amount: pending.display })),
    outcome: { kind: "refund", orderId: pending.orderId, amount: Number(pending.amount), currency: pending.currency, reason: "shipping" },
  };
}

/** Carries out a confirmed action. Any refusal by Shopify is reported honestly and handed to a person. */
export async function executePending(ctx: SkillContext, pending: PendingAction): Promise<SkillResult> {
  const orderName = pending.orderName;
  const failed = (): SkillResult => ({ ...say(ctx.tr("handoff.failedAction")), handoff: "failed_action" });
  if (pending.kind === "refund_shipping") return refundShipping(ctx, pending);
  if (pending.kind === "cancel") {
    const data = await ctx.graphql<{
      orderCancel: { orderCancelUserErrors: { message: string }[] } | null;
    }>(ORDER_CANCEL_MUTATION, { orderId: pending.orderId });
    if (!data.orderCancel || data.orderCancel.orderCancelUserErrors.length) return failed();
    return {
      ...say(ctx.tr("cancel.done", { orderName, total: pending.total })),
      outcome: { kind: "cancel", orderId: pending.orderId },
    };
  }
  if (pending.kind === "address") {
    const a = pending.address;
    const data = await ctx.graphql<{ orderUpdate: { userErrors: { message: string }[] } | null }>(ORDER_ADDRESS_MUTATION, {
      input: {
        id: pending.orderId,
        shippingAddress: {
          address1: a.address1,
          address2: a.address2,
          city: a.city,
          zip: a.zip,
          countryCode: a.countryCode,
          provinceCode: a.provinceCode,
        },
      },
    });
    if (!data.orderUpdate || data.orderUpdate.userErrors.length) return failed();
    return {
      ...say(ctx.tr("address.done", { orderName, address: formatAddress(a) })),
      outcome: { kind: "address_change", orderId: pending.orderId },
    };
  }
  const data = await ctx.graphql<{
    returnRequest: { return: { name: string } | null; userErrors: { message: string }[] } | null;
  }>(RETURN_REQUEST_MUTATION, {
    input: {
      orderId: pending.orderId,
      returnLineItems: pending.lineItems.map((li) => ({
        fulfillmentLineItemId: li.fulfillmentLineItemId,
        quantity: li.quantity,
        // The deprecated enum (not returnReasonDefinitionId): the chat's reasons map onto it one to one, and a
        // definition id would cost a lookup per shop (returnReasonDefinitions); moving over is still to do.
        returnReason: pending.reason ?? "OTHER",
        customerNote: pending.note ? `Shopdesk chat: ${pending.note}` : "Requested through Shopdesk chat",
      })),
    },
  });
  const created = data.returnRequest?.return;
  if (!created || data.returnRequest!.userErrors.length) return failed();
  return {
    ...say(ctx.tr("return.done", { returnName: created.name })),
    outcome: { kind: "return", orderId: pending.orderId, reason: pending.reason ?? "OTHER" },
  };
}

/** What the bot says when the shopper answers no. */
export function declinePending(ctx: SkillContext, pending: PendingAction): SkillResult {
  const key =
    pending.kind === "cancel"
      ? "cancel.kept"
      : pending.kind === "address"
        ? "address.kept"
        : pending.kind === "refund_shipping"
          ? "parcel.refundShippingKept"
          : "return.kept";
  return say(ctx.tr(key, { orderName: pending.orderName }));
}

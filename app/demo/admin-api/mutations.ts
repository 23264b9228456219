import { COUNTRIES } from "../data/customers";
import { cents } from "../data/money";
import type {
  DemoAddress,
  DemoOrder,
  DemoReturn,
  DemoReturnReason,
} from "../shop-data";
import { validateAdminDocument } from "../../shopify/schema.server";
import { transactionsOf } from "./objects";
import {
  amount,
  bagFor,
  fulfilledQuantity,
  nowIso,
  quantityInReturns,
  refundedQuantity,
  totalRefunded,
  typeOfId,
  type StandInContext,
  type TypeResolvers,
} from "./context";

// The mutations the bot and the backfill use, with the effects and the userErrors Shopify gives for them.

type UserError = { field: string[] | null; message: string; code?: string };

let seq = 0;
const nextId = (type: string) =>
  `gid://shopify/${type}/${990_000_000_000 + ++seq}`;

function findOrder(ctx: StandInContext, id: string): DemoOrder | null {
  if (typeOfId(id) !== "Order") return null;
  return (ctx.index.byId.get(id) as DemoOrder | undefined) ?? null;
}

function refundWholeOrder(
  ctx: StandInContext,
  order: DemoOrder,
  note: string,
  restock: boolean
): void {
  const taxRate = amount(order.subtotalPriceSet)
    ? amount(order.totalTaxSet) / amount(order.subtotalPriceSet)
    : 0;
  const lines = order.lineItems
    .map((li) => ({ li, qty: li.quantity - refundedQuantity(order, li.id) }))
    .filter((x) => x.qty > 0)
    .map(({ li, qty }) => {
      const unit = amount(li.originalUnitPriceSet);
      return {
        id: nextId("RefundLineItem"),
        lineItemId: li.id,
        quantity: qty,
        restockType: (restock ? "CANCEL" : "NO_RESTOCK") as
          | "CANCEL"
          | "NO_RESTOCK",
        restocked: restock,
        priceSet: bagFor(order, unit),
        subtotalSet: bagFor(order, unit * qty),
        totalTaxSet: bagFor(order, unit * qty * taxRate),
      };
    });
  const remaining = cents(amount(order.totalPriceSet) - totalRefunded(order));
  if (remaining <= 0) return;
  const at = nowIso(ctx);
  order.refunds.push({
    id: nextId("Refund"),
    createdAt: at,
    processedAt: at,
    updatedAt: at,
    note,
    totalRefundedSet: bagFor(order, remaining),
    refundLineItems: lines,
    returnId: null,
  });
}

function orderCancel(
  _root: unknown,
  args: {
    orderId: string;
    reason: DemoOrder["cancelReason"];
    refund?: boolean | null;
    restock: boolean;
    staffNote?: string | null;
  },
  ctx: StandInContext
) {
  const fail = (code: string, message: string) => {
    const errors = [{ field: ["orderId"], message, code }];
    return {
      job: null,
      jobResult: null,
      orderCancelUserErrors: errors,
      userErrors: errors,
    };
  };
  const order = findOrder(ctx, args.orderId);
  if (!order) return fail("NOT_FOUND", "Order does not exist");
  if (order.cancelledAt)
    return fail("INVALID", "Order has already been cancelled");
  if (order.lineItems.some((li) => fulfilledQuantity(order, li.id) > 0)) {
    return fail(
      "INVALID",
      "Cannot cancel an order that has fulfillments. Cancel the fulfillments first."
    );
  }
  const at = nowIso(ctx);
  order.cancelledAt = at;
  order.cancelReason = args.reason;
  order.cancellationStaffNote = args.staffNote ?? null;
  order.closed = true;
  order.closedAt = at;
  order.updatedAt = at;
  if (args.restock) {
    for (const li of order.lineItems) {
      const v = li.variantId ? ctx.index.variant.get(li.variantId) : undefined;
      if (v)
        v.inventoryQuantity += li.quantity - refundedQuantity(order, li.id);
    }
  }
  if (
    order.displayFinancialStatus === "PENDING" ||
    order.displayFinancialStatus === "AUTHORIZED"
  ) {
    // Nothing was captured, so there is nothing to refund: the payment is voided.
    order.displayFinancialStatus = "VOIDED";
  } else if (
    args.refund !== false &&
    ["PAID", "PARTIALLY_REFUNDED", "PARTIALLY_PAID"].includes(
      order.displayFinancialStatus
    )
  ) {
    refundWholeOrder(ctx, order, "Order cancelled", args.restock);
    order.displayFinancialStatus = "REFUNDED";
  }
  const job = { id: nextId("Job"), done: true, query: {} };
  return { job, jobResult: null, orderCancelUserErrors: [], userErrors: [] };
}

type AddressInput = Partial<
  Omit<DemoAddress, "id" | "name" | "countryCodeV2">
> & { countryCode?: string };

function orderUpdate(
  _root: unknown,
  {
    input,
  }: {
    input: {
      id: string;
      shippingAddress?: AddressInput;
      email?: string;
      note?: string;
      phone?: string;
      tags?: string[];
    };
  },
  ctx: StandInContext
) {
  const order = findOrder(ctx, input.id);
  if (!order)
    return {
      order: null,
      userErrors: [{ field: ["id"], message: "Order does not exist" }],
    };
  const errors: UserError[] = [];
  if (input.shippingAddress) {
    const { countryCode, ...rest } = input.shippingAddress;
    const country = countryCode ? COUNTRIES[countryCode] : undefined;
    if (countryCode && !country) {
      errors.push({
        field: ["shippingAddress", "countryCode"],
        message: "Country is not supported",
      });
    }
    const base =
      order.shippingAddress ??
      ({ id: nextId("MailingAddress") } as DemoAddress);
    const next: DemoAddress = {
      ...base,
      ...Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined)
      ),
      ...(country
        ? { country: country.name, countryCodeV2: country.code }
        : {}),
    } as DemoAddress;
    next.name = [next.firstName, next.lastName].filter(Boolean).join(" ");
    for (const field of ["address1", "city", "country"] as const) {
      if (!next[field])
        errors.push({
          field: ["shippingAddress", field],
          message: `${field[0].toUpperCase()}${field.slice(1)} can't be blank`,
        });
    }
    if (errors.length === 0) order.shippingAddress = next;
  }
  if (errors.length) return { order: null, userErrors: errors };
  if (input.email !== undefined) order.email = input.email;
  if (input.note !== undefined) order.note = input.note;
  if (input.phone !== undefined) order.phone = input.phone;
  if (input.tags !== undefined) order.tags = input.tags;
  order.updatedAt = nowIso(ctx);
  return { order, userErrors: [] };
}

type ReturnLineInput = {
  fulfillmentLineItemId: string;
  quantity: number;
  returnReason?: DemoReturnReason | null;
  returnReasonNote?: string | null;
  customerNote?: string | null;
};

function createReturn(
  ctx: StandInContext,
  orderId: string,
  lines: ReturnLineInput[],
  root: string,
  status: "REQUESTED" | "OPEN"
) {
  const order = findOrder(ctx, orderId);
  if (!order)
    return {
      return: null,
      userErrors: [
        {
          field: [root, "orderId"],
          message: "Order does not exist.",
          code: "NOT_FOUND",
        },
      ],
    };
  const errors: UserError[] = [];
  if (lines.length === 0)
    errors.push({
      field: [root, "returnLineItems"],
      message: "Return line items can't be blank.",
      code: "BLANK",
    });
  const wanted = new Map<string, number>();
  lines.forEach((line, i) => {
    const field = [root, "returnLineItems", String(i)];
    const found = ctx.index.fulfillmentLineItem.get(line.fulfillmentLineItemId);
    if (!found || ctx.index.orderOf.get(line.fulfillmentLineItemId) !== order) {
      errors.push({
        field: [...field, "fulfillmentLineItemId"],
        message: "Fulfillment line item does not exist.",
        code: "NOT_FOUND",
      });
      return;
    }
    if (line.quantity <= 0) {
      errors.push({
        field: [...field, "quantity"],
        message: "Quantity must be greater than 0.",
        code: "GREATER_THAN",
      });
      return;
    }
    const total = (wanted.get(line.fulfillmentLineItemId) ?? 0) + line.quantity;
    wanted.set(line.fulfillmentLineItemId, total);
    if (total > found.fli.quantity - quantityInReturns(order, found.fli.id)) {
      errors.push({
        field: [...field, "quantity"],
        message: "Quantity is not available for return.",
        code: "INVALID",
      });
    }
  });
  if (errors.length) return { return: null, userErrors: errors };
  const at = nowIso(ctx);
  const ret: DemoReturn = {
    id: nextId("Return"),
    name: `${order.name}-R${order.returns.length + 1}`,
    status,
    createdAt: at,
    requestApprovedAt: status === "OPEN" ? at : null,
    closedAt: null,
    returnLineItems: lines.map((line) => ({
      id: nextId("ReturnLineItem"),
      fulfillmentLineItemId: line.fulfillmentLineItemId,
      quantity: line.quantity,
      processedQuantity: 0,
      refundedQuantity: 0,
      returnReason: line.returnReason ?? "UNKNOWN",
      returnReasonNote: line.returnReasonNote ?? "",
      customerNote: line.customerNote ?? null,
    })),
  };
  order.returns.push(ret);
  order.returnStatus = order.returns.some((r) => r.status === "OPEN")
    ? "IN_PROGRESS"
    : "RETURN_REQUESTED";
  order.updatedAt = at;
  // The new return must be reachable by id (node, return) in this same request, e.g. from the payload.
  ctx.index.byId.set(ret.id, ret);
  ctx.index.orderOf.set(ret.id, order);
  for (const rli of ret.returnLineItems) {
    ctx.index.byId.set(rli.id, rli);
    ctx.index.orderOf.set(rli.id, order);
  }
  return { return: ret, userErrors: [] };
}

function setReturnStatus(
  ctx: StandInContext,
  id: string,
  from: DemoReturn["status"],
  to: DemoReturn["status"]
) {
  const ret =
    typeOfId(id) === "Return"
      ? (ctx.index.byId.get(id) as DemoReturn | undefined)
      : undefined;
  if (!ret)
    return {
      return: null,
      userErrors: [
        {
          field: ["input", "id"],
          message: "Return does not exist.",
          code: "NOT_FOUND",
        },
      ],
    };
  if (ret.status !== from) {
    return {
      return: null,
      userErrors: [
        {
          field: ["input", "id"],
          message: `Return is not in the ${from.toLowerCase()} state.`,
          code: "INVALID_STATE",
        },
      ],
    };
  }
  ret.status = to;
  const order = ctx.index.orderOf.get(ret.id)!;
  if (to === "OPEN") {
    ret.requestApprovedAt = nowIso(ctx);
    order.returnStatus = "IN_PROGRESS";
  } else if (
    !order.returns.some((r) => r.status === "REQUESTED" || r.status === "OPEN")
  ) {
    order.returnStatus = "NO_RETURN";
  }
  order.updatedAt = nowIso(ctx);
  return { return: ret, userErrors: [] };
}

async function bulkOperationRunQuery(
  _root: unknown,
  args: { query: string },
  ctx: StandInContext
) {
  if (
    ctx.data.bulkOperations.some(
      (b) =>
        b.type === "QUERY" && (b.status === "CREATED" || b.status === "RUNNING")
    )
  ) {
    return {
      bulkOperation: null,
      userErrors: [
        {
          field: null,
          message:
            "A bulk query operation for this app and shop is already in progress.",
          code: "OPERATION_IN_PROGRESS",
        },
      ],
    };
  }
  const problems = validateAdminDocument(args.query);
  if (problems.length) {
    return {
      bulkOperation: null,
      userErrors: [
        {
          field: ["query"],
          message: `Invalid bulk query: ${problems[0].message}`,
          code: "INVALID",
        },
      ],
    };
  }
  return { bulkOperation: await ctx.runBulk(args.query), userErrors: [] };
}

interface RefundCreateInput {
  orderId: string;
  note?: string | null;
  notify?: boolean | null;
  currency?: string | null;
  shipping?: { fullRefund?: boolean | null; amount?: string | null } | null;
  refundLineItems?: unknown[] | null;
  transactions?: { orderId: string; parentId?: string | null; amount: string; gateway: string; kind: string }[] | null;
}

/**
 * refundCreate as far as the chat uses it: money back to the original payment (a REFUND child of the order's sale),
 * optionally the shipping. Shopify refuses more than was paid, a parent that is not the order's, and shipping
 * refunded twice.
 */
function refundCreate(_root: unknown, { input }: { input: RefundCreateInput }, ctx: StandInContext) {
  const fail = (field: string[], message: string) => ({ order: null, refund: null, userErrors: [{ field, message }] });
  const order = findOrder(ctx, input.orderId);
  if (!order) return fail(["orderId"], "Order does not exist");
  if (input.refundLineItems?.length) return fail(["refundLineItems"], "The stand-in refunds money and shipping only");
  const sale = transactionsOf(order).find((t) => t.kind === "SALE");
  const transactions = input.transactions ?? [];
  for (const [i, t] of transactions.entries()) {
    if (t.kind !== "REFUND") return fail(["transactions", String(i), "kind"], "Transaction kind must be REFUND");
    if (!sale || t.parentId !== sale.id) return fail(["transactions", String(i), "parentId"], "Parent transaction is not a sale of this order");
    if (t.orderId !== order.id) return fail(["transactions", String(i), "orderId"], "Transaction belongs to another order");
  }
  // Transactions are in the currency the shopper paid in; the demo's sums are kept in the shop's.
  const money = cents(transactions.reduce((sum, t) => sum + Number(t.amount), 0) / order.exchangeRate);
  const refundable = cents(amount(order.totalPriceSet) - totalRefunded(order));
  if (money <= 0) return fail(["transactions"], "Refund amount must be greater than 0");
  if (money > refundable) return fail(["transactions", "0", "amount"], `Refund amount exceeds the refundable amount of ${refundable.toFixed(2)}`);
  let shippingRefunded = 0;
  if (input.shipping?.fullRefund || input.shipping?.amount) {
    const already = order.refunds.reduce((sum, r) => sum + (r.shippingRefunded ?? 0), 0);
    const left = cents(amount(order.totalShippingPriceSet) - already);
    shippingRefunded = input.shipping.fullRefund ? left : cents(Number(input.shipping.amount) / order.exchangeRate);
    if (shippingRefunded <= 0 || shippingRefunded > left) return fail(["shipping"], "Shipping has already been refunded");
  }
  const at = nowIso(ctx);
  const refund = {
    id: nextId("Refund"),
    createdAt: at,
    processedAt: at,
    updatedAt: at,
    note: input.note ?? null,
    totalRefundedSet: bagFor(order, money),
    refundLineItems: [],
    returnId: null,
    shippingRefunded,
  };
  order.refunds.push(refund);
  order.displayFinancialStatus = totalRefunded(order) >= amount(order.totalPriceSet) ? "REFUNDED" : "PARTIALLY_REFUNDED";
  order.updatedAt = at;
  // The index is rebuilt per request; this one's payload may still ask for refund.order.
  ctx.index.byId.set(refund.id, refund);
  ctx.index.orderOf.set(refund.id, order);
  return { order, refund, userErrors: [] };
}

export const mutationResolvers: TypeResolvers = {
  Mutation: {
    orderCancel,
    refundCreate,
    orderUpdate,
    returnRequest: (
      _r,
      {
        input,
      }: { input: { orderId: string; returnLineItems: ReturnLineInput[] } },
      ctx
    ) =>
      createReturn(
        ctx,
        input.orderId,
        input.returnLineItems,
        "input",
        "REQUESTED"
      ),
    returnCreate: (
      _r,
      {
        returnInput,
      }: {
        returnInput: { orderId: string; returnLineItems: ReturnLineInput[] };
      },
      ctx
    ) =>
      createReturn(
        ctx,
        returnInput.orderId,
        returnInput.returnLineItems,
        "returnInput",
        "OPEN"
      ),
    returnApproveRequest: (_r, { input }: { input: { id: string } }, ctx) =>
      setReturnStatus(ctx, input.id, "REQUESTED", "OPEN"),
    returnDeclineRequest: (_r, { input }: { input: { id: string } }, ctx) =>
      setReturnStatus(ctx, input.id, "REQUESTED", "DECLINED"),
    bulkOperationRunQuery,
  },
};

import type { GraphQLResolveInfo } from "graphql";
import { cents, moneyBag } from "../data/money";
import { isoSeconds } from "../data/time";
import type {
  DemoCustomer,
  DemoFulfillment,
  DemoFulfillmentLineItem,
  DemoLineItem,
  DemoOrder,
  DemoProduct,
  DemoRefund,
  DemoReturn,
  DemoReturnLineItem,
  DemoShop,
  DemoVariant,
  MoneyBag,
} from "../shop-data";

/** Lookups rebuilt for every request, so a mutation's effects are seen by the next query without bookkeeping. */
export type Index = {
  byId: Map<string, unknown>;
  /** Any id inside an order (line item, fulfillment, refund, return…) → that order. */
  orderOf: Map<string, DemoOrder>;
  lineItem: Map<string, DemoLineItem>;
  fulfillmentLineItem: Map<
    string,
    { fli: DemoFulfillmentLineItem; fulfillment: DemoFulfillment }
  >;
  variant: Map<string, DemoVariant>;
  product: Map<string, DemoProduct>;
  customer: Map<string, DemoCustomer>;
};

export type StandInContext = {
  data: DemoShop;
  index: Index;
  /** The stand-in's clock for mutations (real time unless a test sets one). */
  now: () => Date;
  /** Bulk operations read whole connections, so first/last are not required there. */
  bulk: boolean;
  /** Where bulk operation results are served (the msw handler answers it). */
  bulkUrl: (id: string) => string;
  runBulk: (query: string) => Promise<import("../shop-data").DemoBulkOperation>;
};

export type Resolver = (
  source: any,
  args: any,
  ctx: StandInContext,
  info: GraphQLResolveInfo
) => unknown;
export type TypeResolvers = Record<string, Record<string, Resolver>>;

export function buildIndex(data: DemoShop): Index {
  const index: Index = {
    byId: new Map(),
    orderOf: new Map(),
    lineItem: new Map(),
    fulfillmentLineItem: new Map(),
    variant: new Map(),
    product: new Map(),
    customer: new Map(),
  };
  const add = (id: string, value: unknown, order?: DemoOrder) => {
    index.byId.set(id, value);
    if (order) index.orderOf.set(id, order);
  };
  add(data.shop.id, data.shop);
  for (const p of data.shop.shopPolicies) add(p.id, p);
  for (const p of data.products) {
    add(p.id, p);
    index.product.set(p.id, p);
    for (const v of p.variants) {
      add(v.id, v);
      index.variant.set(v.id, v);
    }
  }
  for (const c of data.customers) {
    add(c.id, c);
    index.customer.set(c.id, c);
  }
  for (const o of data.orders) {
    add(o.id, o, o);
    for (const li of o.lineItems) {
      add(li.id, li, o);
      index.lineItem.set(li.id, li);
    }
    for (const f of o.fulfillments) {
      add(f.id, f, o);
      for (const e of f.events) add(e.id, e, o);
      for (const fli of f.fulfillmentLineItems) {
        add(fli.id, fli, o);
        index.fulfillmentLineItem.set(fli.id, { fli, fulfillment: f });
      }
    }
    for (const r of o.refunds) add(r.id, r, o);
    for (const r of o.returns) {
      add(r.id, r, o);
      for (const rli of r.returnLineItems) add(rli.id, rli, o);
    }
  }
  for (const b of data.bulkOperations) add(b.id, b);
  return index;
}

/** The GraphQL type a stored record belongs to, read from its GID. */
export function typeOfId(id: unknown): string | undefined {
  return typeof id === "string"
    ? /^gid:\/\/shopify\/(\w+)\//.exec(id)?.[1]
    : undefined;
}

export function orderOf(ctx: StandInContext, id: string): DemoOrder {
  const order = ctx.index.orderOf.get(id);
  if (!order) throw new Error(`stand-in: no order holds ${id}`);
  return order;
}

/** A MoneyBag in the order's currencies, at the rate fixed when the order was placed. */
export function bagFor(order: DemoOrder, shopAmount: number): MoneyBag {
  return moneyBag(
    cents(shopAmount),
    order.currencyCode,
    order.presentmentCurrencyCode,
    order.exchangeRate
  );
}

export const amount = (bag: MoneyBag | null | undefined): number =>
  bag ? Number(bag.shopMoney.amount) : 0;

export function fulfilledQuantity(
  order: DemoOrder,
  lineItemId: string
): number {
  return order.fulfillments
    .filter((f) => f.status === "SUCCESS")
    .flatMap((f) => f.fulfillmentLineItems)
    .filter((fli) => fli.lineItemId === lineItemId)
    .reduce((n, fli) => n + fli.quantity, 0);
}

export function refundedQuantity(order: DemoOrder, lineItemId: string): number {
  return order.refunds
    .flatMap((r) => r.refundLineItems)
    .filter((rli) => rli.lineItemId === lineItemId)
    .reduce((n, rli) => n + rli.quantity, 0);
}

export function totalRefunded(order: DemoOrder): number {
  return cents(
    order.refunds.reduce(
      (s, r: DemoRefund) => s + amount(r.totalRefundedSet),
      0
    )
  );
}

/** Quantity of a fulfillment line item already in a return that was not declined or cancelled. */
export function quantityInReturns(
  order: DemoOrder,
  fulfillmentLineItemId: string
): number {
  return order.returns
    .filter(
      (r: DemoReturn) => r.status !== "DECLINED" && r.status !== "CANCELED"
    )
    .flatMap((r) => r.returnLineItems)
    .filter(
      (rli: DemoReturnLineItem) =>
        rli.fulfillmentLineItemId === fulfillmentLineItemId
    )
    .reduce((n, rli) => n + rli.quantity, 0);
}

export const nowIso = (ctx: StandInContext) => isoSeconds(ctx.now().getTime());

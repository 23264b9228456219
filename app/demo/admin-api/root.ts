import { GraphQLError } from "graphql";
import type {
  DemoCustomer,
  DemoOrder,
  DemoProduct,
  DemoVariant,
} from "../shop-data";
import { connectionOf, type PageArgs } from "./connections";
import {
  quantityInReturns,
  typeOfId,
  type StandInContext,
  type TypeResolvers,
} from "./context";
import { legacyId, matches, parseSearch, type SearchFields } from "./search";

type ListArgs = PageArgs & { query?: string | null; sortKey?: string | null };

function orderFields(o: DemoOrder, ctx: StandInContext): SearchFields {
  const customer = o.customerId
    ? ctx.index.customer.get(o.customerId)
    : undefined;
  const status = o.cancelledAt ? "cancelled" : o.closed ? "closed" : "open";
  const fulfillment = {
    FULFILLED: "shipped",
    PARTIALLY_FULFILLED: "partial",
    UNFULFILLED: "unshipped",
  }[o.displayFulfillmentStatus as string];
  return {
    kinds: {
      name: "exact",
      email: "exact",
      customer_id: "exact",
      id: "number",
      status: "exact",
      financial_status: "exact",
      fulfillment_status: "exact",
      return_status: "exact",
      created_at: "date",
      updated_at: "date",
      processed_at: "date",
      tag: "exact",
      sku: "exact",
      phone: "exact",
    },
    valueOf: (field) => {
      switch (field) {
        case "name":
          // Shopify accepts `name:#1001` and `name:1001`.
          return [o.name, o.name.replace(/^#/, "")];
        case "email":
          return o.email;
        case "customer_id":
          return o.customerId ? legacyId(o.customerId) : null;
        case "id":
          return Number(legacyId(o.id));
        case "status":
          return status === "cancelled" ? ["cancelled", "closed"] : status;
        case "financial_status":
          return o.displayFinancialStatus.toLowerCase();
        case "fulfillment_status":
          return [o.displayFulfillmentStatus.toLowerCase(), fulfillment ?? ""];
        case "return_status":
          return o.returnStatus.toLowerCase();
        case "created_at":
          return o.createdAt;
        case "updated_at":
          return o.updatedAt;
        case "processed_at":
          return o.processedAt;
        case "tag":
          return o.tags;
        case "sku":
          return o.lineItems.map((li) => li.sku);
        case "phone":
          return [o.phone, o.shippingAddress?.phone];
        default:
          return null;
      }
    },
    text: [o.name, o.email, customer?.displayName, o.shippingAddress?.name]
      .filter(Boolean)
      .join(" "),
  };
}

function customerFields(c: DemoCustomer): SearchFields {
  const digits = (s: string | null) => (s ? s.replace(/\D/g, "") : null);
  return {
    kinds: {
      email: "exact",
      phone: "exact",
      first_name: "exact",
      last_name: "exact",
      country: "exact",
      id: "number",
      tag: "exact",
      updated_at: "date",
      created_at: "date",
    },
    valueOf: (field) => {
      switch (field) {
        case "email":
          return c.email;
        case "phone":
          // Shopify matches a phone with or without the leading + and formatting.
          return c.phone ? [c.phone, digits(c.phone)] : null;
        case "first_name":
          return c.firstName;
        case "last_name":
          return c.lastName;
        case "country":
          return [c.defaultAddress.country, c.defaultAddress.countryCodeV2];
        case "id":
          return Number(legacyId(c.id));
        case "tag":
          return c.tags;
        case "updated_at":
          return c.updatedAt;
        case "created_at":
          return c.createdAt;
        default:
          return null;
      }
    },
    text: [c.displayName, c.email, c.phone].filter(Boolean).join(" "),
  };
}

function productFields(p: DemoProduct): SearchFields {
  return {
    kinds: {
      title: "text",
      handle: "exact",
      sku: "exact",
      product_type: "exact",
      vendor: "exact",
      tag: "exact",
      status: "exact",
      id: "number",
      updated_at: "date",
      created_at: "date",
    },
    valueOf: (field) => {
      switch (field) {
        case "title":
          return p.title;
        case "handle":
          return p.handle;
        case "sku":
          return p.variants.map((v) => v.sku);
        case "product_type":
          return p.productType;
        case "vendor":
          return p.vendor;
        case "tag":
          return p.tags;
        case "status":
          return p.status.toLowerCase();
        case "id":
          return Number(legacyId(p.id));
        case "updated_at":
          return p.updatedAt;
        case "created_at":
          return p.createdAt;
        default:
          return null;
      }
    },
    text: [p.title, p.productType, p.vendor, ...p.tags].join(" "),
  };
}

const SORTS: Record<string, (r: any) => string | number> = {
  ID: (r) => Number(legacyId(r.id)),
  CREATED_AT: (r) => r.createdAt,
  UPDATED_AT: (r) => r.updatedAt,
  PROCESSED_AT: (r) => r.processedAt,
  ORDER_NUMBER: (r) => r.number,
  TITLE: (r) => r.title,
  NAME: (r) => r.displayName ?? r.name,
  TOTAL_PRICE: (r) => Number(r.totalPriceSet?.shopMoney.amount ?? 0),
  CUSTOMER_NAME: (r) => r.shippingAddress?.name ?? "",
  PRODUCT_TYPE: (r) => r.productType,
  INVENTORY_TOTAL: (r) =>
    r.variants?.reduce(
      (n: number, v: DemoVariant) => n + v.inventoryQuantity,
      0
    ) ?? 0,
  SKU: (r) => r.sku,
  POSITION: (r) => r.position,
};

function list<T>(
  ctx: StandInContext,
  all: T[],
  args: ListArgs,
  fields: (r: T) => SearchFields,
  defaultSort = "ID"
) {
  const query = parseSearch(args.query);
  const key = SORTS[args.sortKey ?? defaultSort] ?? SORTS.ID;
  const filtered = all
    .filter((r) => matches(query, fields(r)))
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  return connectionOf(filtered, args, { unbounded: ctx.bulk });
}

export function customerOrders(
  ctx: StandInContext,
  c: DemoCustomer,
  args: ListArgs
) {
  return list(
    ctx,
    ctx.data.orders.filter((o) => o.customerId === c.id),
    args,
    (o) => orderFields(o, ctx)
  );
}

/** Ids are looked up by type, so `order(id:)` with a product id answers null like Shopify. */
function byIdOfType(ctx: StandInContext, id: string, type: string): unknown {
  return typeOfId(id) === type ? ctx.index.byId.get(id) ?? null : null;
}

/** What Shopify's returnableFulfillments gives: delivered-or-shipped fulfillments with quantities left to return. */
export function returnableFulfillments(ctx: StandInContext, order: DemoOrder) {
  return order.fulfillments
    .filter((f) => f.status === "SUCCESS")
    .map((f) => ({
      id: f.id.replace("/Fulfillment/", "/ReturnableFulfillment/"),
      fulfillment: f,
      returnableFulfillmentLineItems: f.fulfillmentLineItems
        .map((fli) => ({
          fulfillmentLineItem: fli,
          quantity: fli.quantity - quantityInReturns(order, fli.id),
        }))
        .filter((x) => x.quantity > 0),
    }))
    .filter((rf) => rf.returnableFulfillmentLineItems.length > 0);
}

function assertGid(id: string): void {
  if (!/^gid:\/\/shopify\/\w+\/\d+/.test(id))
    throw new GraphQLError(`Invalid global id '${id}'`, {
      extensions: { code: "argumentLiteralsIncompatible" },
    });
}

export const rootResolvers: TypeResolvers = {
  QueryRoot: {
    shop: (_s, _a, ctx) => ctx.data.shop,
    shopLocales: (_s, args: { published?: boolean }, ctx) =>
      // `published: false` (the default) means "all locales", not "unpublished ones".
      ctx.data.shop.shopLocales.filter((l) => !args.published || l.published),
    node: (_s, { id }: { id: string }, ctx) => {
      assertGid(id);
      return ctx.index.byId.get(id) ?? null;
    },
    nodes: (_s, { ids }: { ids: string[] }, ctx) =>
      ids.map((id) => (assertGid(id), ctx.index.byId.get(id) ?? null)),
    order: (_s, { id }: { id: string }, ctx) => (
      assertGid(id), byIdOfType(ctx, id, "Order")
    ),
    orders: (_s, args: ListArgs, ctx) =>
      list(ctx, ctx.data.orders, args, (o) => orderFields(o, ctx)),
    ordersCount: (_s, args: { query?: string; limit?: number }, ctx) => {
      const query = parseSearch(args.query);
      const n = ctx.data.orders.filter((o) =>
        matches(query, orderFields(o, ctx))
      ).length;
      const limit = args.limit ?? 10_000;
      return {
        count: Math.min(n, limit),
        precision: n > limit ? "AT_LEAST" : "EXACT",
      };
    },
    customer: (_s, { id }: { id: string }, ctx) => (
      assertGid(id), byIdOfType(ctx, id, "Customer")
    ),
    customers: (_s, args: ListArgs, ctx) =>
      list(ctx, ctx.data.customers, args, customerFields),
    product: (_s, { id }: { id: string }, ctx) => (
      assertGid(id), byIdOfType(ctx, id, "Product")
    ),
    products: (_s, args: ListArgs, ctx) =>
      list(ctx, ctx.data.products, args, productFields),
    productVariant: (_s, { id }: { id: string }, ctx) => (
      assertGid(id), byIdOfType(ctx, id, "ProductVariant")
    ),
    productVariants: (_s, args: ListArgs, ctx) =>
      list(
        ctx,
        ctx.data.products.flatMap((p) => p.variants),
        args,
        (v) => {
          const p = ctx.index.product.get(v.productId)!;
          const base = productFields(p);
          return {
            ...base,
            valueOf: (f) =>
              f === "sku"
                ? v.sku
                : f === "id"
                ? Number(legacyId(v.id))
                : base.valueOf(f),
          };
        }
      ),
    fulfillment: (_s, { id }: { id: string }, ctx) => (
      assertGid(id), byIdOfType(ctx, id, "Fulfillment")
    ),
    refund: (_s, { id }: { id: string }, ctx) => (
      assertGid(id), byIdOfType(ctx, id, "Refund")
    ),
    return: (_s, { id }: { id: string }, ctx) => (
      assertGid(id), byIdOfType(ctx, id, "Return")
    ),
    returnableFulfillments: (_s, args: PageArgs & { orderId: string }, ctx) => {
      assertGid(args.orderId);
      const order = byIdOfType(ctx, args.orderId, "Order") as DemoOrder | null;
      if (!order)
        throw new GraphQLError("Order does not exist.", {
          extensions: { code: "NOT_FOUND" },
        });
      return connectionOf(returnableFulfillments(ctx, order), args, {
        unbounded: ctx.bulk,
      });
    },
    returnableFulfillment: (_s, { id }: { id: string }, ctx) => {
      assertGid(id);
      const f = ctx.index.byId.get(
        id.replace("/ReturnableFulfillment/", "/Fulfillment/")
      );
      if (!f) return null;
      const order = ctx.index.orderOf.get((f as { id: string }).id)!;
      return (
        returnableFulfillments(ctx, order).find((rf) => rf.id === id) ?? null
      );
    },
    bulkOperation: (_s, { id }: { id: string }, ctx) => (
      assertGid(id), byIdOfType(ctx, id, "BulkOperation")
    ),
    currentBulkOperation: (_s, args: { type?: string }, ctx) =>
      [...ctx.data.bulkOperations]
        .reverse()
        .find((b) => b.type === (args.type ?? "QUERY")) ?? null,
  },
  ReturnableFulfillment: {
    returnableFulfillmentLineItems: (rf, args, ctx) =>
      connectionOf(rf.returnableFulfillmentLineItems, args, {
        unbounded: ctx.bulk,
      }),
  },
};

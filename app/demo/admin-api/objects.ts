import { cents } from "../data/money";
import type {
  DemoAddress,
  DemoCustomer,
  DemoFulfillment,
  DemoFulfillmentLineItem,
  DemoLineItem,
  DemoOrder,
  DemoProduct,
  DemoRefund,
  DemoRefundLineItem,
  DemoReturn,
  DemoReturnLineItem,
  DemoVariant,
} from "../shop-data";
import { connectionOf } from "./connections";
import {
  amount,
  bagFor,
  fulfilledQuantity,
  orderOf,
  refundedQuantity,
  totalRefunded,
  type StandInContext,
  type TypeResolvers,
} from "./context";
import { customerOrders } from "./root";

// Fields computed from the stored records. Anything not listed here is read from the record by name (see
// admin-api.ts); fields the demo does not model come back null, or as an error where the schema says non-null.

const count = (n: number) => ({ count: n, precision: "EXACT" });
const page = (ctx: StandInContext) => ({ unbounded: ctx.bulk });

function formatAddress(
  a: Omit<DemoAddress, "firstName" | "lastName" | "name"> & { name?: string },
  withName: boolean,
  withCompany: boolean
): string[] {
  const cityLine = [a.city, a.provinceCode, a.zip].filter(Boolean).join(" ");
  return [
    withName ? a.name : null,
    withCompany ? a.company : null,
    a.address1,
    a.address2,
    cityLine,
    a.country,
  ].filter((l): l is string => Boolean(l));
}

const addressFields = {
  formatted: (
    a: DemoAddress,
    args: { withName?: boolean; withCompany?: boolean }
  ) => formatAddress(a, Boolean(args.withName), args.withCompany ?? true),
  formattedArea: (a: DemoAddress) =>
    [a.city, a.province, a.country].filter(Boolean).join(", "),
  // The demo never geocodes addresses.
  coordinatesValidated: () => false,
};

function lineItemBag(ctx: StandInContext, li: DemoLineItem, qty: number) {
  return bagFor(orderOf(ctx, li.id), amount(li.originalUnitPriceSet) * qty);
}

function unfulfilled(ctx: StandInContext, li: DemoLineItem): number {
  const order = orderOf(ctx, li.id);
  if (order.cancelledAt) return 0;
  return Math.max(
    0,
    li.quantity -
      fulfilledQuantity(order, li.id) -
      refundedQuantity(order, li.id)
  );
}

function variantsOf(p: DemoProduct): DemoVariant[] {
  return p.variants;
}

function priceBounds(p: DemoProduct, pick: (v: DemoVariant) => string | null) {
  const prices = variantsOf(p)
    .map(pick)
    .filter((x): x is string => x !== null)
    .map(Number);
  if (prices.length === 0) return null;
  const m = (n: number) => ({ amount: n.toFixed(2), currencyCode: "USD" });
  return {
    minVariantPrice: m(Math.min(...prices)),
    maxVariantPrice: m(Math.max(...prices)),
  };
}

/**
 * The payments behind an order, which the demo data does not store: one sale for a paid order (none while it is
 * pending, or once voided), and one refund transaction per refund, each the child of the sale.
 */
export function transactionsOf(o: DemoOrder) {
  if (o.displayFinancialStatus === "PENDING" || o.displayFinancialStatus === "VOIDED") return [];
  const gateway = o.paymentGatewayNames[0] ?? "manual";
  const sale = {
    id: `gid://shopify/OrderTransaction/${o.id.split("/").pop()}1`,
    kind: "SALE",
    status: "SUCCESS",
    gateway,
    formattedGateway: gateway === "shopify_payments" ? "Shopify Payments" : gateway,
    amountSet: o.totalPriceSet,
    createdAt: o.processedAt ?? o.createdAt,
    processedAt: o.processedAt ?? o.createdAt,
    test: false,
    manualPaymentGateway: gateway !== "shopify_payments",
    parentTransaction: null as unknown,
    refundId: null as string | null,
  };
  const refunds = o.refunds.map((r, i) => ({
    ...sale,
    id: `gid://shopify/OrderTransaction/${o.id.split("/").pop()}${i + 2}`,
    kind: "REFUND",
    amountSet: r.totalRefundedSet,
    createdAt: r.createdAt,
    processedAt: r.processedAt,
    parentTransaction: sale,
    refundId: r.id,
  }));
  return [sale, ...refunds];
}

export const objectResolvers: TypeResolvers = {
  Shop: {
    primaryDomain: (s, _a, ctx) => ({
      id: `gid://shopify/Domain/${ctx.data.shop.id.split("/").pop()}`,
      host: s.primaryDomainHost,
      url: s.url,
      sslEnabled: true,
      localization: null,
      marketWebPresence: null,
    }),
  },
  ShopAddress: {
    formatted: (a, args: { withCompany?: boolean }) =>
      formatAddress(a, false, args.withCompany ?? true),
    formattedArea: addressFields.formattedArea,
    coordinatesValidated: addressFields.coordinatesValidated,
  },
  ShopPolicy: {
    // The demo's policies exist in English only.
    translations: () => [],
  },
  MailingAddress: addressFields,

  Order: {
    customer: (o: DemoOrder, _a, ctx) =>
      o.customerId ? ctx.index.customer.get(o.customerId) ?? null : null,
    lineItems: (o: DemoOrder, args, ctx) =>
      connectionOf(o.lineItems, args, page(ctx)),
    nonFulfillableLineItems: (o: DemoOrder, args, ctx) =>
      connectionOf(
        o.lineItems.filter(
          (li) =>
            unfulfilled(ctx, li) === 0 &&
            fulfilledQuantity(o, li.id) < li.quantity
        ),
        args,
        page(ctx)
      ),
    returns: (o: DemoOrder, args, ctx) =>
      connectionOf(o.returns, args, page(ctx)),
    shippingLines: (o: DemoOrder, args, ctx) =>
      connectionOf(o.shippingLine ? [o.shippingLine] : [], args, page(ctx)),
    fulfillmentsCount: (o: DemoOrder) => count(o.fulfillments.length),
    displayAddress: (o: DemoOrder) => o.shippingAddress ?? o.billingAddress,
    billingAddressMatchesShippingAddress: (o: DemoOrder) =>
      JSON.stringify({ ...o.billingAddress, id: null }) ===
      JSON.stringify({ ...o.shippingAddress, id: null }),
    cancellation: (o: DemoOrder) =>
      o.cancelledAt ? { staffNote: o.cancellationStaffNote } : null,
    legacyResourceId: (o: DemoOrder) => String(o.id.split("/").pop()),
    requiresShipping: (o: DemoOrder) =>
      o.lineItems.some((li) => li.requiresShipping),
    subtotalLineItemsQuantity: (o: DemoOrder) =>
      o.lineItems.reduce((n, li) => n + li.quantity, 0),
    currentSubtotalLineItemsQuantity: (o: DemoOrder) =>
      o.cancelledAt
        ? 0
        : o.lineItems.reduce(
            (n, li) => n + li.quantity - refundedQuantity(o, li.id),
            0
          ),
    totalRefundedSet: (o: DemoOrder) => bagFor(o, totalRefunded(o)),
    totalRefundedShippingSet: (o: DemoOrder) =>
      bagFor(
        o,
        o.refunds.reduce(
          (s, r) =>
            s +
            Math.max(
              0,
              amount(r.totalRefundedSet) -
                r.refundLineItems.reduce(
                  (x, l) => x + amount(l.subtotalSet) + amount(l.totalTaxSet),
                  0
                )
            ),
          0
        )
      ),
    totalReceivedSet: (o: DemoOrder) =>
      bagFor(
        o,
        o.displayFinancialStatus === "PENDING" ||
          o.displayFinancialStatus === "VOIDED"
          ? 0
          : amount(o.totalPriceSet)
      ),
    netPaymentSet: (o: DemoOrder) =>
      bagFor(
        o,
        o.displayFinancialStatus === "PENDING" ||
          o.displayFinancialStatus === "VOIDED"
          ? 0
          : amount(o.totalPriceSet) - totalRefunded(o)
      ),
    totalOutstandingSet: (o: DemoOrder) =>
      bagFor(
        o,
        o.displayFinancialStatus === "PENDING" ? amount(o.totalPriceSet) : 0
      ),
    currentTotalPriceSet: (o: DemoOrder) =>
      bagFor(
        o,
        o.cancelledAt
          ? 0
          : Math.max(0, amount(o.totalPriceSet) - totalRefunded(o))
      ),
    currentSubtotalPriceSet: (o: DemoOrder) =>
      bagFor(
        o,
        o.cancelledAt
          ? 0
          : amount(o.subtotalPriceSet) -
              o.refunds
                .flatMap((r) => r.refundLineItems)
                .reduce((s, l) => s + amount(l.subtotalSet), 0)
      ),
    currentTotalTaxSet: (o: DemoOrder) =>
      bagFor(
        o,
        o.cancelledAt
          ? 0
          : amount(o.totalTaxSet) -
              o.refunds
                .flatMap((r) => r.refundLineItems)
                .reduce((s, l) => s + amount(l.totalTaxSet), 0)
      ),
    currentShippingPriceSet: (o: DemoOrder) =>
      o.cancelledAt ? bagFor(o, 0) : o.totalShippingPriceSet,
    currentTotalDiscountsSet: (o: DemoOrder) => o.totalDiscountsSet,
    fullyPaid: (o: DemoOrder) =>
      ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"].includes(
        o.displayFinancialStatus
      ),
    unpaid: (o: DemoOrder) => o.displayFinancialStatus === "PENDING",
    refundable: (o: DemoOrder) =>
      ["PAID", "PARTIALLY_REFUNDED"].includes(o.displayFinancialStatus) &&
      totalRefunded(o) < amount(o.totalPriceSet),
    fulfillable: (o: DemoOrder, _a, ctx) =>
      !o.cancelledAt && o.lineItems.some((li) => unfulfilled(ctx, li) > 0),
    discountCodes: () => [],
    discountCode: () => null,
    transactions: (o: DemoOrder, args: { first?: number | null }) =>
      transactionsOf(o).slice(0, args.first ?? undefined),
    paymentCollectionDetails: (o: DemoOrder) => ({
      additionalPaymentCollectionUrl:
        o.displayFinancialStatus === "PENDING" ? o.paymentCollectionUrl : null,
      vaultedPaymentMethods: [],
    }),
  },

  LineItem: {
    variant: (li: DemoLineItem, _a, ctx) =>
      li.variantId ? ctx.index.variant.get(li.variantId) ?? null : null,
    product: (li: DemoLineItem, _a, ctx) =>
      li.productId ? ctx.index.product.get(li.productId) ?? null : null,
    currentQuantity: (li: DemoLineItem, _a, ctx) => {
      const o = orderOf(ctx, li.id);
      return o.cancelledAt ? 0 : li.quantity - refundedQuantity(o, li.id);
    },
    unfulfilledQuantity: (li: DemoLineItem, _a, ctx) => unfulfilled(ctx, li),
    refundableQuantity: (li: DemoLineItem, _a, ctx) =>
      li.quantity - refundedQuantity(orderOf(ctx, li.id), li.id),
    nonFulfillableQuantity: (li: DemoLineItem, _a, ctx) => {
      const o = orderOf(ctx, li.id);
      return o.cancelledAt
        ? li.quantity - fulfilledQuantity(o, li.id)
        : refundedQuantity(o, li.id);
    },
    originalTotalSet: (li: DemoLineItem, _a, ctx) =>
      lineItemBag(ctx, li, li.quantity),
    // No discounts in the demo shop, so discounted prices equal the original ones.
    discountedUnitPriceSet: (li: DemoLineItem) => li.originalUnitPriceSet,
    discountedUnitPriceAfterAllDiscountsSet: (li: DemoLineItem) =>
      li.originalUnitPriceSet,
    discountedTotalSet: (li: DemoLineItem, _a, ctx) =>
      lineItemBag(ctx, li, li.quantity),
    totalDiscountSet: (li: DemoLineItem, _a, ctx) => lineItemBag(ctx, li, 0),
    discountAllocations: () => [],
    unfulfilledOriginalTotalSet: (li: DemoLineItem, _a, ctx) =>
      lineItemBag(ctx, li, unfulfilled(ctx, li)),
    unfulfilledDiscountedTotalSet: (li: DemoLineItem, _a, ctx) =>
      lineItemBag(ctx, li, unfulfilled(ctx, li)),
    customAttributes: () => [],
  },

  Fulfillment: {
    order: (f: DemoFulfillment, _a, ctx) => orderOf(ctx, f.id),
    events: (f: DemoFulfillment, args, ctx) =>
      connectionOf(f.events, args, page(ctx)),
    fulfillmentLineItems: (f: DemoFulfillment, args, ctx) =>
      connectionOf(f.fulfillmentLineItems, args, page(ctx)),
    totalQuantity: (f: DemoFulfillment) =>
      f.fulfillmentLineItems.reduce((n, x) => n + x.quantity, 0),
    requiresShipping: () => true,
    legacyResourceId: (f: DemoFulfillment) => String(f.id.split("/").pop()),
  },
  FulfillmentLineItem: {
    lineItem: (fli: DemoFulfillmentLineItem, _a, ctx) =>
      ctx.index.lineItem.get(fli.lineItemId),
    originalTotalSet: (fli: DemoFulfillmentLineItem, _a, ctx) =>
      lineItemBag(ctx, ctx.index.lineItem.get(fli.lineItemId)!, fli.quantity),
    discountedTotalSet: (fli: DemoFulfillmentLineItem, _a, ctx) =>
      lineItemBag(ctx, ctx.index.lineItem.get(fli.lineItemId)!, fli.quantity),
  },

  Refund: {
    order: (r: DemoRefund, _a, ctx) => orderOf(ctx, r.id),
    transactions: (r: DemoRefund, args, ctx) =>
      connectionOf(
        transactionsOf(orderOf(ctx, r.id)).filter((t) => t.refundId === r.id),
        args,
        page(ctx)
      ),
    refundLineItems: (r: DemoRefund, args, ctx) =>
      connectionOf(r.refundLineItems, args, page(ctx)),
    return: (r: DemoRefund, _a, ctx) =>
      r.returnId ? ctx.index.byId.get(r.returnId) ?? null : null,
    legacyResourceId: (r: DemoRefund) => String(r.id.split("/").pop()),
    duties: () => [],
  },
  RefundLineItem: {
    lineItem: (rli: DemoRefundLineItem, _a, ctx) =>
      ctx.index.lineItem.get(rli.lineItemId),
  },

  Return: {
    order: (r: DemoReturn, _a, ctx) => orderOf(ctx, r.id),
    returnLineItems: (r: DemoReturn, args, ctx) =>
      connectionOf(r.returnLineItems, args, page(ctx)),
    totalQuantity: (r: DemoReturn) =>
      r.returnLineItems.reduce((n, x) => n + x.quantity, 0),
    refunds: (r: DemoReturn, args, ctx) =>
      connectionOf(
        orderOf(ctx, r.id).refunds.filter((x) => x.returnId === r.id),
        args,
        page(ctx)
      ),
    decline: () => null,
    // The demo does not model exchanges or return shipping fees: none exist.
    exchangeLineItems: (_r, args, ctx) => connectionOf([], args, page(ctx)),
    returnShippingFees: () => [],
  },
  ReturnLineItem: {
    fulfillmentLineItem: (rli: DemoReturnLineItem, _a, ctx) =>
      ctx.index.fulfillmentLineItem.get(rli.fulfillmentLineItemId)?.fli,
    processableQuantity: (rli: DemoReturnLineItem) =>
      rli.quantity - rli.processedQuantity,
    unprocessedQuantity: (rli: DemoReturnLineItem) =>
      rli.quantity - rli.processedQuantity,
    refundableQuantity: (rli: DemoReturnLineItem) =>
      rli.quantity - rli.refundedQuantity,
    returnReasonDefinition: () => null,
    withCodeDiscountedTotalPriceSet: (rli: DemoReturnLineItem, _a, ctx) => {
      const fli = ctx.index.fulfillmentLineItem.get(
        rli.fulfillmentLineItemId
      )!.fli;
      return lineItemBag(
        ctx,
        ctx.index.lineItem.get(fli.lineItemId)!,
        rli.quantity
      );
    },
  },

  Customer: {
    defaultEmailAddress: (c: DemoCustomer) =>
      c.email ? { emailAddress: c.email, validFormat: true } : null,
    defaultPhoneNumber: (c: DemoCustomer) =>
      c.phone ? { phoneNumber: c.phone } : null,
    orders: (c: DemoCustomer, args, ctx) => customerOrders(ctx, c, args),
    numberOfOrders: (c: DemoCustomer, _a, ctx) =>
      String(ctx.data.orders.filter((o) => o.customerId === c.id).length),
    amountSpent: (c: DemoCustomer, _a, ctx) => {
      const spent = ctx.data.orders
        .filter(
          (o) =>
            o.customerId === c.id &&
            ["PAID", "PARTIALLY_REFUNDED", "REFUNDED"].includes(
              o.displayFinancialStatus
            )
        )
        .reduce((s, o) => s + amount(o.totalPriceSet) - totalRefunded(o), 0);
      return {
        amount: cents(spent).toFixed(2),
        currencyCode: ctx.data.shop.currencyCode,
      };
    },
    lastOrder: (c: DemoCustomer, _a, ctx) =>
      ctx.data.orders
        .filter((o) => o.customerId === c.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0] ?? null,
    addressesV2: (c: DemoCustomer, args, ctx) =>
      connectionOf([c.defaultAddress], args, page(ctx)),
    legacyResourceId: (c: DemoCustomer) => String(c.id.split("/").pop()),
  },

  Product: {
    variants: (p: DemoProduct, args, ctx) =>
      connectionOf(p.variants, args, page(ctx)),
    variantsCount: (p: DemoProduct) => count(p.variants.length),
    totalInventory: (p: DemoProduct) =>
      p.variants.reduce((n, v) => n + v.inventoryQuantity, 0),
    tracksInventory: (p: DemoProduct) =>
      p.variants.some((v) => v.inventoryPolicy === "DENY"),
    hasOnlyDefaultVariant: (p: DemoProduct) =>
      p.variants.length === 1 && p.variants[0].title === "Default Title",
    hasOutOfStockVariants: (p: DemoProduct) =>
      p.variants.some(
        (v) => v.inventoryQuantity <= 0 && v.inventoryPolicy === "DENY"
      ),
    priceRangeV2: (p: DemoProduct) => priceBounds(p, (v) => v.price),
    compareAtPriceRange: (p: DemoProduct) => {
      const b = priceBounds(p, (v) => v.compareAtPrice);
      return b
        ? {
            minVariantCompareAtPrice: b.minVariantPrice,
            maxVariantCompareAtPrice: b.maxVariantPrice,
          }
        : null;
    },
    options: (p: DemoProduct, args: { first?: number }) =>
      p.options.slice(0, args.first ?? p.options.length).map((o) => ({
        ...o,
        optionValues: o.values.map((value, i) => ({
          id: `${o.id.replace("ProductOption", "ProductOptionValue")}${i + 1}`,
          name: value,
          hasVariants: p.variants.some((v) =>
            v.selectedOptions.some(
              (s) => s.name === o.name && s.value === value
            )
          ),
          swatch: null,
          linkedMetafieldValue: null,
        })),
        linkedMetafield: null,
      })),
    description: (p: DemoProduct, args: { truncateAt?: number }) =>
      args.truncateAt && p.description.length > args.truncateAt
        ? `${p.description.slice(0, args.truncateAt - 3)}...`
        : p.description,
    featuredMedia: () => null,
    legacyResourceId: (p: DemoProduct) => String(p.id.split("/").pop()),
    isGiftCard: (p: DemoProduct) => p.productType === "Gift Cards",
  },
  ProductVariant: {
    product: (v: DemoVariant, _a, ctx) => ctx.index.product.get(v.productId),
    displayName: (v: DemoVariant, _a, ctx) =>
      `${ctx.index.product.get(v.productId)!.title} - ${v.title}`,
    availableForSale: (v: DemoVariant) =>
      v.inventoryQuantity > 0 || v.inventoryPolicy === "CONTINUE",
    sellableOnlineQuantity: (v: DemoVariant) =>
      Math.max(0, v.inventoryQuantity),
    legacyResourceId: (v: DemoVariant) => String(v.id.split("/").pop()),
  },
};

// Demo shop records. Field names follow the Admin API 2026-10 schema so the stand-in's default resolver can read
// them as they are; relations are kept as ids (customerId, variantId, lineItemId) so mutations change one place.

export type CurrencyCode = "USD" | "EUR" | "CAD" | "GBP" | "AUD";

export type Money = { amount: string; currencyCode: CurrencyCode };
/** Shopify's MoneyBag: the same amount in the shop's currency and in the currency the shopper paid in. */
export type MoneyBag = { shopMoney: Money; presentmentMoney: Money };

export type DemoAddress = {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  city: string;
  province: string | null;
  provinceCode: string | null;
  country: string;
  countryCodeV2: string;
  zip: string;
  phone: string | null;
};

export type DemoShopLocale = {
  locale: string;
  name: string;
  primary: boolean;
  published: boolean;
};

export type DemoPolicyType =
  | "REFUND_POLICY"
  | "SHIPPING_POLICY"
  | "PRIVACY_POLICY"
  | "TERMS_OF_SERVICE";
export type DemoPolicy = {
  id: string;
  type: DemoPolicyType;
  title: string;
  /** HTML, as Shopify stores it. */
  body: string;
  url: string;
  createdAt: string;
  updatedAt: string;
};

export type DemoShopInfo = {
  id: string;
  name: string;
  email: string;
  contactEmail: string;
  shopOwnerName: string;
  myshopifyDomain: string;
  /** The storefront's primary domain host. */
  primaryDomainHost: string;
  url: string;
  currencyCode: CurrencyCode;
  enabledPresentmentCurrencies: CurrencyCode[];
  ianaTimezone: string;
  timezoneAbbreviation: string;
  timezoneOffset: string;
  timezoneOffsetMinutes: number;
  weightUnit: "KILOGRAMS" | "POUNDS";
  unitSystem: "IMPERIAL_SYSTEM" | "METRIC_SYSTEM";
  taxesIncluded: boolean;
  orderNumberFormatPrefix: string;
  orderNumberFormatSuffix: string;
  shipsToCountries: string[];
  shopAddress: Omit<DemoAddress, "firstName" | "lastName" | "name">;
  shopLocales: DemoShopLocale[];
  shopPolicies: DemoPolicy[];
  createdAt: string;
  updatedAt: string;
};

export type DemoProductOption = {
  id: string;
  name: string;
  position: number;
  values: string[];
};

export type DemoVariant = {
  id: string;
  productId: string;
  title: string;
  sku: string;
  barcode: string | null;
  /** Decimal string in the shop's currency, as the API's Money scalar. */
  price: string;
  compareAtPrice: string | null;
  inventoryQuantity: number;
  inventoryPolicy: "DENY" | "CONTINUE";
  position: number;
  taxable: boolean;
  selectedOptions: { name: string; value: string }[];
  createdAt: string;
  updatedAt: string;
};

export type DemoProduct = {
  id: string;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  tags: string[];
  status: "ACTIVE" | "DRAFT" | "ARCHIVED";
  description: string;
  descriptionHtml: string;
  onlineStoreUrl: string | null;
  options: DemoProductOption[];
  variants: DemoVariant[];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type DemoCustomer = {
  id: string;
  firstName: string;
  lastName: string;
  displayName: string;
  email: string;
  /** E.164 */
  phone: string | null;
  locale: string;
  note: string | null;
  tags: string[];
  verifiedEmail: boolean;
  state: "ENABLED" | "DISABLED" | "INVITED" | "DECLINED";
  taxExempt: boolean;
  defaultAddress: DemoAddress;
  createdAt: string;
  updatedAt: string;
};

export type DemoLineItem = {
  id: string;
  variantId: string | null;
  productId: string | null;
  title: string;
  variantTitle: string | null;
  name: string;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  requiresShipping: boolean;
  taxable: boolean;
  isGiftCard: boolean;
  originalUnitPriceSet: MoneyBag;
};

export type DemoFulfillmentEventStatus =
  | "LABEL_PRINTED"
  | "LABEL_PURCHASED"
  | "CONFIRMED"
  | "CARRIER_PICKED_UP"
  | "IN_TRANSIT"
  | "OUT_FOR_DELIVERY"
  | "ATTEMPTED_DELIVERY"
  | "DELAYED"
  | "DELIVERED"
  | "FAILURE"
  | "READY_FOR_PICKUP";

export type DemoFulfillmentEvent = {
  id: string;
  status: DemoFulfillmentEventStatus;
  happenedAt: string;
  createdAt: string;
  message: string | null;
  city: string | null;
  province: string | null;
  country: string | null;
  zip: string | null;
  address1: string | null;
  latitude: number | null;
  longitude: number | null;
  estimatedDeliveryAt: string | null;
};

export type DemoTrackingInfo = { company: string; number: string; url: string };

export type DemoFulfillmentLineItem = {
  id: string;
  lineItemId: string;
  quantity: number;
};

export type DemoFulfillment = {
  id: string;
  name: string;
  status: "SUCCESS" | "CANCELLED" | "ERROR" | "FAILURE" | "OPEN" | "PENDING";
  /** The latest tracking state, as the admin shows it. */
  displayStatus:
    | DemoFulfillmentEventStatus
    | "FULFILLED"
    | "CANCELED"
    | "NOT_DELIVERED";
  createdAt: string;
  updatedAt: string;
  inTransitAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
  trackingInfo: DemoTrackingInfo[];
  /** Oldest first. */
  events: DemoFulfillmentEvent[];
  fulfillmentLineItems: DemoFulfillmentLineItem[];
};

export type DemoRefundLineItem = {
  id: string;
  lineItemId: string;
  quantity: number;
  restockType: "NO_RESTOCK" | "CANCEL" | "RETURN" | "LEGACY_RESTOCK";
  restocked: boolean;
  priceSet: MoneyBag;
  subtotalSet: MoneyBag;
  totalTaxSet: MoneyBag;
};

export type DemoRefund = {
  id: string;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  note: string | null;
  totalRefundedSet: MoneyBag;
  refundLineItems: DemoRefundLineItem[];
  returnId: string | null;
  /** Shipping refunded with this refund (refundCreate's `shipping`), in the order's currency. */
  shippingRefunded?: number;
};

export type DemoReturnReason =
  | "COLOR"
  | "DEFECTIVE"
  | "NOT_AS_DESCRIBED"
  | "OTHER"
  | "SIZE_TOO_LARGE"
  | "SIZE_TOO_SMALL"
  | "STYLE"
  | "UNKNOWN"
  | "UNWANTED"
  | "WRONG_ITEM";

export type DemoReturnLineItem = {
  id: string;
  fulfillmentLineItemId: string;
  quantity: number;
  processedQuantity: number;
  refundedQuantity: number;
  returnReason: DemoReturnReason;
  returnReasonNote: string;
  customerNote: string | null;
};

export type DemoReturnStatus =
  | "REQUESTED"
  | "OPEN"
  | "CLOSED"
  | "DECLINED"
  | "CANCELED";

export type DemoReturn = {
  id: string;
  name: string;
  status: DemoReturnStatus;
  createdAt: string;
  requestApprovedAt: string | null;
  closedAt: string | null;
  returnLineItems: DemoReturnLineItem[];
};

export type DemoFinancialStatus =
  | "PENDING"
  | "AUTHORIZED"
  | "PAID"
  | "PARTIALLY_PAID"
  | "PARTIALLY_REFUNDED"
  | "REFUNDED"
  | "VOIDED"
  | "EXPIRED";

export type DemoFulfillmentStatus =
  | "UNFULFILLED"
  | "PARTIALLY_FULFILLED"
  | "FULFILLED"
  | "IN_PROGRESS"
  | "ON_HOLD"
  | "OPEN"
  | "PENDING_FULFILLMENT"
  | "RESTOCKED"
  | "SCHEDULED"
  | "REQUEST_DECLINED"
  | "FULFILLMENT_NOT_REQUIRED";

export type DemoReturnStatusSummary =
  | "NO_RETURN"
  | "RETURN_REQUESTED"
  | "IN_PROGRESS"
  | "INSPECTION_COMPLETE"
  | "RETURNED"
  | "RETURN_FAILED";

export type DemoCancelReason =
  | "CUSTOMER"
  | "DECLINED"
  | "FRAUD"
  | "INVENTORY"
  | "OTHER"
  | "STAFF";

/** What a shopper would say the order is doing; the generator's intent, kept for tests and the README. */
export type DemoOrderScenario =
  | "unpaid"
  | "paid_unfulfilled"
  | "partially_fulfilled"
  | "label_printed"
  | "in_transit"
  | "out_for_delivery"
  | "delivered"
  | "late"
  | "attempted_delivery"
  | "delivery_failed"
  | "cancelled"
  | "partially_refunded"
  | "refunded"
  | "return_requested"
  | "return_in_progress"
  | "returned";

export type DemoOrder = {
  id: string;
  name: string;
  number: number;
  scenario: DemoOrderScenario;
  email: string;
  phone: string | null;
  customerId: string | null;
  customerLocale: string;
  createdAt: string;
  processedAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: DemoCancelReason | null;
  cancellationStaffNote: string | null;
  closed: boolean;
  closedAt: string | null;
  confirmed: boolean;
  test: boolean;
  currencyCode: CurrencyCode;
  presentmentCurrencyCode: CurrencyCode;
  /** Presentment units per one unit of shop currency, fixed when the order was placed. */
  exchangeRate: number;
  displayFinancialStatus: DemoFinancialStatus;
  displayFulfillmentStatus: DemoFulfillmentStatus;
  returnStatus: DemoReturnStatusSummary;
  note: string | null;
  tags: string[];
  paymentGatewayNames: string[];
  sourceName: string;
  statusPageUrl: string;
  /** The payment link of an unpaid order (Order.paymentCollectionDetails.additionalPaymentCollectionUrl). */
  paymentCollectionUrl: string | null;
  shippingAddress: DemoAddress | null;
  billingAddress: DemoAddress | null;
  shippingLine: {
    id: string;
    title: string;
    code: string;
    source: string;
    originalPriceSet: MoneyBag;
  } | null;
  lineItems: DemoLineItem[];
  subtotalPriceSet: MoneyBag;
  totalShippingPriceSet: MoneyBag;
  totalTaxSet: MoneyBag;
  totalDiscountsSet: MoneyBag;
  totalPriceSet: MoneyBag;
  taxesIncluded: boolean;
  fulfillments: DemoFulfillment[];
  refunds: DemoRefund[];
  returns: DemoReturn[];
};

export type DemoBulkOperation = {
  id: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  type: "QUERY" | "MUTATION";
  query: string;
  createdAt: string;
  completedAt: string | null;
  objectCount: string;
  rootObjectCount: string;
  fileSize: string | null;
  url: string | null;
  errorCode: string | null;
};

export type DemoShop = {
  shop: DemoShopInfo;
  products: DemoProduct[];
  customers: DemoCustomer[];
  orders: DemoOrder[];
  bulkOperations: DemoBulkOperation[];
  /** The clock the data was built against; mutations stamp times relative to the real clock. */
  now: Date;
};

import type { AdminGraphql } from "./types";

/**
 * One round trip fetches an order's contact details (to verify the shopper) and everything the skills report.
 * The contact fields never leave this module's callers unverified: see canReveal().
 */
export const SHOPPER_ORDERS_QUERY = `#graphql
  query ShopperOrders($query: String!, $first: Int!) {
    orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        email
        phone
        customer { id }
        createdAt
        cancelledAt
        displayFinancialStatus
        displayFulfillmentStatus
        statusPageUrl
        currencyCode
        totalPriceSet { presentmentMoney { amount currencyCode } }
        totalShippingPriceSet { presentmentMoney { amount currencyCode } }
        totalRefundedShippingSet { presentmentMoney { amount } }
        paymentCollectionDetails { additionalPaymentCollectionUrl }
        shippingAddress { name address1 address2 city provinceCode zip countryCodeV2 }
        lineItems(first: 25) { nodes { id title variantTitle quantity unfulfilledQuantity } }
        fulfillments(first: 5) {
          id
          status
          displayStatus
          createdAt
          deliveredAt
          estimatedDeliveryAt
          inTransitAt
          trackingInfo { company number url }
          events(first: 1, sortKey: HAPPENED_AT, reverse: true) { nodes { status happenedAt message } }
        }
        refunds(first: 5) { id createdAt totalRefundedSet { presentmentMoney { amount currencyCode } } }
        returns(first: 5) { nodes { id name status createdAt } }
      }
    }
  }
`;

export interface ShopperOrder {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  customer: { id: string } | null;
  createdAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  statusPageUrl: string;
  currencyCode: string;
  totalPriceSet: { presentmentMoney: { amount: string; currencyCode: string } };
  totalShippingPriceSet: { presentmentMoney: { amount: string; currencyCode: string } };
  totalRefundedShippingSet: { presentmentMoney: { amount: string } };
  /** Where an unpaid order can be paid (Shopify's payment collection link), null once nothing is owed. */
  paymentCollectionDetails: { additionalPaymentCollectionUrl: string | null } | null;
  shippingAddress: {
    name: string | null;
    address1: string | null;
    address2: string | null;
    city: string | null;
    provinceCode: string | null;
    zip: string | null;
    countryCodeV2: string | null;
  } | null;
  lineItems: { nodes: { id: string; title: string; variantTitle: string | null; quantity: number; unfulfilledQuantity: number }[] };
  fulfillments: {
    id: string;
    status: string;
    displayStatus: string | null;
    createdAt: string;
    deliveredAt: string | null;
    estimatedDeliveryAt: string | null;
    inTransitAt: string | null;
    trackingInfo: { company: string | null; number: string | null; url: string | null }[];
    events: { nodes: { status: string; happenedAt: string; message: string | null }[] };
  }[];
  refunds: { id: string; createdAt: string | null; totalRefundedSet: { presentmentMoney: { amount: string; currencyCode: string } } }[];
  returns: { nodes: { id: string; name: string; status: string; createdAt: string }[] };
}

/** Shopify's search syntax needs quoting for values with spaces or symbols. */
function quote(value: string) {
  return `"${value.replace(/["\\]/g, "")}"`;
}

/** The order with that number ("#1001" or "1001"), or null. */
export async function findOrderByName(graphql: AdminGraphql, orderNumber: string): Promise<ShopperOrder | null> {
  const name = `#${orderNumber.replace(/^#/, "")}`;
  const data = await graphql<{ orders: { nodes: ShopperOrder[] } }>(SHOPPER_ORDERS_QUERY, {
    query: `name:${quote(name)}`,
    first: 1,
  });
  const order = data.orders.nodes[0];
  // Shopify's name search is loose; only an exact match counts.
  return order && order.name === name ? order : null;
}

/** The logged-in customer's most recent orders. */
export async function recentOrdersOf(graphql: AdminGraphql, customerGid: string, first = 5): Promise<ShopperOrder[]> {
  const id = customerGid.split("/").pop()!;
  const data = await graphql<{ orders: { nodes: ShopperOrder[] } }>(SHOPPER_ORDERS_QUERY, {
    query: `customer_id:${id}`,
    first,
  });
  return data.orders.nodes.filter((o) => o.customer?.id === customerGid);
}

function digits(value: string) {
  return value.replace(/\D/g, "");
}

/** True when the email or phone the shopper gave is the one on the order (phones compared on their last 9 digits). */
export function contactMatches(order: ShopperOrder, contact: { email?: string; phone?: string }): boolean {
  if (contact.email && order.email && contact.email.trim().toLowerCase() === order.email.trim().toLowerCase()) return true;
  if (contact.phone && order.phone) {
    const a = digits(contact.phone);
    const b = digits(order.phone);
    if (a.length >= 7 && b.length >= 7 && a.slice(-9) === b.slice(-9)) return true;
  }
  return false;
}

/** May this shopper see this order? Only its logged-in customer, or someone who proved the order's contact. */
export function canReveal(order: ShopperOrder, who: { customerId: string | null; verifiedOrderIds: string[] }): boolean {
  if (who.customerId && order.customer?.id === who.customerId) return true;
  return who.verifiedOrderIds.includes(order.id);
}

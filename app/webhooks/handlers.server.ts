import { eraseShop, exportCustomerData, redactCustomer } from "../compliance/compliance.server";
import { markUninstalled, updateScopes } from "../compliance/lifecycle.server";
import { noticeShipmentEvent } from "../proactive/events.server";

export type WebhookHandler = (args: { shop: string; payload: any }) => Promise<void>;

/** The work behind each subscribed topic, keyed as the library reports the topic. */
export const HANDLERS: Record<string, WebhookHandler> = {
  APP_UNINSTALLED: ({ shop }) => markUninstalled(shop),
  APP_SCOPES_UPDATE: ({ shop, payload }) => updateScopes(shop, payload?.current),
  CUSTOMERS_DATA_REQUEST: async ({ shop, payload }) => {
    await exportCustomerData(shop, customerRef(payload), payload?.data_request?.id);
  },
  CUSTOMERS_REDACT: async ({ shop, payload }) => {
    await redactCustomer(shop, customerRef(payload));
  },
  SHOP_REDACT: async ({ shop }) => {
    await eraseShop(shop);
  },
  FULFILLMENT_EVENTS_CREATE: async ({ shop, payload }) => {
    // Only the events a shopper would ask about are worth an Admin API call.
    if (!["attempted_delivery", "failure", "delayed"].includes(String(payload?.status))) return;
    await noticeShipmentEvent(shop, String(payload.order_id));
  },
};

function customerRef(payload: any) {
  const c = payload?.customer ?? {};
  return {
    customerId: c.id != null ? `gid://shopify/Customer/${c.id}` : undefined,
    email: typeof c.email === "string" && c.email ? c.email.toLowerCase() : undefined,
    phone: typeof c.phone === "string" && c.phone ? c.phone : undefined,
  };
}

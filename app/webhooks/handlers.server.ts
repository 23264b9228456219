import { eraseShop, exportCustomerData, redactCustomer } from "../compliance/compliance.server";
import { markUninstalled, updateScopes } from "../compliance/lifecycle.server";

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
};

function customerRef(payload: any) {
  const c = payload?.customer ?? {};
  return {
    customerId: c.id != null ? `gid://shopify/Customer/${c.id}` : undefined,
    email: typeof c.email === "string" && c.email ? c.email.toLowerCase() : undefined,
    phone: typeof c.phone === "string" && c.phone ? c.phone : undefined,
  };
}

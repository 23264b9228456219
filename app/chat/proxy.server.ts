import { authenticate } from "../shopify.server";
import { jsonError } from "./http.server";

export interface ProxyContext {
  shop: string;
  /** The shop's Admin API, through its offline session; null when the app has no session for the shop. */
  admin: { graphql: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response> } | null;
  /** Shopify customer GID of the logged-in shopper, from the signed logged_in_customer_id, or null. */
  customerId: string | null;
}

/**
 * Verifies Shopify's App Proxy signature and timestamp (the library refuses a bad or stale one); anything it
 * refuses is answered 401 before a single row is written.
 */
export async function authenticateProxy(request: Request): Promise<ProxyContext> {
  let context;
  try {
    context = await authenticate.public.appProxy(request);
  } catch (thrown) {
    if (thrown instanceof Response && thrown.status < 500) {
      throw jsonError(401, "invalid_signature", "This request was not signed by Shopify or has expired.");
    }
    throw thrown;
  }
  const url = new URL(request.url);
  const shop = url.searchParams.get("shop")!;
  const customer = url.searchParams.get("logged_in_customer_id");
  return {
    shop,
    admin: context.admin ? { graphql: context.admin.graphql as never } : null,
    customerId: customer && /^\d+$/.test(customer) ? `gid://shopify/Customer/${customer}` : null,
  };
}

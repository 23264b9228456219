import { createHmac } from "node:crypto";

/**
 * Signs App Proxy query parameters the way Shopify does: every parameter but `signature`, as `key=value` (repeated
 * keys joined with commas), sorted by key, concatenated without separators, HMAC-SHA256 with the app secret, hex.
 */
export function appProxySignature(
  params: URLSearchParams,
  secret: string
): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) {
    if (key === "signature") continue;
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const message = [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

export interface ProxyTarget {
  shop: string;
  secret: string;
  /** Numeric Shopify customer id of the logged-in shopper, or "" when nobody is logged in. */
  loggedInCustomerId: string;
  pathPrefix?: string;
  now?: Date;
}

/**
 * Turns the storefront's query string into the one Shopify's App Proxy sends to the app: the shopper's own
 * parameters plus shop, logged_in_customer_id, path_prefix, timestamp and the signature over all of them.
 */
export function signProxyQuery(
  original: URLSearchParams,
  target: ProxyTarget
): URLSearchParams {
  const params = new URLSearchParams();
  // A shopper cannot smuggle in the parameters Shopify sets itself.
  const reserved = new Set([
    "shop",
    "logged_in_customer_id",
    "path_prefix",
    "timestamp",
    "signature",
  ]);
  for (const [key, value] of original)
    if (!reserved.has(key)) params.append(key, value);
  params.set("shop", target.shop);
  params.set("logged_in_customer_id", target.loggedInCustomerId);
  params.set("path_prefix", target.pathPrefix ?? "/apps/shopdesk");
  params.set(
    "timestamp",
    String(Math.floor((target.now ?? new Date()).getTime() / 1000))
  );
  params.set("signature", appProxySignature(params, target.secret));
  return params;
}

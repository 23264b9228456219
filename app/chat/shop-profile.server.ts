import type { AdminGraphql } from "./types";

export const SHOP_PROFILE_QUERY = `#graphql
  query ShopProfile {
    shop {
      name
      email
      currencyCode
      ianaTimezone
      primaryDomain { url }
      shopPolicies { type title body url }
    }
  }
`;

export interface ShopProfile {
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  primaryDomain: { url: string };
  shopPolicies: { type: string; title: string; body: string; url: string }[];
}

const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; profile: ShopProfile }>();

/** The shop's name, domain and policies; cached for a few minutes so a chat turn rarely pays a round trip for it. */
export async function shopProfile(shop: string, graphql: AdminGraphql, now = Date.now()): Promise<ShopProfile> {
  const hit = cache.get(shop);
  if (hit && now - hit.at < TTL_MS) return hit.profile;
  const { shop: profile } = await graphql<{ shop: ShopProfile }>(SHOP_PROFILE_QUERY);
  cache.set(shop, { at: now, profile });
  return profile;
}

/** Forgets cached profiles (tests; a shop that changed its policies). */
export function clearShopProfiles() {
  cache.clear();
}

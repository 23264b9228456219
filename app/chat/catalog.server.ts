import type { AdminGraphql } from "./types";

export const CATALOG_QUERY = `#graphql
  query ShopCatalog($after: String) {
    products(first: 100, after: $after, query: "status:active") {
      nodes { id title handle options { name values } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export interface CatalogProduct {
  id: string;
  title: string;
  handle: string;
  options: { name: string; values: string[] }[];
}

const TTL_MS = 5 * 60_000;
const MAX_PAGES = 3;
const cache = new Map<string, { at: number; products: CatalogProduct[] }>();

/**
 * Titles and options of the shop's active products, for recognising product mentions. Cached for a few minutes:
 * stock and prices are always read live when answering.
 */
export async function shopCatalog(shop: string, graphql: AdminGraphql, now = Date.now()): Promise<CatalogProduct[]> {
  const hit = cache.get(shop);
  if (hit && now - hit.at < TTL_MS) return hit.products;
  const products: CatalogProduct[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: {
      products: { nodes: CatalogProduct[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    } = await graphql(CATALOG_QUERY, { after });
    products.push(...data.products.nodes);
    if (!data.products.pageInfo.hasNextPage) break;
    after = data.products.pageInfo.endCursor;
  }
  cache.set(shop, { at: now, products });
  return products;
}

export function clearCatalogs() {
  cache.clear();
}

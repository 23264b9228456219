import { describe, expect, it } from "vitest";
import { validateAdminDocument } from "../../app/shopify/schema.server";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../test/shopify";
import {
  AdminOrderSource,
  bulkOrdersQuery,
  parseBulkOrders,
  WAREHOUSE_BULK_POLL,
  WAREHOUSE_BULK_START,
  WAREHOUSE_ORDERS_QUERY,
  type AdminGraphql,
  type OrderPage,
} from "./orders";

const standIn = demoStandIn();
useShopifyAdmin(standIn);

async function collect(source: AdminOrderSource, since: string | null): Promise<OrderPage[]> {
  const pages: OrderPage[] = [];
  for await (const page of source.pages(standIn.shop, since)) pages.push(page);
  return pages;
}

describe("the Admin API order source", () => {
  it("sends documents that are valid for Admin API 2026-10, the bulk query included", () => {
    for (const doc of [
      WAREHOUSE_ORDERS_QUERY,
      WAREHOUSE_BULK_START,
      WAREHOUSE_BULK_POLL,
      bulkOrdersQuery(null),
      bulkOrdersQuery('updated_at:>"2026-01-01T00:00:00Z"'),
    ]) {
      expect(validateAdminDocument(doc.replace(/^\s*#graphql/, "")).map((e) => e.message)).toEqual([]);
    }
  });

  it("backfills with a bulk operation", async () => {
    const source = new AdminOrderSource(() => adminGraphqlFor(), { sleep: async () => undefined, pollMs: 0 });
    const pages = await collect(source, null);
    const orders = pages.flatMap((p) => p.orders);
    expect(source.usedBulk).toBe(true);
    expect(orders.length).toBe(standIn.data.orders.length);
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
    expect(orders.some((o) => o.product)).toBe(true);
    expect(orders.some((o) => o.countryCode)).toBe(true);
    // Nothing beyond the region of an address is kept.
    expect(Object.keys(orders[0]).filter((k) => /address|city|zip|name/i.test(k))).toEqual([]);
  });

  it("pages through orders updated after the watermark, pacing on the cost bucket", async () => {
    const sleeps: number[] = [];
    const graphql = adminGraphqlFor();
    const costs: { available: number; requested: number }[] = [];
    const spy: AdminGraphql = async (query, options) => {
      const res = await graphql(query, options);
      const body = await res.clone().json();
      const cost = body.extensions?.cost;
      if (cost) costs.push({ available: cost.throttleStatus.currentlyAvailable, requested: cost.requestedQueryCost });
      return res;
    };
    const source = new AdminOrderSource(() => spy, {
      pageSize: 10,
      bulk: "never",
      sleep: async (ms) => void sleeps.push(ms),
    });
    const sorted = [...standIn.data.orders].map((o) => o.updatedAt).sort();
    const since = sorted[Math.floor(sorted.length / 2)];
    const pages = await collect(source, since);
    const orders = pages.flatMap((p) => p.orders);
    expect(source.usedBulk).toBe(false);
    expect(pages.length).toBeGreaterThan(1);
    // The 60 s overlap may bring a few at the boundary back; upserts make that harmless.
    const expected = standIn.data.orders.filter((o) => Date.parse(o.updatedAt) > Date.parse(since) - 60_000).length;
    expect(orders.length).toBe(expected);
    expect(orders.every((o) => Date.parse(o.updatedAt) > Date.parse(since) - 60_000)).toBe(true);
    expect(costs.length).toBe(pages.length);
    // Pacing only waits when the bucket would not cover the next page.
    const needed = costs.filter((c) => c.available < c.requested).length;
    expect(sleeps.length).toBe(needed);
  });

  it("waits and retries when throttled", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const throttledOnce: AdminGraphql = async (query, options) => {
      calls++;
      if (calls === 1) {
        return Response.json({
          errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
          extensions: {
            cost: {
              requestedQueryCost: 300,
              throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 100, restoreRate: 100 },
            },
          },
        });
      }
      return adminGraphqlFor()(query, options);
    };
    const source = new AdminOrderSource(() => throttledOnce, {
      bulk: "never",
      sleep: async (ms) => void sleeps.push(ms),
    });
    const orders = (await collect(source, "2000-01-01T00:00:00Z")).flatMap((p) => p.orders);
    expect(orders.length).toBe(standIn.data.orders.length);
    expect(sleeps[0]).toBe(2000);
  });

  it("reassembles bulk JSONL (line items point at their order)", () => {
    const jsonl = [
      JSON.stringify({
        id: "gid://shopify/Order/1",
        createdAt: "2026-01-01T00:00:00Z",
        updatedAt: "2026-01-02T00:00:00Z",
        currencyCode: "USD",
        totalPriceSet: { shopMoney: { amount: "12.50" } },
      }),
      JSON.stringify({ title: "Mug", __parentId: "gid://shopify/Order/1" }),
      JSON.stringify({ title: "Spoon", __parentId: "gid://shopify/Order/1" }),
    ].join("\n");
    const page = parseBulkOrders(jsonl);
    expect(page.orders).toHaveLength(1);
    expect(page.orders[0]).toMatchObject({ id: "gid://shopify/Order/1", product: "Mug", totalPrice: 12.5 });
  });
});

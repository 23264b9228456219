import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import {
  adminGraphqlFor,
  demoStandIn,
  useShopifyAdmin,
} from "../../test/shopify";
import type { AdminStandIn } from "../demo/admin-api";
import {
  AdminApiError,
  AdminUserErrors,
  assertNoUserErrors,
  createAdminClient,
} from "./client.server";

let standIn: AdminStandIn;
const server = useShopifyAdmin(() => standIn);
beforeEach(() => {
  standIn = demoStandIn({ timeoutFaultMs: 2_000 });
});

const SHOP_NAME = `#graphql
  query ShopName { shop { name } }`;

// Recorded sleeps instead of real ones: the tests check how long the client decides to wait.
function fastClient(
  graphql = adminGraphqlFor(),
  extra: Parameters<typeof createAdminClient>[1] = {}
) {
  const waits: number[] = [];
  const client = createAdminClient(graphql, {
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });
  return { client, waits };
}

describe("Admin API client", () => {
  it("retries a 502 and then succeeds", async () => {
    standIn.injectFaults(502);
    const { client, waits } = fastClient();
    await expect(
      client.request<{ shop: { name: string } }>(SHOP_NAME)
    ).resolves.toEqual({
      shop: { name: "Northwind Outfitters" },
    });
    expect(waits).toHaveLength(1);
    expect(client.throttleStatus()).toMatchObject({
      maximumAvailable: 2000,
      restoreRate: 100,
    });
  });

  it("gives up with a clear error after bounded retries", async () => {
    standIn.injectFaults(502, 500, 503, 502);
    const { client } = fastClient();
    const error = await client.request(SHOP_NAME).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({
      kind: "server",
      attempts: 3,
      operation: "ShopName",
    });
    expect((error as Error).message).toMatch(/gave up after 3 tries/);
  });

  it("times out a request that never answers and retries it", async () => {
    standIn.injectFaults("timeout");
    const { client } = fastClient(adminGraphqlFor(), { timeoutMs: 200 });
    await expect(client.request(SHOP_NAME)).resolves.toEqual({
      shop: { name: "Northwind Outfitters" },
    });
  });

  it("waits on THROTTLED for the bucket to refill, then succeeds", async () => {
    // A stopped clock: the bucket refills only when the test says so.
    standIn = demoStandIn({ clock: () => 0 });
    standIn.bucket.set(0);
    const waits: number[] = [];
    const client = createAdminClient(adminGraphqlFor(), {
      // Refill the bucket while "waiting", as the real clock would.
      sleep: async (ms) => {
        waits.push(ms);
        standIn.bucket.set(2000);
      },
    });
    await expect(client.request(SHOP_NAME)).resolves.toEqual({
      shop: { name: "Northwind Outfitters" },
    });
    // One point missing at 100 points a second: a short wait, from the throttleStatus Shopify sent.
    expect(waits).toEqual([100]);
  });

  it("gives up with kind throttled when the bucket never refills", async () => {
    standIn = demoStandIn({ clock: () => 0 });
    standIn.bucket.set(0);
    const { client, waits } = fastClient(adminGraphqlFor(), {
      maxThrottleWaits: 2,
    });
    await expect(client.request(SHOP_NAME)).rejects.toMatchObject({
      kind: "throttled",
    });
    expect(waits).toHaveLength(2);
  });

  it("reports a bad token as an auth error without retrying", async () => {
    const { client, waits } = fastClient(
      adminGraphqlFor({ accessToken: "shpat_revoked" })
    );
    await expect(client.request(SHOP_NAME)).rejects.toMatchObject({
      kind: "auth",
      status: 401,
    });
    expect(waits).toEqual([]);
  });

  it("reports GraphQL errors without retrying", async () => {
    const { client, waits } = fastClient();
    const error = (await client
      .request("query Bad { shop { nope } }")
      .catch((e: unknown) => e)) as AdminApiError;
    expect(error.kind).toBe("graphql");
    expect(error.errors[0].extensions).toMatchObject({
      code: "undefinedField",
    });
    expect(waits).toEqual([]);
  });

  it("handles a plain fetch-style graphql function too (errors in a 200 body, 5xx as a Response)", async () => {
    let calls = 0;
    server.use(
      http.post("https://plain.test/graphql", () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json({ errors: "boom" }, { status: 500 })
          : HttpResponse.json({ data: { ok: true } });
      })
    );
    const plain = (
      query: string,
      o?: { variables?: Record<string, unknown> }
    ) =>
      fetch("https://plain.test/graphql", {
        method: "POST",
        body: JSON.stringify({ query, variables: o?.variables }),
      });
    const { client } = fastClient(plain);
    await expect(client.request("{ ok }")).resolves.toEqual({ ok: true });
  });

  it("never retries userErrors: assertNoUserErrors turns them into AdminUserErrors", async () => {
    const order = standIn.data.orders.find((o) => o.scenario === "delivered")!;
    const { client, waits } = fastClient();
    const data = await client.request<{ orderCancel: unknown }>(
      `#graphql
      mutation Cancel($id: ID!) {
        orderCancel(orderId: $id, reason: CUSTOMER, restock: true) { orderCancelUserErrors { field message code } }
      }`,
      { id: order.id }
    );
    expect(() => assertNoUserErrors(data.orderCancel)).toThrow(AdminUserErrors);
    expect(waits).toEqual([]);
    expect(assertNoUserErrors({ userErrors: [] })).toEqual({ userErrors: [] });
  });

  it("is answered 404 for an API version other than 2026-10, like Shopify", async () => {
    const res = await fetch(
      "https://shopdesk-demo.myshopify.com/admin/api/2024-01/graphql.json",
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Shopify-Access-Token": "any",
        },
        body: JSON.stringify({ query: "{ shop { name } }" }),
      }
    );
    expect(res.status).toBe(404);
  });
});

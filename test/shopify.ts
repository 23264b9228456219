// Shared test support for everything that talks to Shopify's Admin API: the stand-in behind msw, and an
// `admin.graphql` function built the way @shopify/shopify-app-remix builds it, so tests go through the real client.
// The same adapter the app uses (shopify-app-remix loads web-api): the node one would change how requests are read.
import "@shopify/shopify-api/adapters/web-api";
import {
  ApiVersion,
  HttpResponseError,
  LogSeverity,
  Session,
  shopifyApi,
} from "@shopify/shopify-api";
import type { HttpHandler } from "msw";
import { setupServer, type SetupServerApi } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  createAdminStandIn,
  DEMO_ACCESS_TOKEN,
  type AdminStandIn,
  type AdminStandInOptions,
} from "../app/demo/admin-api";
import {
  routeShopifyFetchThroughGlobal,
  shopifyAdminHandlers,
  type StandIns,
} from "../app/demo/msw";
import { createDemoShop, DEMO_SHOP_DOMAIN } from "../app/demo/shop-data";

export {
  routeShopifyFetchThroughGlobal,
  shopifyAdminHandlers,
  type StandIns,
} from "../app/demo/msw";

/** A fresh demo shop behind a fresh stand-in (each test gets its own data, so mutations never leak). */
export function demoStandIn(
  opts: AdminStandInOptions & { shop?: string; now?: Date; seed?: number } = {}
): AdminStandIn {
  const { shop, now, seed, ...standInOpts } = opts;
  return createAdminStandIn(createDemoShop({ shop, now, seed }), standInOpts);
}

/**
 * Starts an msw server for this test file that answers the Admin API from `standIns` (plus any extra handlers),
 * fails on any other outbound request, and resets per-test overrides (`server.use`) after each test.
 */
export function useShopifyAdmin(
  standIns: StandIns | (() => StandIns),
  ...extra: HttpHandler[]
): SetupServerApi {
  routeShopifyFetchThroughGlobal();
  const server = setupServer(...shopifyAdminHandlers(standIns), ...extra);
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** The `admin.graphql` signature from @shopify/shopify-app-remix, reduced to what the app uses. */
export type AdminGraphql = (
  query: string,
  options?: {
    variables?: Record<string, unknown>;
    signal?: AbortSignal;
    tries?: number;
  }
) => Promise<Response>;

/**
 * An `admin.graphql` for `shop`, built like shopify-app-remix 6 builds it: shopify-api's GraphqlClient, the
 * answer wrapped in a Response, and HTTP errors re-thrown as a Response (its handleClientError).
 */
export function adminGraphqlFor(
  opts: { shop?: string; accessToken?: string } = {}
): AdminGraphql {
  const shop = opts.shop ?? DEMO_SHOP_DOMAIN;
  const api = shopifyApi({
    apiKey: "test-api-key",
    apiSecretKey: "test-api-secret",
    hostName: "localhost:3000",
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
  const session = new Session({
    id: `offline_${shop}`,
    shop,
    state: "test",
    isOnline: false,
    accessToken: opts.accessToken ?? DEMO_ACCESS_TOKEN,
  });
  return async (query, options) => {
    const client = new api.clients.Graphql({ session });
    try {
      const res = await client.request(query, {
        variables: options?.variables,
        retries: options?.tries ? options.tries - 1 : 0,
        signal: options?.signal,
      });
      return new Response(JSON.stringify(res));
    } catch (error) {
      if (error instanceof HttpResponseError) {
        throw new Response(JSON.stringify(error.response.body), {
          status: error.response.code,
        });
      }
      throw error;
    }
  };
}

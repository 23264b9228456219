import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { http, HttpResponse, type HttpHandler } from "msw";
import {
  ADMIN_API_VERSION,
  BULK_RESULTS_ORIGIN,
  type AdminStandIn,
} from "./admin-api";

/** Shopify's Admin GraphQL endpoint: https://{shop}/admin/api/{version}/graphql.json. */
export const GRAPHQL_URL = /^https:\/\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/;

/** One stand-in for every shop, or one per myshopify domain. */
export type StandIns = AdminStandIn | Record<string, AdminStandIn>;

function standInFor(
  source: StandIns | (() => StandIns),
  shop: string
): AdminStandIn | undefined {
  // A getter lets a test swap in a fresh stand-in per test without re-registering handlers.
  const standIns = typeof source === "function" ? source() : source;
  if (typeof (standIns as AdminStandIn).execute === "function")
    return standIns as AdminStandIn;
  return (standIns as Record<string, AdminStandIn>)[shop];
}

/**
 * msw handlers that answer Shopify Admin GraphQL calls (`https://{shop}/admin/api/{version}/graphql.json`) from the
 * stand-in, and serve finished bulk operation files. Used by tests and by the demo server for its own outbound calls.
 */
export function shopifyAdminHandlers(
  standIns: StandIns | (() => StandIns)
): HttpHandler[] {
  return [
    http.post(GRAPHQL_URL, async ({ request }) => {
      const [, shop, version] = GRAPHQL_URL.exec(
        new URL(request.url).origin + new URL(request.url).pathname
      )!;
      const standIn = standInFor(standIns, shop);
      // Shopify answers an unknown shop or an unsupported version with a bare 404.
      if (!standIn || version !== ADMIN_API_VERSION) {
        return HttpResponse.json({ errors: "Not Found" }, { status: 404 });
      }
      let payload: {
        query?: unknown;
        variables?: unknown;
        operationName?: unknown;
      };
      try {
        payload = (await request.json()) as typeof payload;
      } catch {
        return HttpResponse.json(
          { errors: { query: "Required parameter missing or invalid" } },
          { status: 400 }
        );
      }
      const res = await standIn.execute({
        query: String(payload.query ?? ""),
        variables:
          (payload.variables as Record<string, unknown> | undefined) ??
          undefined,
        operationName:
          typeof payload.operationName === "string"
            ? payload.operationName
            : undefined,
        accessToken: request.headers.get("X-Shopify-Access-Token") ?? undefined,
      });
      return HttpResponse.json(res.body as Record<string, unknown>, {
        status: res.status,
        headers: res.headers,
      });
    }),
    http.get(`${BULK_RESULTS_ORIGIN}/:shop/:file`, ({ params }) => {
      const standIn = standInFor(standIns, String(params.shop));
      const body = standIn?.bulkFile(String(params.file));
      if (body === undefined)
        return new HttpResponse("Not Found", { status: 404 });
      return new HttpResponse(body, {
        headers: { "content-type": "application/jsonl" },
      });
    }),
  ];
}

/**
 * shopify-api's node adapter keeps the `fetch` that existed when it was imported, so msw (which patches
 * globalThis.fetch when it starts listening) would never see the library's calls. This makes the library look
 * the global up on every call instead; call it once before the first Admin API request (demo server, tests).
 */
export function routeShopifyFetchThroughGlobal(): void {
  setAbstractFetchFunc((input, init) => globalThis.fetch(input, init));
}

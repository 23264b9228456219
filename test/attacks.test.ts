// Forged, stale, missing and tampered signatures on every storefront (App Proxy) route and every webhook route:
// each is refused before anything is written. The routes are read from app/routes, so a new one is covered without
// editing this file.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { DEMO_API_SECRET } from "../app/env.server";
import { signProxyQuery } from "../app/demo/app-proxy";
import { DEMO_SHOP_DOMAIN } from "../app/demo/shop-data";
import { resetDatabase } from "./fixtures";
import { webhookRequest } from "./webhooks";

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

const ROUTES = path.resolve(__dirname, "../app/routes");
const files = fs.readdirSync(ROUTES).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));
const proxyRoutes = files.filter((f) => f.startsWith("proxy."));
const webhookRoutes = files.filter((f) => f.startsWith("webhooks."));
const load = (file: string) => import(path.join(ROUTES, file)) as Promise<RouteModule>;

async function call(fn: (args: ActionFunctionArgs & LoaderFunctionArgs) => unknown, request: Request): Promise<Response> {
  try {
    return (await fn({ request, params: {}, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Everything an attacker could have written: every table's row count. */
async function everything() {
  const tables = (await prisma.$queryRawUnsafe<{ name: string }[]>(
    "select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\' and name not like 'sqlite%'",
  )).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await prisma.$queryRawUnsafe<{ n: number }[]>(`select count(*) as n from "${t}"`))[0].n);
  return counts;
}

const body = JSON.stringify({ visitorId: "visitor-attacker-000001", clientMessageId: "attack-0001-abcdefgh", text: "where is order #1001", score: 1 });

/** The App Proxy request, signed as asked: right, with another secret, too old, unsigned, or with a changed param. */
function proxyRequest(route: string, method: "GET" | "POST", how: "forged" | "stale" | "unsigned" | "tampered") {
  const pathPart = "/" + route.replace(/\.tsx?$/, "").split(".").join("/");
  const base = new URLSearchParams({ visitorId: "visitor-attacker-000001", after: "0" });
  let query: URLSearchParams;
  if (how === "unsigned") {
    query = new URLSearchParams({ ...Object.fromEntries(base), shop: DEMO_SHOP_DOMAIN, timestamp: String(Math.floor(Date.now() / 1000)) });
  } else {
    query = new URLSearchParams(
      signProxyQuery(base, {
        shop: DEMO_SHOP_DOMAIN,
        secret: how === "forged" ? "not-the-app-secret" : DEMO_API_SECRET,
        loggedInCustomerId: "",
        now: how === "stale" ? new Date(Date.now() - 3_600_000) : undefined,
      }),
    );
    // A shopper posing as a logged-in customer: the signature does not cover the changed value.
    if (how === "tampered") query.set("logged_in_customer_id", "7301500000533");
  }
  return new Request(`http://localhost:3000${pathPart}?${query}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: method === "POST" ? body : undefined,
  });
}

beforeEach(resetDatabase);

describe("App Proxy routes refuse requests Shopify did not sign", () => {
  it("finds the storefront routes", () => expect(proxyRoutes.length).toBeGreaterThanOrEqual(2));

  for (const route of proxyRoutes) {
    for (const how of ["forged", "stale", "unsigned", "tampered"] as const) {
      it(`${route}: a ${how} request is refused and writes nothing`, async () => {
        const mod = await load(route);
        const before = await everything();
        for (const [method, fn] of [["GET", mod.loader], ["POST", mod.action]] as const) {
          if (!fn) continue;
          const res = await call(fn as never, proxyRequest(route, method, how));
          // 405 is a route refusing a method it does not serve at all (the rating accepts POST only).
          expect([401, 405], `${method} ${route}`).toContain(res.status);
        }
        expect(await everything()).toEqual(before);
      });
    }
  }
});

describe("webhook routes refuse what Shopify did not send", () => {
  it("finds the webhook routes", () => expect(webhookRoutes.length).toBeGreaterThanOrEqual(6));

  const topicOf = (route: string) => route.replace(/^webhooks\./, "").replace(/\.tsx?$/, "").replace(".", "/");
  for (const route of webhookRoutes) {
    it(`${route}: a wrong, missing or body-changed HMAC is refused and records nothing`, async () => {
      const mod = await load(route);
      const topic = topicOf(route);
      const payload = { shop_domain: DEMO_SHOP_DOMAIN, id: 1 };
      const before = await everything();
      const wrong = webhookRequest({ topic, shop: DEMO_SHOP_DOMAIN, payload, secret: "not-the-app-secret" });
      const missing = webhookRequest({ topic, shop: DEMO_SHOP_DOMAIN, payload });
      missing.headers.delete("X-Shopify-Hmac-Sha256");
      // Signed for one body, sent with another (an attacker editing a captured webhook).
      const signed = webhookRequest({ topic, shop: DEMO_SHOP_DOMAIN, payload });
      const tampered = new Request(signed.url, {
        method: "POST",
        headers: signed.headers,
        body: JSON.stringify({ ...payload, shop_domain: "victim.myshopify.com" }),
      });
      expect((await call(mod.action as never, wrong)).status, `${route} wrong secret`).toBe(401);
      expect((await call(mod.action as never, tampered)).status, `${route} changed body`).toBe(401);
      // No signature at all is a malformed request to Shopify's library: 400, equally refused.
      expect([400, 401], `${route} no signature`).toContain((await call(mod.action as never, missing)).status);
      expect(await everything()).toEqual(before);
    });
  }

  it("accepts the same webhook with Shopify's signature (the refusals above are about the signature)", async () => {
    const mod = await load("webhooks.app.scopes_update.tsx");
    const payload = { current: ["read_orders"] };
    const raw = JSON.stringify(payload);
    const request = webhookRequest({ topic: "app/scopes_update", shop: DEMO_SHOP_DOMAIN, payload });
    expect(request.headers.get("X-Shopify-Hmac-Sha256")).toBe(createHmac("sha256", DEMO_API_SECRET).update(raw).digest("base64"));
    const res = await call(mod.action as never, request);
    expect(res.status).toBe(200);
  });
});

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../db.server";
import { DEMO_API_SECRET } from "../env.server";
import { DEMO_ACCESS_TOKEN, type AdminStandIn } from "../demo/admin-api";
import { signProxyQuery } from "../demo/app-proxy";
import { DEMO_SHOP_DOMAIN } from "../demo/shop-data";
import { action as send, loader as poll } from "../routes/proxy.chat";
import { action as csat } from "../routes/proxy.chat.csat";
import { demoStandIn, useShopifyAdmin } from "../../test/shopify";
import { resetDatabase } from "../../test/fixtures";
import { LIMITS } from "./rate-limit.server";

const SHOP = DEMO_SHOP_DOMAIN;
let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);

/** A storefront request as Shopify's App Proxy forwards it to the app. */
function proxied(path: string, init: { method?: string; body?: unknown; query?: Record<string, string>; secret?: string; now?: Date; customer?: string } = {}) {
  const query = signProxyQuery(new URLSearchParams(init.query ?? {}), {
    shop: SHOP,
    secret: init.secret ?? DEMO_API_SECRET,
    loggedInCustomerId: init.customer ?? "",
    now: init.now,
  });
  return new Request(`http://localhost:3000/proxy${path}?${query}`, {
    method: init.method ?? (init.body ? "POST" : "GET"),
    headers: { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
}

async function call(fn: (args: ActionFunctionArgs & LoaderFunctionArgs) => unknown, request: Request) {
  try {
    return (await fn({ request, params: {}, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const visitorId = "visitor-0123456789abcdef";
const message = (text: string, clientMessageId = `c-${Math.random().toString(36).slice(2, 12)}`) => ({ visitorId, clientMessageId, text });

beforeEach(async () => {
  await resetDatabase();
  standIn = demoStandIn();
  await prisma.session.create({
    data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: DEMO_ACCESS_TOKEN },
  });
});

describe("chat API behind the App Proxy", () => {
  it("answers a signed message with the stored message and the bot's reply", async () => {
    const res = await call(send, proxied("/chat", { body: message("hi there") }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.messages.map((m: { author: string }) => m.author)).toEqual(["shopper", "bot"]);
    expect(await prisma.message.count()).toBe(2);
  });

  it("refuses a forged signature with 401 and writes nothing", async () => {
    const res = await call(send, proxied("/chat", { body: message("hi"), secret: "forged-secret" }));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("invalid_signature");
    expect(await prisma.message.count()).toBe(0);
    expect(await prisma.conversation.count()).toBe(0);
  });

  it("refuses a stale timestamp with 401 and writes nothing", async () => {
    const res = await call(send, proxied("/chat", { body: message("hi"), now: new Date(Date.now() - 10 * 60_000) }));
    expect(res.status).toBe(401);
    expect(await prisma.message.count()).toBe(0);
  });

  it("refuses a shopper-supplied logged_in_customer_id that the signature does not cover", async () => {
    const req = proxied("/chat", { body: message("where is my order") });
    const url = new URL(req.url);
    url.searchParams.set("logged_in_customer_id", "7301500000533");
    const res = await call(send, new Request(url, { method: "POST", headers: req.headers, body: JSON.stringify(message("x")) }));
    expect(res.status).toBe(401);
  });

  it("refuses an over-long message with a clear error and stores nothing", async () => {
    const res = await call(send, proxied("/chat", { body: message("x".repeat(2001)) }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("message_too_long");
    expect(body.error.message).toMatch(/2000 characters/);
    expect(await prisma.message.count()).toBe(0);
  });

  it("refuses malformed input with a message naming the field", async () => {
    const res = await call(send, proxied("/chat", { body: { visitorId: "short", clientMessageId: "abcdefgh", text: "hi" } }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/visitorId/);
    const notJson = await call(send, proxied("/chat", { body: "{not json" }));
    expect(notJson.status).toBe(400);
  });

  it("stores a retried message once and answers the retry with the same reply", async () => {
    const first = await (await call(send, proxied("/chat", { body: message("hello", "retry-0001") }))).json();
    const again = await (await call(send, proxied("/chat", { body: message("hello", "retry-0001") }))).json();
    expect(again.messages).toEqual(first.messages);
    expect(await prisma.message.count({ where: { author: "shopper" } })).toBe(1);
  });

  it("limits a flood from one visitor with 429 and Retry-After, and keeps every accepted message", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.sendPerVisitor.max + 3; i++) {
      statuses.push((await call(send, proxied("/chat", { body: message(`message ${i}`) }))).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMITS.sendPerVisitor.max);
    const limited = await call(send, proxied("/chat", { body: message("one more") }));
    expect(limited.status).toBe(429);
    expect((await limited.json()).retryAfter).toBeGreaterThan(0);
    expect(await prisma.message.count({ where: { author: "shopper" } })).toBe(LIMITS.sendPerVisitor.max);
    // Another visitor of the same shop is not affected.
    const other = await call(send, proxied("/chat", { body: { ...message("hi"), visitorId: "visitor-fedcba9876543210" } }));
    expect(other.status).toBe(200);
  });

  it("delivers an agent's reply to the widget's next poll", async () => {
    const sent = await (await call(send, proxied("/chat", { body: message("I want to talk to a person") }))).json();
    expect(sent.status).toBe("waiting");
    const last = Math.max(...sent.messages.map((m: { id: number }) => m.id));
    await prisma.message.create({
      data: { shop: SHOP, conversationId: sent.conversationId, author: "agent", text: "Hi, I'm Sam. <b>How</b> can I help?", agentName: "Sam" },
    });
    const res = await call(poll, proxied("/chat", { query: { visitorId, after: String(last) } }));
    const body = await res.json();
    expect(body.messages).toHaveLength(1);
    expect(body.messages[0]).toMatchObject({ author: "agent", agentName: "Sam", text: "Hi, I'm Sam. <b>How</b> can I help?" });
  });

  it("never shows one shop's conversation to another shop's storefront", async () => {
    await call(send, proxied("/chat", { body: message("hello") }));
    const other = await prisma.conversation.create({ data: { shop: "other-shop.myshopify.com", visitorId } });
    await prisma.message.create({ data: { shop: other.shop, conversationId: other.id, author: "agent", text: "secret of other shop" } });
    const body = await (await call(poll, proxied("/chat", { query: { visitorId, after: "0" } }))).json();
    expect(body.messages.map((m: { text: string }) => m.text)).not.toContain("secret of other shop");
  });

  it("records a 1–5 rating and refuses anything else", async () => {
    await call(send, proxied("/chat", { body: message("hello") }));
    expect((await call(csat, proxied("/chat/csat", { body: { visitorId, score: 7 } }))).status).toBe(400);
    expect((await call(csat, proxied("/chat/csat", { body: { visitorId, score: 4, comment: "quick" } }))).status).toBe(200);
    const c = await prisma.conversation.findFirstOrThrow({ where: { shop: SHOP, visitorId } });
    expect([c.csatScore, c.csatComment]).toEqual([4, "quick"]);
  });
});

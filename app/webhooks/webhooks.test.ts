import { beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../db.server";
import { action as shopRedact } from "../routes/webhooks.shop.redact";
import { action as customersRedact } from "../routes/webhooks.customers.redact";
import { action as dataRequest } from "../routes/webhooks.customers.data_request";
import { action as uninstalled } from "../routes/webhooks.app.uninstalled";
import { action as scopesUpdate } from "../routes/webhooks.app.scopes_update";
import { callAction, webhookRequest } from "../../test/webhooks";
import { resetDatabase, rowsOfShop, seedShopConversation } from "../../test/fixtures";
import { drainWebhookJobs } from "./jobs.server";

const A = "shop-a.myshopify.com";
const B = "shop-b.myshopify.com";

async function send(action: Parameters<typeof callAction>[0], req: Request) {
  const res = await callAction(action, req);
  await drainWebhookJobs();
  return res;
}

describe("webhooks", () => {
  beforeEach(resetDatabase);

  it("refuses a webhook with a bad HMAC with 401 and writes nothing", async () => {
    await seedShopConversation(A);
    const before = await rowsOfShop(A);
    const res = await send(
      shopRedact,
      webhookRequest({ topic: "shop/redact", shop: A, payload: { shop_domain: A }, secret: "not-the-secret" }),
    );
    expect(res.status).toBe(401);
    expect(await rowsOfShop(A)).toEqual(before);
    expect(await prisma.processedWebhook.count()).toBe(0);
  });

  it("shop/redact removes every row of that shop and none of another shop", async () => {
    await seedShopConversation(A);
    await seedShopConversation(B, { id: "gid://shopify/Customer/2", email: "bo@example.com" });
    const bBefore = await rowsOfShop(B);
    const res = await send(shopRedact, webhookRequest({ topic: "shop/redact", shop: A, payload: { shop_domain: A } }));
    expect(res.status).toBe(200);
    const after = await rowsOfShop(A);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(await rowsOfShop(B)).toEqual(bBefore);
    // What is left of A is the instruction for the warehouse to erase it too, naming nothing but the shop.
    expect(await prisma.privacyRedaction.findMany({ where: { shop: A }, select: { scope: true, customerId: true, emailHash: true } })).toEqual([
      { scope: "shop", customerId: null, emailHash: null },
    ]);
    expect(bBefore.conversations).toBe(1);
  });

  it("does the work of a repeated webhook id once", async () => {
    const { conversationId } = await seedShopConversation(A);
    const payload = { shop_domain: A, customer: { id: 1, email: "ana@example.com" }, data_request: { id: 9 } };
    const first = await send(dataRequest, webhookRequest({ topic: "customers/data_request", shop: A, payload, webhookId: "w-1" }));
    const again = await send(dataRequest, webhookRequest({ topic: "customers/data_request", shop: A, payload, webhookId: "w-1" }));
    expect([first.status, again.status]).toEqual([200, 200]);
    const requests = await prisma.dataRequest.findMany({ where: { shop: A } });
    expect(requests).toHaveLength(1);
    const body = JSON.parse(requests[0].payload);
    expect(body.conversations.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    expect(body.conversations[0].messages[0].text).toContain("where is order #1001");
  });

  it("customers/redact anonymises that customer's conversations and leaves other customers alone", async () => {
    await seedShopConversation(A);
    await prisma.conversation.create({
      data: { shop: A, visitorId: "other", customerEmail: "zoe@example.com", messages: { create: [{ shop: A, author: "shopper", text: "hello from zoe" }] } },
    });
    const res = await send(
      customersRedact,
      webhookRequest({ topic: "customers/redact", shop: A, payload: { shop_domain: A, customer: { id: 1, email: "ana@example.com" } } }),
    );
    expect(res.status).toBe(200);
    const texts = (await prisma.message.findMany({ where: { shop: A } })).map((m) => m.text);
    expect(texts.some((t) => t.includes("ana@example.com"))).toBe(false);
    expect(texts).toContain("hello from zoe");
    const convos = await prisma.conversation.findMany({ where: { shop: A } });
    expect(convos.filter((c) => c.customerEmail === "ana@example.com" || c.customerId)).toHaveLength(0);
    const redaction = await prisma.privacyRedaction.findFirstOrThrow({ where: { shop: A, scope: "customer" } });
    expect(redaction.customerId).toBe("gid://shopify/Customer/1");
    expect(redaction.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(redaction)).not.toContain("ana@example.com");
    expect(convos.find((c) => c.csatScore === 5)?.csatComment).toBeNull();
  });

  it("app/uninstalled drops the shop's sessions and keeps its data for shop/redact", async () => {
    await seedShopConversation(A);
    const res = await send(uninstalled, webhookRequest({ topic: "app/uninstalled", shop: A, payload: {} }));
    expect(res.status).toBe(200);
    expect(await prisma.session.count({ where: { shop: A } })).toBe(0);
    expect((await prisma.shop.findUnique({ where: { shop: A } }))?.uninstalledAt).toBeInstanceOf(Date);
    expect(await prisma.conversation.count({ where: { shop: A } })).toBe(1);
  });

  it("app/scopes_update records the granted scopes", async () => {
    await seedShopConversation(A);
    await send(scopesUpdate, webhookRequest({ topic: "app/scopes_update", shop: A, payload: { current: ["read_orders", "write_orders"] } }));
    expect((await prisma.session.findFirst({ where: { shop: A } }))?.scope).toBe("read_orders,write_orders");
  });

  it("refuses a topic sent to another topic's endpoint without doing its work", async () => {
    await seedShopConversation(A);
    vi.spyOn(console, "log").mockImplementation(() => {});
    const res = await send(shopRedact, webhookRequest({ topic: "app/uninstalled", shop: A, payload: {} }));
    expect(res.status).toBe(400);
    expect((await rowsOfShop(A)).conversations).toBe(1);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../db.server";
import { createAdminClient } from "../shopify/client.server";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../test/shopify";
import { resetDatabase } from "../../test/fixtures";
import type { AdminStandIn } from "../demo/admin-api";
import { DEMO_SHOP_DOMAIN } from "../demo/shop-data";
import { agentReply, assignToMe, closeConversation, getConversation, listQueue, verifiedOrders } from "./inbox.server";
import { handOff } from "./handoff.server";
import { pollMessages } from "../chat/service.server";

const SHOP = DEMO_SHOP_DOMAIN;
const OTHER = "other-shop.myshopify.com";
const agent = { id: "staff-1", name: "Sam Agent" };
let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);

async function waitingConversation(shop = SHOP, extra: Record<string, unknown> = {}) {
  const c = await prisma.conversation.create({
    data: { shop, visitorId: `v-${Math.random().toString(36).slice(2)}-abcdefgh`, language: "fr", ...extra },
  });
  await prisma.message.create({ data: { shop, conversationId: c.id, author: "shopper", text: "Je veux parler à quelqu'un" } });
  await handOff(shop, c.id, "explicit_request");
  return c;
}

beforeEach(async () => {
  await resetDatabase();
  standIn = demoStandIn();
});

describe("inbox", () => {
  it("lists the shop's waiting conversations with the handoff reason, and no other shop's", async () => {
    const mine = await waitingConversation();
    await waitingConversation(OTHER);
    const queue = await listQueue(SHOP, "waiting");
    expect(queue.map((c) => c.id)).toEqual([mine.id]);
    expect(queue[0]).toMatchObject({ handoffReason: "explicit_request", language: "fr" });
  });

  it("an agent's reply assigns the conversation and reaches the shopper's next poll", async () => {
    const c = await waitingConversation();
    const message = await agentReply(SHOP, c.id, agent, "Bonjour, je suis Sam.");
    expect(message).not.toBeNull();
    const after = await getConversation(SHOP, c.id);
    expect(after).toMatchObject({ status: "assigned", assigneeName: "Sam Agent" });
    expect(after?.firstHumanReplyAt).toBeInstanceOf(Date);
    const polled = await pollMessages(SHOP, c.visitorId, 0);
    expect(polled.messages.at(-1)).toMatchObject({ author: "agent", text: "Bonjour, je suis Sam.", agentName: "Sam Agent" });
  });

  it("cannot reply to, assign or close another shop's conversation", async () => {
    const theirs = await waitingConversation(OTHER);
    expect(await agentReply(SHOP, theirs.id, agent, "hi")).toBeNull();
    expect(await assignToMe(SHOP, theirs.id, agent)).toBe(false);
    expect(await closeConversation(SHOP, theirs.id, agent)).toBe(false);
    expect(await getConversation(SHOP, theirs.id)).toBeNull();
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("waiting");
  });

  it("closing asks the shopper for a rating in their language and records who closed it", async () => {
    const c = await waitingConversation();
    await assignToMe(SHOP, c.id, agent);
    expect(await closeConversation(SHOP, c.id, agent)).toBe(true);
    const polled = await pollMessages(SHOP, c.visitorId, 0);
    expect(polled.status).toBe("closed");
    expect(polled.messages.at(-1)?.text).toMatch(/1 à 5|de 1 à 5|noter|évaluez/i);
    const kinds = (await prisma.conversationEvent.findMany({ where: { conversationId: c.id }, orderBy: { id: "asc" } })).map((e) => e.kind);
    expect(kinds).toEqual(["handoff", "assigned", "closed"]);
  });

  it("shows the agent only the orders the shopper verified", async () => {
    const o = standIn.data.orders.find((x) => x.name === "#1043")!;
    const c = await waitingConversation(SHOP, { state: JSON.stringify({ verifiedOrderIds: [o.id], lowConfidence: 0 }) });
    const orders = await verifiedOrders(c, createAdminClient(adminGraphqlFor()).request);
    expect(orders.map((x) => x.name)).toEqual(["#1043"]);
    const none = await verifiedOrders(await waitingConversation(), createAdminClient(adminGraphqlFor()).request);
    expect(none).toEqual([]);
  });
});

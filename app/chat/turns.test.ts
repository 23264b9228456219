import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../db.server";
import { createAdminClient } from "../shopify/client.server";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../test/shopify";
import { resetDatabase } from "../../test/fixtures";
import type { AdminStandIn } from "../demo/admin-api";
import { DEMO_SHOP_DOMAIN } from "../demo/shop-data";
import { sendMessage } from "./service.server";
import { clearShopProfiles } from "./shop-profile.server";
import { clearCatalogs } from "./catalog.server";

// One bot turn at a time per conversation: messages sent at once are answered in the order they were stored, each
// on the state the one before it left, none twice and none skipped.

let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);
const graphql = createAdminClient(adminGraphqlFor(), { backoffMs: 1, maxTries: 2 }).request;
let seq = 0;

beforeEach(async () => {
  await resetDatabase();
  clearShopProfiles();
  clearCatalogs();
  standIn = demoStandIn();
});

const send = (visitorId: string, text: string) =>
  sendMessage(DEMO_SHOP_DOMAIN, null, { visitorId, clientMessageId: `turn-${++seq}-abcdefgh`, text }, graphql);

describe("messages sent at the same time", () => {
  it("are answered one turn at a time, in order, each once, on the state the one before left", async () => {
    const o = standIn.data.orders.find((x) => x.scenario === "in_transit")!;
    const visitorId = `visitor-concurrent-${Date.now()}`;
    // The first message creates the conversation; the next three arrive together while it is being answered.
    const first = send(visitorId, `where is my order ${o.name}? ${o.email}`);
    await new Promise((r) => setTimeout(r, 5));
    await Promise.all([first, send(visitorId, "and when will it arrive?"), send(visitorId, "which carrier?"), send(visitorId, "thanks!")]);

    const conversation = await prisma.conversation.findFirstOrThrow({ where: { visitorId } });
    const messages = await prisma.message.findMany({ where: { conversationId: conversation.id }, orderBy: { id: "asc" } });
    const shopperIds = messages.filter((m) => m.author === "shopper").map((m) => m.id);
    expect(shopperIds).toHaveLength(4);
    expect(conversation.answeredThrough).toBe(shopperIds.at(-1));
    expect(conversation.turnOwner).toBeNull();
    const tracking = o.fulfillments[0].trackingInfo[0];
    const bot = messages.filter((m) => m.author === "bot").map((m) => m.text);
    // The follow-ups were read against the order the first message verified: the date, then the carrier.
    expect(bot.some((t) => t.includes(tracking.number!) && /placed/.test(t))).toBe(true);
    expect(bot.some((t) => /should arrive on/.test(t))).toBe(true);
    expect(bot.some((t) => t.startsWith(`Order ${o.name} is with ${tracking.company}`))).toBe(true);
    expect(bot.some((t) => /welcome/i.test(t))).toBe(true);
    // Each message got its answer exactly once: four turns' worth of replies, in the shoppers' order.
    const order = bot.map((t) => (/placed/.test(t) ? 1 : /should arrive/.test(t) ? 2 : /is with/.test(t) ? 3 : /welcome/i.test(t) ? 4 : 0));
    expect(order.filter(Boolean)).toEqual([1, 2, 3, 4]);
  });

  it("puts two first messages sent at once into one conversation, both answered", async () => {
    const visitorId = `visitor-first-${Date.now()}`;
    await Promise.all([send(visitorId, "hi"), send(visitorId, "where is my order?")]);
    const conversations = await prisma.conversation.findMany({ where: { visitorId } });
    expect(conversations).toHaveLength(1);
    const messages = await prisma.message.findMany({ where: { conversationId: conversations[0].id }, orderBy: { id: "asc" } });
    expect(messages.filter((m) => m.author === "shopper").map((m) => m.text).sort()).toEqual(["hi", "where is my order?"]);
    expect(conversations[0].answeredThrough).toBe(messages.filter((m) => m.author === "shopper").at(-1)!.id);
  });

  it("lets a turn whose holder died be taken over once its lease has run out", async () => {
    const visitorId = `visitor-stale-${Date.now()}`;
    await send(visitorId, "hi");
    const conversation = await prisma.conversation.findFirstOrThrow({ where: { visitorId } });
    // A holder that crashed an hour ago never released its lease.
    await prisma.conversation.update({
      where: { id: conversation.id },
      data: { turnOwner: "crashed-instance", turnLockedUntil: new Date(Date.now() - 3_600_000) },
    });
    const answer = await send(visitorId, "where is my order?");
    expect(answer.messages.some((m) => m.author === "bot" && /order number/.test(m.text))).toBe(true);
    // While a live holder has it, a new message waits for that holder instead of running beside it.
    await prisma.conversation.update({
      where: { id: conversation.id },
      data: { turnOwner: "live-instance", turnLockedUntil: new Date(Date.now() + 60_000) },
    });
    const waiting = await send(visitorId, "#1043");
    expect(waiting.messages.filter((m) => m.author === "bot")).toHaveLength(0);
    const stored = await prisma.message.findMany({ where: { conversationId: conversation.id, author: "shopper" } });
    expect(stored.map((m) => m.text)).toContain("#1043");
  });
});

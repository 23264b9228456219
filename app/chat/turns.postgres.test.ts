import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The same guarantee on PostgreSQL, where requests really run in parallel: messages sent at once are answered one
// turn at a time, in order, each once. Runs when TEST_POSTGRES_URL is set (.ci/run sets it), in a schema of its own.
const db = vi.hoisted(() => {
  const base = process.env.TEST_POSTGRES_URL ?? "";
  if (!base) return { url: "", schema: "" };
  const schema = `shopdesk_turns_${Date.now().toString(36)}_${process.pid}`;
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  // Before any app module loads: the app's Prisma client picks its database from DATABASE_URL.
  process.env.DATABASE_URL = url.toString();
  return { url: url.toString(), schema };
});

describe.skipIf(!db.url)("one turn at a time on PostgreSQL", () => {
  let standIn: import("../demo/admin-api").AdminStandIn;
  let send: (visitorId: string, text: string) => Promise<unknown>;
  let prisma: import("@prisma/client").PrismaClient;

  beforeAll(async () => {
    const { migratePostgres } = await import("../../prisma/postgresql/migrate");
    await migratePostgres(db.url);
    const { setupServer } = await import("msw/node");
    const { routeShopifyFetchThroughGlobal, shopifyAdminHandlers } = await import("../demo/msw");
    const { demoStandIn, adminGraphqlFor } = await import("../../test/shopify");
    const { createAdminClient } = await import("../shopify/client.server");
    const { sendMessage } = await import("./service.server");
    const { DEMO_SHOP_DOMAIN } = await import("../demo/shop-data");
    prisma = (await import("../db.server")).default;
    standIn = demoStandIn();
    routeShopifyFetchThroughGlobal();
    const server = setupServer(...shopifyAdminHandlers(() => standIn));
    server.listen({ onUnhandledRequest: "error" });
    afterAll(() => server.close());
    const graphql = createAdminClient(adminGraphqlFor(), { backoffMs: 1, maxTries: 2 }).request;
    let seq = 0;
    send = (visitorId, text) =>
      sendMessage(DEMO_SHOP_DOMAIN, null, { visitorId, clientMessageId: `pg-turn-${++seq}-abcdefgh`, text }, graphql);
  }, 60_000);

  afterAll(async () => {
    await prisma?.$disconnect();
    const client = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await client.connect();
    await client.query(`drop schema if exists "${db.schema}" cascade`);
    await client.end();
  });

  it("makes an agent's reply wait for a message still being written, so no poll sees them out of order", async () => {
    const { pollMessages } = await import("./service.server");
    const { agentReply } = await import("../inbox/inbox.server");
    const { DEMO_SHOP_DOMAIN } = await import("../demo/shop-data");
    const visitorId = `visitor-pg-order-${Date.now()}`;
    await send(visitorId, "hi");
    const conversation = await prisma.conversation.findFirstOrThrow({ where: { visitorId } });
    const seen: number[][] = [];
    let writing = true;
    const polling = (async () => {
      while (writing) {
        seen.push((await pollMessages(DEMO_SHOP_DOMAIN, visitorId, 0)).messages.map((m) => m.id));
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    // A slow writer that follows the app's rule (the conversation's row first, then the insert, whose id is given
    // now) and commits 400 ms later.
    const slow = prisma.$transaction(
      async (tx) => {
        await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: new Date() } });
        await tx.message.create({ data: { shop: DEMO_SHOP_DOMAIN, conversationId: conversation.id, author: "bot", text: "slow" } });
        await new Promise((r) => setTimeout(r, 400));
      },
      { timeout: 10_000 },
    );
    await new Promise((r) => setTimeout(r, 50));
    // Meanwhile an agent answers: the app's write must wait for the slow one, so ids appear in order.
    const reply = agentReply(DEMO_SHOP_DOMAIN, conversation.id, { id: "staff-1", name: "Ana" }, "fast");
    await Promise.all([slow, reply]);
    writing = false;
    await polling;
    const all = (await pollMessages(DEMO_SHOP_DOMAIN, visitorId, 0)).messages;
    const slowId = all.find((m) => m.text === "slow")!.id;
    const fastId = all.find((m) => m.text === "fast")!.id;
    expect(fastId).toBeGreaterThan(slowId);
    // Every poll saw a prefix of the conversation: never the agent's reply without the message written before it.
    for (const ids of seen) if (ids.includes(fastId)) expect(ids).toContain(slowId);
  });

  it("answers four messages sent together in their order, each once, follow-ups on the verified order", async () => {
    const o = standIn.data.orders.find((x) => x.scenario === "in_transit")!;
    const visitorId = `visitor-pg-${Date.now()}`;
    await send(visitorId, `where is my order ${o.name}? ${o.email}`);
    await Promise.all([
      send(visitorId, "and when will it arrive?"),
      send(visitorId, "which carrier?"),
      send(visitorId, "tracking number?"),
    ]);
    const conversation = await prisma.conversation.findFirstOrThrow({ where: { visitorId } });
    const messages = await prisma.message.findMany({ where: { conversationId: conversation.id }, orderBy: { id: "asc" } });
    const shopper = messages.filter((m) => m.author === "shopper");
    expect(shopper).toHaveLength(4);
    expect(conversation.answeredThrough).toBe(shopper.at(-1)!.id);
    expect(conversation.turnOwner).toBeNull();
    // Every shopper message has its own answer after it, and the answers follow the order of the questions.
    const tracking = o.fulfillments[0].trackingInfo[0];
    const kinds = messages
      .filter((m) => m.author === "bot")
      .map((m) => (/placed/.test(m.text) ? "status" : /should arrive/.test(m.text) ? "date" : /is with/.test(m.text) ? "carrier" : /tracking number of order/.test(m.text) ? "tracking" : "other"));
    const asked = shopper
      .slice(1)
      .map((m) => (/when/.test(m.text) ? "date" : /carrier/.test(m.text) ? "carrier" : "tracking"));
    // Answered in the order the messages were stored (whichever of the three the database got first).
    expect(kinds.filter((k) => k !== "other")).toEqual(["status", ...asked]);
    expect(messages.filter((m) => m.author === "bot").some((m) => m.text.includes(tracking.number!))).toBe(true);
  });
});

import prisma from "../app/db.server";

/** Seeds one shop with a customer's conversation, messages, events and an outcome; returns the ids. */
export async function seedShopConversation(
  shop: string,
  customer = { id: "gid://shopify/Customer/1", email: "ana@example.com" },
) {
  await prisma.shop.upsert({ where: { shop }, create: { shop }, update: {} });
  await prisma.shopSettings.upsert({ where: { shop }, create: { shop }, update: {} });
  await prisma.session.create({
    data: { id: `offline_${shop}`, shop, state: "", accessToken: "token", isOnline: false },
  });
  const conversation = await prisma.conversation.create({
    data: {
      shop,
      visitorId: `visitor-${shop}`,
      customerId: customer.id,
      customerEmail: customer.email,
      status: "closed",
      csatScore: 5,
      csatComment: `thanks, ${customer.email}`,
      messages: {
        create: [
          { shop, author: "shopper", text: `I am ${customer.email}, where is order #1001?`, intent: "track_order" },
          { shop, author: "bot", text: "It is on its way." },
        ],
      },
      events: { create: [{ shop, kind: "handoff", reason: "explicit_request" }] },
      outcomes: { create: [{ shop, kind: "refund", orderId: "gid://shopify/Order/1", amount: 10 }] },
    },
  });
  await prisma.knowledgeArticle.create({ data: { shop, title: "Returns", body: "30 days" } });
  await prisma.verificationAttempt.create({ data: { shop, visitorId: `visitor-${shop}`, success: false } });
  return { conversationId: conversation.id };
}

/** Counts every row that carries the shop, table by table. */
export async function rowsOfShop(shop: string) {
  return {
    sessions: await prisma.session.count({ where: { shop } }),
    shops: await prisma.shop.count({ where: { shop } }),
    settings: await prisma.shopSettings.count({ where: { shop } }),
    conversations: await prisma.conversation.count({ where: { shop } }),
    messages: await prisma.message.count({ where: { shop } }),
    events: await prisma.conversationEvent.count({ where: { shop } }),
    outcomes: await prisma.conversationOutcome.count({ where: { shop } }),
    articles: await prisma.knowledgeArticle.count({ where: { shop } }),
    attempts: await prisma.verificationAttempt.count({ where: { shop } }),
    webhooks: await prisma.processedWebhook.count({ where: { shop } }),
    dataRequests: await prisma.dataRequest.count({ where: { shop } }),
  };
}

/** Empties every table (tests in one file share a database). */
export async function resetDatabase() {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "select name from sqlite_master where type = 'table' and name not like '\\_%' escape '\\' and name not like 'sqlite_%'",
  );
  for (const { name } of tables) await prisma.$executeRawUnsafe(`delete from "${name}"`);
}

import { createHash } from "node:crypto";
import prisma from "../db.server";

export interface CustomerRef {
  customerId?: string;
  email?: string;
  phone?: string;
}

const REDACTED = "[redacted]";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
/** The same normalisation the warehouse applies before hashing its own copies (analytics/src/redactions.ts). */
export const emailHash = (email: string) => sha256(email.trim().toLowerCase());
export const phoneHash = (phone: string) => sha256(phone.replace(/\D/g, ""));

function conversationsOf(shop: string, ref: CustomerRef) {
  const or = [
    ...(ref.customerId ? [{ customerId: ref.customerId }] : []),
    ...(ref.email ? [{ customerEmail: ref.email }] : []),
  ];
  if (!or.length) return Promise.resolve([]);
  return prisma.conversation.findMany({ where: { shop, OR: or }, select: { id: true, visitorId: true } });
}

/**
 * customers/redact: anonymises that customer's conversations (kept, without personal data, so the shop's
 * aggregate service figures stay right) and erases their message texts and everything else tied to them.
 */
export async function redactCustomer(shop: string, ref: CustomerRef): Promise<{ conversations: number }> {
  const conversations = await conversationsOf(shop, ref);
  const ids = conversations.map((c) => c.id);
  await prisma.$transaction([
    prisma.message.updateMany({
      where: { shop, conversationId: { in: ids } },
      data: { text: REDACTED, meta: null, agentName: null },
    }),
    prisma.conversation.updateMany({
      where: { shop, id: { in: ids } },
      data: { customerId: null, customerEmail: null, csatComment: null, state: "{}", visitorId: REDACTED },
    }),
    prisma.verificationAttempt.deleteMany({ where: { shop, visitorId: { in: conversations.map((c) => c.visitorId) } } }),
    prisma.proactiveMessage.deleteMany({
      where: { shop, OR: [{ conversationId: { in: ids } }, ...(ref.customerId ? [{ customerId: ref.customerId }] : [])] },
    }),
    prisma.dataRequest.deleteMany({
      where: {
        shop,
        OR: [
          ...(ref.customerId ? [{ customerId: ref.customerId }] : []),
          ...(ref.email ? [{ email: ref.email }] : []),
        ],
      },
    }),
    // The warehouse holds this customer's orders too: its next load erases them.
    prisma.privacyRedaction.create({
      data: {
        shop,
        scope: "customer",
        customerId: ref.customerId ?? null,
        emailHash: ref.email ? emailHash(ref.email) : null,
        phoneHash: ref.phone ? phoneHash(ref.phone) : null,
      },
    }),
  ]);
  return { conversations: ids.length };
}

/** customers/data_request: gathers everything Shopdesk holds about the customer for the merchant to send on. */
export async function exportCustomerData(shop: string, ref: CustomerRef, requestId?: unknown) {
  const conversations = await conversationsOf(shop, ref);
  const full = await prisma.conversation.findMany({
    where: { shop, id: { in: conversations.map((c) => c.id) } },
    include: {
      messages: { orderBy: { id: "asc" }, select: { author: true, text: true, createdAt: true } },
      outcomes: { select: { kind: true, orderId: true, amount: true, currency: true, createdAt: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const payload = {
    requestId: requestId ?? null,
    customer: ref,
    conversations: full.map((c) => ({
      id: c.id,
      channel: c.channel,
      language: c.language,
      status: c.status,
      createdAt: c.createdAt,
      csatScore: c.csatScore,
      csatComment: c.csatComment,
      messages: c.messages,
      outcomes: c.outcomes,
    })),
  };
  return prisma.dataRequest.create({
    data: { shop, customerId: ref.customerId, email: ref.email, phone: ref.phone, payload: JSON.stringify(payload) },
  });
}

/** shop/redact: erases every row of that shop, and nothing of any other shop. */
export async function eraseShop(shop: string): Promise<void> {
  // Children first so the result does not depend on the database enforcing cascades.
  await prisma.$transaction([
    prisma.message.deleteMany({ where: { shop } }),
    prisma.conversationEvent.deleteMany({ where: { shop } }),
    prisma.conversationOutcome.deleteMany({ where: { shop } }),
    prisma.conversation.deleteMany({ where: { shop } }),
    prisma.knowledgeArticle.deleteMany({ where: { shop } }),
    prisma.verificationAttempt.deleteMany({ where: { shop } }),
    prisma.rateLimitWindow.deleteMany({ where: { key: { startsWith: `${shop}:` } } }),
    prisma.proactiveMessage.deleteMany({ where: { shop } }),
    prisma.dataRequest.deleteMany({ where: { shop } }),
    prisma.shopSettings.deleteMany({ where: { shop } }),
    prisma.session.deleteMany({ where: { shop } }),
    prisma.processedWebhook.deleteMany({ where: { shop } }),
    prisma.shop.deleteMany({ where: { shop } }),
    prisma.privacyRedaction.deleteMany({ where: { shop } }),
    // A tombstone holding only the shop's domain, so the warehouse's next load erases the shop there as well.
    prisma.privacyRedaction.create({ data: { shop, scope: "shop" } }),
  ]);
}

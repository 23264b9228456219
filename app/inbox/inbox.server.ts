import { z } from "zod";
import prisma from "../db.server";
import { t, replyLocaleFor } from "../chat/i18n";
import { SHOPPER_ORDERS_QUERY, type ShopperOrder } from "../chat/orders.server";
import { parseState } from "../chat/state";
import type { AdminGraphql } from "../chat/types";

import { QUEUE_STATUSES, type QueueStatus } from "./queue";

export interface Staff {
  id: string;
  name: string;
}

/** A shop's conversations in one queue, oldest waiting first (the one waiting longest is answered first). */
export async function listQueue(shop: string, status: QueueStatus, take = 50) {
  const rows = await prisma.conversation.findMany({
    where: { shop, status },
    orderBy: status === "closed" ? { closedAt: "desc" } : { lastMessageAt: status === "waiting" ? "asc" : "desc" },
    take,
    // The agent scans for what the shopper said last, not the bot's reply to it.
    include: { messages: { where: { author: "shopper" }, orderBy: { id: "desc" }, take: 1, select: { text: true } } },
  });
  return rows.map((c) => ({
    id: c.id,
    status: c.status,
    language: c.language,
    sentiment: c.sentiment,
    handoffReason: c.handoffReason,
    assigneeName: c.assigneeName,
    customer: c.customerEmail ?? (c.customerId ? "Logged-in customer" : "Guest"),
    lastMessage: c.messages[0]?.text.slice(0, 140) ?? "",
    lastMessageAt: c.lastMessageAt.toISOString(),
    csatScore: c.csatScore,
  }));
}

export async function queueCounts(shop: string) {
  const grouped = await prisma.conversation.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } });
  return Object.fromEntries(QUEUE_STATUSES.map((s) => [s, grouped.find((g) => g.status === s)?._count._all ?? 0]));
}

/** One conversation of this shop with its transcript and history; null when the shop has no such conversation. */
export async function getConversation(shop: string, id: string) {
  return prisma.conversation.findFirst({
    where: { shop, id },
    include: { messages: { orderBy: { id: "asc" } }, events: { orderBy: { id: "asc" } } },
  });
}

/**
 * The orders the shopper has shown they own: a logged-in customer's recent orders, or the orders they verified in
 * the chat. The agent sees the same orders the bot was allowed to talk about, no others.
 */
export async function verifiedOrders(
  conversation: { customerId: string | null; state: string },
  graphql: AdminGraphql,
): Promise<ShopperOrder[]> {
  const state = parseState(conversation.state);
  const clauses: string[] = [];
  if (conversation.customerId) clauses.push(`customer_id:${conversation.customerId.split("/").pop()}`);
  for (const gid of state.verifiedOrderIds) clauses.push(`id:${gid.split("/").pop()}`);
  if (!clauses.length) return [];
  const data = await graphql<{ orders: { nodes: ShopperOrder[] } }>(SHOPPER_ORDERS_QUERY, {
    query: clauses.join(" OR "),
    first: 10,
  });
  return data.orders.nodes.filter(
    (o) => state.verifiedOrderIds.includes(o.id) || (conversation.customerId && o.customer?.id === conversation.customerId),
  );
}

export const ReplyInput = z.object({
  text: z.string().trim().min(1, "Write a reply first").max(5000, "Replies can be at most 5000 characters"),
});

async function event(shop: string, conversationId: string, kind: string, staff: Staff, reason?: string) {
  await prisma.conversationEvent.create({
    data: { shop, conversationId, kind, reason, actorId: staff.id, actorName: staff.name },
  });
}

/** Takes a conversation: it leaves the waiting queue and is the staff member's to answer. */
export async function assignToMe(shop: string, id: string, staff: Staff) {
  const { count } = await prisma.conversation.updateMany({
    where: { shop, id, status: { in: ["waiting", "assigned", "bot"] } },
    data: { status: "assigned", assigneeId: staff.id, assigneeName: staff.name },
  });
  if (count) await event(shop, id, "assigned", staff);
  return count > 0;
}

/** An agent's reply: stored as a message the widget picks up on its next poll; answering also assigns. */
export async function agentReply(shop: string, id: string, staff: Staff, text: string) {
  const conversation = await prisma.conversation.findFirst({ where: { shop, id } });
  if (!conversation) return null;
  const now = new Date();
  // The conversation row first: its lock orders this insert after any other still being written (see poll order in
  // chat/messages.server.ts).
  const [, message] = await prisma.$transaction([
    prisma.conversation.update({
      where: { id },
      data: {
        status: "assigned",
        assigneeId: conversation.assigneeId ?? staff.id,
        assigneeName: conversation.assigneeName ?? staff.name,
        firstHumanReplyAt: conversation.firstHumanReplyAt ?? now,
        lastMessageAt: now,
      },
    }),
    prisma.message.create({
      data: { shop, conversationId: id, author: "agent", text, agentId: staff.id, agentName: staff.name, createdAt: now },
    }),
  ]);
  if (conversation.status !== "assigned") await event(shop, id, "assigned", staff);
  return message;
}

/** Closes a conversation and asks the shopper, in their language, to rate it. */
export async function closeConversation(shop: string, id: string, staff: Staff) {
  const conversation = await prisma.conversation.findFirst({ where: { shop, id } });
  if (!conversation || conversation.status === "closed") return false;
  const { locale } = replyLocaleFor(conversation.language);
  await prisma.$transaction([
    // Closed frees the visitor's open slot: their next message opens a new conversation.
    prisma.conversation.update({ where: { id }, data: { status: "closed", closedAt: new Date(), openFor: null } }),
    prisma.message.create({
      data: { shop, conversationId: id, author: "bot", text: t(locale, "csat.ask"), meta: JSON.stringify({ csat: true }) },
    }),
  ]);
  await event(shop, id, "closed", staff);
  return true;
}

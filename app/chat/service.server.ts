import { Prisma, type Conversation, type Message } from "@prisma/client";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import prisma from "../db.server";
import { handOff } from "../inbox/handoff.server";
import { log } from "../log.server";
import { toPublic, type PublicMessage } from "./messages.server";
import { settingsFor } from "./settings.server";
import { parseState } from "./state";
import { runTurn } from "./turn.server";
import type { AdminGraphql } from "./types";

export const MAX_MESSAGE_LENGTH = 2000;

const visitorId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "visitorId must be 16–64 letters, digits, - or _");

export const SendInput = z.object({
  visitorId,
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "clientMessageId must be 8–64 letters, digits, - or _"),
  text: z
    .string()
    .transform((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "").trim())
    .pipe(z.string().min(1, "Write a message first")),
  locale: z.string().max(20).optional(),
});
export type SendInput = z.infer<typeof SendInput>;

export const PollInput = z.object({ visitorId, after: z.coerce.number().int().min(0).default(0) });

export const CsatInput = z.object({
  visitorId,
  score: z.coerce.number().int().min(1, "Rate from 1 to 5").max(5, "Rate from 1 to 5"),
  comment: z.string().trim().max(1000).optional(),
});

export interface ChatAnswer {
  conversationId: string | null;
  status: string;
  messages: PublicMessage[];
}

/**
 * Opens the visitor's new conversation. Two first messages sent at once (two tabs, two instances), or a first
 * message and the shop writing first, race here: the unique open slot per visitor lets one create it, and the other
 * joins it (with what the creator gave it).
 */
export async function openConversation(
  shop: string,
  visitor: string,
  customerId: string | null,
  locale?: string,
  extra: { channel?: string; state?: string } = {},
) {
  try {
    return await prisma.conversation.create({
      data: {
        shop,
        visitorId: visitor,
        openFor: visitor,
        customerId,
        language: (locale ?? "en").split("-")[0].toLowerCase() || "en",
        ...extra,
      },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    return prisma.conversation.findFirstOrThrow({ where: { shop, openFor: visitor } });
  }
}

/** The visitor's current conversation (the newest one), if any. */
function currentConversation(shop: string, visitor: string) {
  return prisma.conversation.findFirst({ where: { shop, visitorId: visitor }, orderBy: { createdAt: "desc" } });
}

/**
 * Stores the shopper's message first (so nothing accepted is ever lost), then lets the bot answer when no person
 * has the conversation. A retried message (same clientMessageId) is stored once and gets the same answer back.
 */
export async function sendMessage(
  shop: string,
  customerId: string | null,
  input: SendInput,
  graphql: AdminGraphql | null,
  /** The bot's clock (the real time; the dialogue evaluation fixes it so its figures do not depend on the day). */
  opts: { now?: Date } = {},
): Promise<ChatAnswer> {
  let conversation = await currentConversation(shop, input.visitorId);
  if (!conversation || conversation.status === "closed") {
    conversation = await openConversation(shop, input.visitorId, customerId, input.locale);
  } else if (customerId && !conversation.customerId) {
    conversation = await prisma.conversation.update({ where: { id: conversation.id }, data: { customerId } });
  }

  let message;
  try {
    message = await insertMessage(conversation.id, {
      shop,
      conversationId: conversation.id,
      author: "shopper",
      text: input.text,
      clientMessageId: input.clientMessageId,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const original = await prisma.message.findFirstOrThrow({
        where: { conversationId: conversation.id, clientMessageId: input.clientMessageId },
      });
      return answerFrom(conversation.id, original.id - 1);
    }
    throw error;
  }
  // A message a person will read needs no bot turn: it counts as dealt with for the bot. (insertMessage has already
  // moved lastMessageAt.)
  if (conversation.status !== "bot" || !graphql) {
    await prisma.conversation.update({ where: { id: conversation.id }, data: { answeredThrough: message.id } });
  }

  if (conversation.status !== "bot") return answerFrom(conversation.id, message.id - 1);
  if (!graphql) {
    // The shop has no offline session (uninstalled, or not yet installed): a person must answer.
    await handOff(shop, conversation.id, "failed_action");
    return answerFrom(conversation.id, message.id - 1);
  }
  await drainTurns(conversation.id, { locale: input.locale, customerId, graphql, now: opts.now });
  return answerFrom(conversation.id, message.id - 1);
}

/**
 * Stores a message of a conversation so that, within the conversation, ids grow in the order messages become
 * visible: the conversation's row is updated first, and its lock (PostgreSQL) or the database's single writer
 * (SQLite) holds back any other insert into it until this one commits. A poll for "messages after id N" therefore
 * never skips one committed late with a lower id. Every writer of messages follows the same order.
 */
async function insertMessage(conversationId: string, data: Prisma.MessageUncheckedCreateInput) {
  const [, message] = await prisma.$transaction([
    prisma.conversation.update({ where: { id: conversationId }, data: { lastMessageAt: new Date() } }),
    prisma.message.create({ data }),
  ]);
  return message;
}

/** How long a turn may hold its conversation before another instance may take over (a crashed holder). */
export const TURN_LEASE_MS = 60_000;

interface TurnContext {
  locale?: string;
  customerId: string | null;
  graphql: AdminGraphql;
  now?: Date;
}

/** Takes the conversation's turn lease (one bot turn at a time across instances), or null when someone holds it. */
async function acquireTurn(conversationId: string): Promise<string | null> {
  const owner = randomUUID();
  const now = new Date();
  const taken = await prisma.conversation.updateMany({
    where: { id: conversationId, OR: [{ turnLockedUntil: null }, { turnLockedUntil: { lt: now } }] },
    data: { turnOwner: owner, turnLockedUntil: new Date(now.getTime() + TURN_LEASE_MS) },
  });
  return taken.count ? owner : null;
}

async function releaseTurn(conversationId: string, owner: string) {
  await prisma.conversation.updateMany({
    where: { id: conversationId, turnOwner: owner },
    data: { turnOwner: null, turnLockedUntil: null },
  });
}

const unanswered = (conversationId: string, after: number) =>
  prisma.message.findFirst({
    where: { conversationId, author: "shopper", id: { gt: after } },
    orderBy: { id: "asc" },
  });

/**
 * Answers the conversation's shopper messages the bot has not dealt with, oldest first, one turn at a time: two
 * messages sent at once (two tabs, two instances) never run on the same dialogue state, and none is skipped. A
 * request that finds the turn taken leaves its message to the holder, which answers it next; the widget gets the
 * reply on its next poll.
 */
async function drainTurns(conversationId: string, turn: TurnContext) {
  for (;;) {
    const owner = await acquireTurn(conversationId);
    if (!owner) return;
    let through = 0;
    try {
      for (;;) {
        // The conversation as the previous turn left it (its state, status and answeredThrough), read once a turn.
        const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
        through = conversation.answeredThrough;
        const next = await unanswered(conversationId, through);
        if (!next) break;
        if (conversation.status !== "bot") {
          // Handed over meanwhile: what is left is for the person.
          await prisma.conversation.updateMany({ where: { id: conversationId }, data: { answeredThrough: next.id } });
          continue;
        }
        await botTurn(conversation, next, turn);
        // Usually nothing else is waiting: one look, not a re-read of the conversation, settles it.
        through = next.id;
        if (!(await unanswered(conversationId, through))) break;
      }
    } finally {
      await releaseTurn(conversationId, owner);
    }
    // A message stored after the last look but before the release has nobody to answer it: look once more.
    if (!(await unanswered(conversationId, through))) return;
  }
}

/** Another holder answered this message first (its lease had expired under us): our answer is dropped. */
class TurnTaken extends Error {}

async function botTurn(conversation: Conversation, message: Message, context: TurnContext) {
  const { shop } = conversation;
  const settings = await settingsFor(shop);
  const messageId = message.id;
  try {
    const turn = await runTurn({
      shop,
      conversationId: conversation.id,
      visitorId: conversation.visitorId,
      customerId: context.customerId ?? conversation.customerId,
      language: conversation.language,
      storefrontLocale: context.locale,
      state: parseState(conversation.state),
      settings,
      graphql: context.graphql,
      text: message.text,
      now: context.now,
    });
    await prisma.$transaction(async (tx) => {
      // The conversation moves on only from the state this turn read: a turn that lost its lease writes nothing.
      const moved = await tx.conversation.updateMany({
        where: { id: conversation.id, answeredThrough: conversation.answeredThrough },
        data: {
          answeredThrough: messageId,
          // An email the shopper proved with an order identifies them to the agent (and to customers/redact).
          customerEmail: conversation.customerEmail ?? turn.state.verifiedContacts?.find((c) => c.includes("@")) ?? null,
          state: JSON.stringify(turn.state),
          language: turn.language,
          sentiment: turn.nlu.sentimentScore,
          lastMessageAt: new Date(),
        },
      });
      if (!moved.count) throw new TurnTaken();
      await tx.message.update({
        where: { id: messageId },
        data: {
          intent: turn.intent,
          confidence: turn.nlu.confidence,
          sentiment: turn.nlu.sentimentScore,
          angry: turn.nlu.angry,
          language: turn.language,
        },
      });
      // One statement for all the replies; ids follow the array's order.
      if (turn.replies.length) {
        await tx.message.createMany({
          data: turn.replies.map((r) => ({
            shop,
            conversationId: conversation.id,
            author: "bot",
            text: r.text,
            intent: turn.intent,
            meta: JSON.stringify({ ...r.meta, ...(r.quickReplies ? { quickReplies: r.quickReplies } : {}) }),
          })),
        });
      }
      if (turn.outcome) {
        await tx.conversationOutcome.create({
          data: {
            shop,
            conversationId: conversation.id,
            kind: turn.outcome.kind,
            orderId: turn.outcome.orderId,
            amount: turn.outcome.amount,
            currency: turn.outcome.currency,
            reason: turn.outcome.reason,
          },
        });
      }
    });
    if (turn.handoff) await handOff(shop, conversation.id, turn.handoff);
  } catch (error) {
    if (error instanceof TurnTaken) return;
    // The shopper's message is stored; a person picks it up rather than the shopper getting nothing.
    log.error("chat turn failed", { shop, conversationId: conversation.id, error: String(error) });
    await prisma.conversation.updateMany({
      where: { id: conversation.id, answeredThrough: conversation.answeredThrough },
      data: { answeredThrough: messageId },
    });
    await handOff(shop, conversation.id, "failed_action");
  }
}

async function answerFrom(conversationId: string, afterId: number): Promise<ChatAnswer> {
  const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  const messages = await prisma.message.findMany({
    where: { conversationId, id: { gt: afterId }, author: { not: "system" } },
    orderBy: { id: "asc" },
    take: 100,
  });
  return { conversationId, status: conversation.status, messages: messages.map(toPublic) };
}

/** New messages of the visitor's current conversation after a message id (agent replies, proactive messages). */
export async function pollMessages(shop: string, visitor: string, after: number): Promise<ChatAnswer> {
  const conversation = await currentConversation(shop, visitor);
  if (!conversation) return { conversationId: null, status: "bot", messages: [] };
  return answerFrom(conversation.id, after);
}

/** Records the shopper's 1–5 rating of their latest conversation. */
export async function rateConversation(shop: string, input: z.infer<typeof CsatInput>): Promise<boolean> {
  const conversation = await currentConversation(shop, input.visitorId);
  if (!conversation) return false;
  await prisma.$transaction([
    prisma.conversation.update({
      where: { id: conversation.id },
      data: { csatScore: input.score, csatComment: input.comment ?? null },
    }),
    prisma.conversationEvent.create({
      data: { shop, conversationId: conversation.id, kind: "csat", reason: String(input.score) },
    }),
  ]);
  return true;
}

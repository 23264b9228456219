// A shopper in the storefront chat for conversation tests: each `say` is one message through the real engine
// (sendMessage: database, NLU, skills, Admin client) against the demo shop's Admin API stand-in.
import prisma from "../app/db.server";
import { sendMessage } from "../app/chat/service.server";
import type { AdminGraphql } from "../app/chat/types";
import type { PublicMessage } from "../app/chat/messages.server";
import { DEMO_SHOP_DOMAIN } from "../app/demo/shop-data";

let seq = 0;

export interface ShopperReply {
  conversationId: string | null;
  status: string;
  /** Every bot message of the turn, joined by new lines. */
  text: string;
  replies: string[];
  /** The buttons offered with the turn's replies. */
  quickReplies: string[];
  /** Every message of the turn (the shopper's own first), as the widget gets them. */
  messages: PublicMessage[];
}

/** A new visitor (optionally logged in, optionally browsing a storefront locale) who can send messages. */
export function chatShopper(graphql: AdminGraphql, opts: { customerId?: string | null; locale?: string; shop?: string } = {}) {
  const shop = opts.shop ?? DEMO_SHOP_DOMAIN;
  const visitorId = `visitor-${Date.now().toString(36)}-${++seq}-xxxxxxxx`;
  const say = async (text: string): Promise<ShopperReply> => {
    const answer = await sendMessage(
      shop,
      opts.customerId ?? null,
      { visitorId, clientMessageId: `msg-${++seq}-abcdefgh`, text, locale: opts.locale },
      graphql,
    );
    const bot = answer.messages.filter((m) => m.author === "bot");
    const replies = bot.map((m) => m.text);
    const quickReplies = bot.flatMap((m) => m.quickReplies ?? []);
    return {
      conversationId: answer.conversationId,
      status: answer.status,
      text: replies.join("\n"),
      replies,
      quickReplies,
      messages: answer.messages,
    };
  };
  const conversation = () => prisma.conversation.findFirstOrThrow({ where: { shop, visitorId } });
  return { visitorId, say, conversation };
}

import prisma from "../db.server";

export type HandoffReason =
  | "explicit_request"
  | "low_confidence"
  | "angry"
  | "complaint"
  | "failed_action"
  | "verification_locked"
  | "account_request"
  // A late, stuck or failed parcel, and the option the shopper picked from the shop's offer.
  | "carrier_claim"
  | "reship"
  | "refund_shipping"
  // The shop's Admin API could not be reached: a person follows up on the question the bot could not answer.
  | "shop_unavailable";

/** Moves a conversation to the people's queue, with the reason recorded; a no-op when a person already has it. */
export async function handOff(shop: string, conversationId: string, reason: HandoffReason): Promise<boolean> {
  const moved = await prisma.conversation.updateMany({
    where: { shop, id: conversationId, status: "bot" },
    data: { status: "waiting", handoffReason: reason },
  });
  if (moved.count) await prisma.conversationEvent.create({ data: { shop, conversationId, kind: "handoff", reason } });
  return moved.count > 0;
}

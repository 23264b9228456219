import prisma from "../../db.server";
import { canReveal, contactMatches, findOrderByName, recentOrdersOf, type ShopperOrder } from "../orders.server";
import type { SkillContext, SkillResult } from "./context";
import { say } from "./context";

/** Failed verifications allowed per visitor per hour before the bot stops checking and offers a person. */
export const MAX_FAILED_VERIFICATIONS = 5;

/** Failed verifications of one order, from any visitor, per hour before the order is locked in the chat. */
export const MAX_FAILED_PER_ORDER = 10;

async function locked(ctx: SkillContext, orderName: string): Promise<boolean> {
  const since = new Date(ctx.now.getTime() - 3600_000);
  const [byVisitor, byOrder] = await Promise.all([
    prisma.verificationAttempt.count({
      where: { shop: ctx.shop, visitorId: ctx.visitorId, success: false, createdAt: { gte: since } },
    }),
    prisma.verificationAttempt.count({
      where: { shop: ctx.shop, orderName, success: false, createdAt: { gte: since } },
    }),
  ]);
  return byVisitor >= MAX_FAILED_VERIFICATIONS || byOrder >= MAX_FAILED_PER_ORDER;
}

function firstOrderNumber(ctx: SkillContext): string | undefined {
  return ctx.nlu.entities.orderNumbers[0]?.replace(/^#/, "");
}

/**
 * Finds the order a skill is about and runs the skill only when the shopper may see it: the logged-in customer
 * who owns it, or a visitor who gave its number with the email or phone on it. Until then nothing about the order
 * (not even whether it exists) is said.
 */
export async function withOrder(
  ctx: SkillContext,
  run: (order: ShopperOrder) => Promise<SkillResult>,
): Promise<SkillResult> {
  const { state } = ctx;
  let orderNumber = firstOrderNumber(ctx) ?? state.awaiting?.orderName ?? state.orderName;
  orderNumber = orderNumber?.replace(/^#/, "");

  if (!orderNumber && ctx.customerId) {
    const orders = await recentOrdersOf(ctx.graphql, ctx.customerId);
    if (!orders.length) return say(ctx.tr("order.none"));
    if (orders.length === 1) return reveal(ctx, orders[0], run);
    state.awaiting = { kind: "order_number", intent: ctx.intent };
    return {
      replies: [
        {
          text: ctx.tr("order.pickOne", { orders: orders.map((o) => o.name).join(", ") }),
          quickReplies: orders.slice(0, 4).map((o) => o.name),
        },
      ],
    };
  }
  if (!orderNumber) {
    state.awaiting = { kind: "order_number", intent: ctx.intent };
    return say(ctx.tr("order.askNumber"));
  }
  const orderName = `#${orderNumber}`;
  const email = ctx.nlu.entities.emails[0];
  const phone = ctx.nlu.entities.phones[0];

  // A logged-in owner, an order verified earlier in this conversation, or another order placed with a contact the
  // shopper already proved, needs no new contact details.
  if (ctx.customerId || state.verifiedOrderIds.length) {
    const order = await findOrderByName(ctx.graphql, orderNumber);
    if (order && canReveal(order, { customerId: ctx.customerId, verifiedOrderIds: state.verifiedOrderIds })) {
      return reveal(ctx, order, run);
    }
    const proven = state.verifiedContacts ?? [];
    if (order && proven.some((c) => contactMatches(order, c.includes("@") ? { email: c } : { phone: c }))) {
      state.verifiedOrderIds = [...new Set([...state.verifiedOrderIds, order.id])];
      return reveal(ctx, order, run);
    }
    if (!email && !phone) return askContact(ctx, orderName);
    return verify(ctx, orderName, order, { email, phone }, run);
  }
  if (!email && !phone) return askContact(ctx, orderName);
  return verify(ctx, orderName, await findOrderByName(ctx.graphql, orderNumber), { email, phone }, run);
}

function askContact(ctx: SkillContext, orderName: string): SkillResult {
  ctx.state.awaiting = { kind: "contact", intent: ctx.intent, orderName };
  return say(ctx.tr("order.askContact", { orderName }));
}

async function verify(
  ctx: SkillContext,
  orderName: string,
  order: ShopperOrder | null,
  contact: { email?: string; phone?: string },
  run: (order: ShopperOrder) => Promise<SkillResult>,
): Promise<SkillResult> {
  if (await locked(ctx, orderName.replace(/^#/, ""))) {
    ctx.state.awaiting = undefined;
    return { ...say(ctx.tr("order.verifyLocked")), handoff: "verification_locked" };
  }
  const ok = order !== null && contactMatches(order, contact);
  await prisma.verificationAttempt.create({
    data: { shop: ctx.shop, visitorId: ctx.visitorId, orderName: orderName.replace(/^#/, ""), success: ok },
  });
  if (!ok || !order) {
    ctx.state.awaiting = { kind: "contact", intent: ctx.intent, orderName };
    return say(ctx.tr("order.verifyFailed", { orderName }));
  }
  ctx.state.verifiedOrderIds = [...new Set([...ctx.state.verifiedOrderIds, order.id])];
  const proven = [contact.email, contact.phone].filter((c): c is string => Boolean(c) && contactMatches(order, c!.includes("@") ? { email: c! } : { phone: c! }));
  ctx.state.verifiedContacts = [...new Set([...(ctx.state.verifiedContacts ?? []), ...proven])];
  return reveal(ctx, order, run);
}

async function reveal(ctx: SkillContext, order: ShopperOrder, run: (order: ShopperOrder) => Promise<SkillResult>) {
  ctx.state.orderName = order.name.replace(/^#/, "");
  ctx.state.awaiting = undefined;
  return run(order);
}

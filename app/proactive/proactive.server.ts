import { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { openConversation } from "../chat/service.server";
import { formatDate, replyLocaleFor, t } from "../chat/i18n";
import { SHOPPER_ORDERS_QUERY, type ShopperOrder } from "../chat/orders.server";
import { settingsFor } from "../chat/settings.server";
import type { AdminGraphql } from "../chat/types";
import { shipmentProblem, type OrderShipments, type ShipmentProblem } from "./triggers";

const CLAIM_TIMEOUT_MS = 5 * 60_000;

interface Outreach {
  orderName: string;
  problem: ShipmentProblem;
}

function messageFor(language: string, outreach: Outreach): string {
  const { locale } = replyLocaleFor(language);
  const { problem, orderName } = outreach;
  const date = formatDate(problem.since, locale);
  const key = problem.trigger === "failed_delivery" ? "proactive.failed" : "proactive.late";
  const lines = [t(locale, key, { orderName, date, carrier: problem.carrier ?? "" })];
  if (problem.trackingUrl) lines.push(t(locale, "proactive.track", { url: problem.trackingUrl }));
  return lines.join("\n");
}

/**
 * Looks at an order and, when it has a shipment problem the shopper has not been told about, records one outreach
 * (once per problem and shipment) and posts it into the customer's open conversation if there is one. Otherwise
 * it waits in the outbox until the customer next visits the storefront logged in.
 */
export async function noticeOrder(shop: string, order: OrderShipments, now = new Date()): Promise<boolean> {
  const settings = await settingsFor(shop);
  if (!settings.proactiveEnabled) return false;
  const problem = shipmentProblem(order, now);
  if (!problem) return false;
  const dedupeKey = `${problem.trigger}:${problem.fulfillmentId}`;
  const existing = await prisma.proactiveMessage.findUnique({ where: { shop_dedupeKey: { shop, dedupeKey } } });
  if (existing) return false;
  const payload = JSON.stringify({ orderName: order.name, problem } satisfies Outreach);
  let outreach;
  try {
    outreach = await prisma.proactiveMessage.create({
      data: { shop, trigger: problem.trigger, orderId: order.id, customerId: order.customer?.id ?? null, dedupeKey, payload },
    });
  } catch (error) {
    // Another instance (or a re-delivered webhook) noticed the same problem first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
    throw error;
  }
  const open = await prisma.conversation.findFirst({
    where: {
      shop,
      status: { not: "closed" },
      OR: [
        ...(order.customer?.id ? [{ customerId: order.customer.id }] : []),
        ...(order.email ? [{ customerEmail: order.email.toLowerCase() }] : []),
      ],
    },
    orderBy: { lastMessageAt: "desc" },
  });
  if (open) await post(shop, open.id, open.language, outreach.id, { orderName: order.name, problem });
  return true;
}

async function post(shop: string, conversationId: string, language: string, outreachId: string, outreach: Outreach) {
  const now = new Date();
  await prisma.$transaction([
    // The conversation row first: its lock orders this insert after any other still being written.
    prisma.conversation.update({ where: { id: conversationId }, data: { lastMessageAt: now } }),
    prisma.message.create({
      data: {
        shop,
        conversationId,
        author: "bot",
        text: messageFor(language, outreach),
        meta: JSON.stringify({ proactive: outreach.problem.trigger, orderName: outreach.orderName }),
      },
    }),
    prisma.proactiveMessage.update({ where: { id: outreachId }, data: { status: "sent", sentAt: now, conversationId } }),
  ]);
}

/**
 * A logged-in customer just showed up in the storefront: hand them what is waiting in the outbox, in the visitor's
 * current conversation or a new one. Returns how many messages were delivered.
 */
export async function deliverPending(shop: string, customerId: string, visitorId: string, locale = "en"): Promise<number> {
  // A claim older than a few minutes belongs to an instance that died before posting: take it over.
  const waiting = (now: Date) => ({
    OR: [{ status: "pending" }, { status: "sending", sentAt: { lt: new Date(now.getTime() - CLAIM_TIMEOUT_MS) } }],
  });
  const pending = await prisma.proactiveMessage.findMany({
    where: { shop, customerId, ...waiting(new Date()) },
    orderBy: { createdAt: "asc" },
  });
  if (!pending.length) return 0;
  let conversation = await prisma.conversation.findFirst({
    where: { shop, visitorId, status: { not: "closed" } },
    orderBy: { createdAt: "desc" },
  });
  // "Where is it now?" in reply should be about the order the shop wrote about.
  const first = JSON.parse(pending[0].payload) as Outreach;
  conversation ??= await openConversation(shop, visitorId, customerId, locale, {
    channel: "proactive",
    state: JSON.stringify({ orderName: first.orderName.replace(/^#/, ""), verifiedOrderIds: [], lowConfidence: 0 }),
  });
  for (const p of pending) {
    // Claim the row first so two instances polling at once deliver it once.
    const now = new Date();
    const { count } = await prisma.proactiveMessage.updateMany({
      where: { id: p.id, ...waiting(now) },
      data: { status: "sending", sentAt: now },
    });
    if (!count) continue;
    await post(shop, conversation.id, conversation.language, p.id, JSON.parse(p.payload) as Outreach);
  }
  return pending.length;
}

export const SHIPMENTS_QUERY = `#graphql
  query ProactiveShipments($query: String!, $after: String) {
    orders(first: 25, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {
      nodes {
        id
        name
        email
        customer { id }
        cancelledAt
        fulfillments(first: 5) {
          id
          status
          displayStatus
          createdAt
          deliveredAt
          estimatedDeliveryAt
          trackingInfo { company number url }
          events(first: 1, sortKey: HAPPENED_AT, reverse: true) { nodes { status happenedAt } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const MAX_PAGES = 8;

/**
 * Checks the shop's recent shipped orders for problems the carrier has not sent a webhook about (a parcel that
 * silently passed its estimate). Paged and bounded, so one sweep stays well inside the API's rate limit.
 */
export async function sweepShipments(shop: string, graphql: AdminGraphql, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - 45 * 86_400_000).toISOString().slice(0, 10);
  let noticed = 0;
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data: {
      orders: { nodes: OrderShipments[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    } = await graphql(SHIPMENTS_QUERY, { query: `created_at:>=${since} -fulfillment_status:unshipped`, after });
    for (const order of data.orders.nodes) if (await noticeOrder(shop, order, now)) noticed += 1;
    if (!data.orders.pageInfo.hasNextPage) break;
    after = data.orders.pageInfo.endCursor;
  }
  return noticed;
}

/** Fetches one order by its GID (a webhook names only the id) and looks at it. */
export async function noticeOrderById(shop: string, graphql: AdminGraphql, orderGid: string, now = new Date()) {
  const data = await graphql<{ orders: { nodes: ShopperOrder[] } }>(SHOPPER_ORDERS_QUERY, {
    query: `id:${orderGid.split("/").pop()}`,
    first: 1,
  });
  const order = data.orders.nodes[0];
  return order ? noticeOrder(shop, order, now) : false;
}

import { Prisma } from "@prisma/client";
import prisma from "../db.server";
import { log } from "../log.server";
import { HANDLERS } from "./handlers.server";

export interface ReceivedWebhook {
  webhookId: string;
  shop: string;
  topic: string;
  payload: unknown;
}

const inFlight = new Set<Promise<void>>();
const MAX_ATTEMPTS = 5;

/**
 * Records a verified webhook and schedules its work after the answer. Returns "duplicate" when Shopify re-delivers
 * an id already recorded, so the work happens once. The row is durable before Shopify gets its 200.
 */
export async function receiveWebhook(hook: ReceivedWebhook): Promise<"accepted" | "duplicate"> {
  try {
    await prisma.processedWebhook.create({
      data: { webhookId: hook.webhookId, shop: hook.shop, topic: hook.topic, payload: JSON.stringify(hook.payload) },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    throw error;
  }
  schedule(hook.webhookId);
  return "accepted";
}

function schedule(webhookId: string) {
  const job = processWebhook(webhookId).finally(() => inFlight.delete(job));
  inFlight.add(job);
}

/** Runs the work of one recorded webhook; failures stay recorded for a later retry, never lost. */
export async function processWebhook(webhookId: string): Promise<void> {
  const row = await prisma.processedWebhook.findUnique({ where: { webhookId } });
  if (!row || row.processedAt) return;
  const handler = HANDLERS[row.topic];
  try {
    if (!handler) throw new Error(`no handler for webhook topic ${row.topic}`);
    await handler({ shop: row.shop, payload: JSON.parse(row.payload ?? "null") });
    // shop/redact deletes this very row with the rest of the shop: updateMany does not mind.
    await prisma.processedWebhook.updateMany({
      where: { webhookId },
      data: { processedAt: new Date(), attempts: { increment: 1 }, lastError: null },
    });
  } catch (error) {
    log.error("webhook job failed", { webhookId, topic: row.topic, shop: row.shop, error: String(error) });
    await prisma.processedWebhook.updateMany({
      where: { webhookId },
      data: { attempts: { increment: 1 }, lastError: String(error).slice(0, 500) },
    });
  }
}

/** Picks up webhooks recorded but not finished (a crash after the answer), e.g. at start-up. */
export async function resumePendingWebhooks(): Promise<number> {
  const pending = await prisma.processedWebhook.findMany({
    where: { processedAt: null, attempts: { lt: MAX_ATTEMPTS } },
    select: { webhookId: true },
    orderBy: { receivedAt: "asc" },
  });
  for (const { webhookId } of pending) schedule(webhookId);
  return pending.length;
}

/** Waits for every scheduled webhook job (tests and graceful shutdown). */
export async function drainWebhookJobs(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}

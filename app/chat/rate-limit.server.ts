import prisma from "../db.server";

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

/** Per visitor: a person types at most a message every couple of seconds; polling goes through its own limit. */
export const LIMITS = {
  sendPerVisitor: { max: 12, windowMs: 60_000 },
  sendPerShop: { max: 600, windowMs: 60_000 },
  pollPerVisitor: { max: 90, windowMs: 60_000 },
} satisfies Record<string, Limit>;

/**
 * Counts a request against a fixed window kept in the database, so every app instance shares the count.
 * Returns the seconds to wait when over the limit, or 0 when the request may go on.
 */
export async function hit(shop: string, key: string, limit: Limit, now = new Date()): Promise<number> {
  const id = `${shop}:${key}`;
  // Single statements only: a read-then-write transaction deadlocks between processes on SQLite (both hold the read
  // lock, neither can write) and loses counts on PostgreSQL. The upsert counts atomically; a window that has run out
  // is reset by a conditional update, which only one of several racing requests wins.
  let row = await prisma.rateLimitWindow.upsert({
    where: { key: id },
    create: { key: id, windowStart: now, count: 1 },
    update: { count: { increment: 1 } },
  });
  if (now.getTime() - row.windowStart.getTime() >= limit.windowMs) {
    const reset = await prisma.rateLimitWindow.updateMany({
      where: { key: id, windowStart: row.windowStart },
      data: { windowStart: now, count: 1 },
    });
    row = reset.count ? { ...row, windowStart: now, count: 1 } : await prisma.rateLimitWindow.findUniqueOrThrow({ where: { key: id } });
  }
  // Every visitor leaves a row behind; now and then sweep the ones whose window ended long ago.
  if (Math.random() < 0.01) {
    await prisma.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 86_400_000) } } });
  }
  if (row.count <= limit.max) return 0;
  return Math.max(1, Math.ceil((row.windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
}

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
  // The window opens at a key's first request (not on the clock's minute), so a burst cannot straddle two windows.
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.rateLimitWindow.findUnique({ where: { key: id } });
    if (!current || now.getTime() - current.windowStart.getTime() >= limit.windowMs) {
      return tx.rateLimitWindow.upsert({
        where: { key: id },
        create: { key: id, windowStart: now, count: 1 },
        update: { windowStart: now, count: 1 },
      });
    }
    return tx.rateLimitWindow.update({ where: { key: id }, data: { count: { increment: 1 } } });
  });
  // Every visitor leaves a row behind; now and then sweep the ones whose window ended long ago.
  if (Math.random() < 0.01) {
    await prisma.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 86_400_000) } } });
  }
  if (row.count <= limit.max) return 0;
  return Math.max(1, Math.ceil((row.windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
}

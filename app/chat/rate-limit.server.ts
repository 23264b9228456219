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
  const windowStart = new Date(Math.floor(now.getTime() / limit.windowMs) * limit.windowMs);
  const row = await prisma.$transaction(async (tx) => {
    const current = await tx.rateLimitWindow.findUnique({ where: { key: id } });
    if (!current || current.windowStart.getTime() !== windowStart.getTime()) {
      return tx.rateLimitWindow.upsert({
        where: { key: id },
        create: { key: id, windowStart, count: 1 },
        update: { windowStart, count: 1 },
      });
    }
    return tx.rateLimitWindow.update({ where: { key: id }, data: { count: { increment: 1 } } });
  });
  if (row.count <= limit.max) return 0;
  return Math.max(1, Math.ceil((windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
}

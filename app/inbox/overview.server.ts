import prisma from "../db.server";

/** The figures on the admin home page, for one shop. */
export async function shopOverview(shop: string, now = new Date()) {
  const since = new Date(now.getTime() - 7 * 24 * 3600_000);
  const [waiting, assigned, lastWeek, handedOff, articles, dataRequests] = await Promise.all([
    prisma.conversation.count({ where: { shop, status: "waiting" } }),
    prisma.conversation.count({ where: { shop, status: "assigned" } }),
    prisma.conversation.count({ where: { shop, createdAt: { gte: since } } }),
    prisma.conversation.count({ where: { shop, createdAt: { gte: since }, handoffReason: { not: null } } }),
    prisma.knowledgeArticle.count({ where: { shop } }),
    prisma.dataRequest.count({ where: { shop } }),
  ]);
  return {
    waiting,
    assigned,
    lastWeek,
    botResolvedShare: lastWeek ? (lastWeek - handedOff) / lastWeek : null,
    articles,
    dataRequests,
  };
}

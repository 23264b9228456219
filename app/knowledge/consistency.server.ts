import { shopProfile } from "../chat/shop-profile.server";
import type { AdminGraphql } from "../chat/types";
import prisma from "../db.server";
import { log } from "../log.server";
import { findConflicts, type Conflict } from "./consistency";
import { policyDoc } from "./knowledge.server";

/**
 * Every article of a shop that contradicts its policies on times or prices, drafts included (they are about to be
 * published). Null when the policies could not be read: the page then says it could not check, rather than nothing.
 */
export async function knowledgeConflicts(shop: string, graphql: AdminGraphql): Promise<Conflict[] | null> {
  let policies;
  try {
    policies = (await shopProfile(shop, graphql)).shopPolicies;
  } catch (error) {
    log.warn("knowledge check could not read the shop's policies", { shop, error: String(error) });
    return null;
  }
  const articles = await prisma.knowledgeArticle.findMany({
    where: { shop },
    orderBy: { updatedAt: "desc" },
    select: { id: true, title: true, body: true },
  });
  return findConflicts(articles, policies.map(policyDoc));
}

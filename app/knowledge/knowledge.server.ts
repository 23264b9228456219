import { z } from "zod";
import prisma from "../db.server";
import { htmlToText, type KnowledgeDoc } from "./search";

export const ArticleInput = z.object({
  title: z.string().trim().min(3, "Give the article a title of at least 3 characters").max(200),
  body: z.string().trim().min(10, "Write at least a sentence").max(20_000),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "Choose a language"),
  kind: z.enum(["article", "faq"]),
  published: z.boolean(),
});
export type ArticleInput = z.infer<typeof ArticleInput>;

/** A shop's articles, newest first. */
export function listArticles(shop: string) {
  return prisma.knowledgeArticle.findMany({ where: { shop }, orderBy: { updatedAt: "desc" } });
}

export function createArticle(shop: string, input: ArticleInput) {
  return prisma.knowledgeArticle.create({ data: { shop, ...input } });
}

/** Updates an article of this shop only; returns false when the shop has no such article. */
export async function updateArticle(shop: string, id: string, input: ArticleInput) {
  const { count } = await prisma.knowledgeArticle.updateMany({ where: { shop, id }, data: input });
  return count > 0;
}

export async function deleteArticle(shop: string, id: string) {
  const { count } = await prisma.knowledgeArticle.deleteMany({ where: { shop, id } });
  return count > 0;
}

/** A legal policy as the Admin API gives it (`shop.shopPolicies`). */
export interface ShopPolicy {
  type: string;
  title: string;
  body: string;
  url: string;
}

/**
 * The documents the bot may quote for a shop, in a language: published articles in that language (and English
 * ones as a fallback), plus the shop's legal policies, which are written in the shop's language (`policyLanguage`).
 */
export async function knowledgeDocs(
  shop: string,
  language: string,
  policies: ShopPolicy[],
  policyLanguage = "en",
): Promise<KnowledgeDoc[]> {
  const base = language.split("-")[0];
  const articles = await prisma.knowledgeArticle.findMany({
    where: { shop, published: true, language: { in: [...new Set([language, base, "en"])] } },
    select: { id: true, title: true, body: true, kind: true, language: true },
  });
  // Prefer the shopper's language: drop an English article when one in their language has the same title.
  const own = articles.filter((a) => a.language !== "en" || base === "en");
  const docs: KnowledgeDoc[] = (own.length ? own : articles).map((a) => ({
    id: a.id,
    source: a.title,
    title: a.title,
    body: a.body,
    kind: a.kind,
    language: a.language,
  }));
  for (const p of policies) {
    docs.push({ ...policyDoc(p), language: policyLanguage });
  }
  return docs;
}

/** A policy as a document the bot may quote. */
export function policyDoc(p: ShopPolicy): KnowledgeDoc {
  return { id: p.type, source: p.title, title: p.title, body: htmlToText(p.body), url: p.url, kind: p.type, policy: true };
}

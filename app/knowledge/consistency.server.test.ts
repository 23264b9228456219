// What the Knowledge base page warns about, for the demo shop as it ships (its shipping FAQ disagrees with its own
// Shipping policy) and once the merchant has fixed an article.
import { graphql as gql, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../test/fixtures";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../test/shopify";
import { clearShopProfiles } from "../chat/shop-profile.server";
import prisma from "../db.server";
import type { AdminStandIn } from "../demo/admin-api";
import { seedDemo } from "../demo/seed.server";
import { DEMO_SHOP_DOMAIN } from "../demo/shop-data";
import { createAdminClient } from "../shopify/client.server";
import { knowledgeConflicts } from "./consistency.server";
import { updateArticle } from "./knowledge.server";

const SHOP = DEMO_SHOP_DOMAIN;
let standIn: AdminStandIn;
const server = useShopifyAdmin(() => standIn);
const graphql = createAdminClient(adminGraphqlFor(), { backoffMs: 1, maxTries: 1 }).request;

beforeEach(async () => {
  await resetDatabase();
  clearShopProfiles();
  standIn = demoStandIn();
  await seedDemo(prisma, standIn.data);
});

describe("the Knowledge base page's policy check", () => {
  it("lists the demo shop's shipping FAQ against its Shipping policy, and leaves the agreeing articles out", async () => {
    const conflicts = (await knowledgeConflicts(SHOP, graphql))!;
    const english = conflicts.filter((c) => c.articleTitle === "How long does shipping take?");
    expect(english.map((c) => [c.topic, c.articleSays, c.policySays, c.policyTitle])).toEqual([
      ["Standard shipping to the United States: delivery time", "3–5 business days", "3 to 6 business days", "Shipping policy"],
      ["Shipping to Canada: delivery time", "5–10 business days", "4 to 8 business days", "Shipping policy"],
      ["Shipping to Europe: delivery time", "5–10 business days", "3 to 7 business days", "Shipping policy"],
      ["Order processing time", "ship the same day", "1 to 2 business days", "Shipping policy"],
    ]);
    const titles = new Set(conflicts.map((c) => c.articleTitle));
    expect(titles).toContain("配送にはどのくらいかかりますか？");
    expect(titles).not.toContain("Is there a cancellation fee?");
    expect(titles).not.toContain("Size guide");
  });

  it("stops warning about an article once it says what the policy says", async () => {
    const article = await prisma.knowledgeArticle.findFirstOrThrow({ where: { shop: SHOP, language: "en", title: "How long does shipping take?" } });
    const fixed = await updateArticle(SHOP, article.id, {
      title: article.title,
      body: "Standard shipping takes 3 to 6 business days in the US; Canada Post Expedited takes 4 to 8 business days to Canada.",
      language: "en",
      kind: "faq",
      published: true,
    });
    expect(fixed).toBe(true);
    const conflicts = (await knowledgeConflicts(SHOP, graphql))!;
    expect(conflicts.filter((c) => c.articleId === article.id)).toEqual([]);
    expect(conflicts.length).toBeGreaterThan(0);
  });

  it("says it could not check when the policies cannot be read", async () => {
    server.use(gql.query("ShopProfile", () => HttpResponse.json({ errors: [{ message: "Internal error" }] }, { status: 500 })));
    expect(await knowledgeConflicts(SHOP, graphql)).toBeNull();
  });
});

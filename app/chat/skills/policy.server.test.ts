// The demo shop's knowledge base as it ships: its shipping FAQ in six languages says other times than the shop's own
// Shipping policy (3–5 days instead of 3 to 6, and no price). Shoppers must get the policy, in every language.
import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../../test/fixtures";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../../test/shopify";
import prisma from "../../db.server";
import type { AdminStandIn } from "../../demo/admin-api";
import { seedDemo } from "../../demo/seed.server";
import { DEMO_SHOP_DOMAIN } from "../../demo/shop-data";
import { createAdminClient } from "../../shopify/client.server";
import { clearCatalogs } from "../catalog.server";
import { sendMessage } from "../service.server";
import { clearShopProfiles } from "../shop-profile.server";

const SHOP = DEMO_SHOP_DOMAIN;
let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);
const graphql = createAdminClient(adminGraphqlFor(), { backoffMs: 1, maxTries: 2 }).request;

let seq = 0;
async function ask(text: string) {
  const visitorId = `visitor-${Date.now().toString(36)}-${++seq}-policies`;
  const answer = await sendMessage(SHOP, null, { visitorId, clientMessageId: `msg-${++seq}-policies`, text }, graphql);
  const bot = await prisma.message.findMany({
    where: { shop: SHOP, author: "bot", conversation: { visitorId } },
    orderBy: { id: "asc" },
  });
  return {
    text: answer.messages.filter((m) => m.author === "bot").map((m) => m.text).join("\n"),
    meta: bot.map((m) => JSON.parse(m.meta ?? "{}") as Record<string, unknown>),
  };
}

beforeEach(async () => {
  await resetDatabase();
  clearShopProfiles();
  clearCatalogs();
  standIn = demoStandIn();
  await seedDemo(prisma, standIn.data);
});

describe("policies win over an article that contradicts them", () => {
  it("answers 'how much is standard shipping?' with the policy's price, naming the policy", async () => {
    const answer = await ask("how much is standard shipping?");
    expect(answer.text).toMatch(/^From “Shipping policy”: /);
    expect(answer.text).toContain("free on orders over $100 and $8 otherwise");
    expect(answer.text).not.toMatch(/3–5 business days/);
    expect(answer.text).not.toMatch(/written in/);
    expect(answer.meta[0]).toMatchObject({ sourceId: "SHIPPING_POLICY", sourceLanguage: "en" });
  });

  it("answers 'how long does shipping take?' with the policy's times, not the article's", async () => {
    const answer = await ask("how long does shipping take?");
    expect(answer.text).toMatch(/^From “Shipping policy”: United States: Standard shipping \(USPS or UPS Ground, 3 to 6 business days\)/);
    expect(answer.text).not.toMatch(/3–5 business days/);
    // The article it would have quoted before, and which the Knowledge base page warns about.
    const article = await prisma.knowledgeArticle.findFirstOrThrow({ where: { shop: SHOP, title: "How long does shipping take?" } });
    expect((await ask("how long does shipping take?")).meta[0].overridden).toBe(article.id);
  });

  it("quotes the English policy in a Japanese answer and says it is written in English", async () => {
    const answer = await ask("通常配送の送料はいくらですか？");
    expect(answer.text).toMatch(/^当ショップの「Shipping policy」（英語で書かれています）より：/);
    expect(answer.text).toContain("$8");
    expect(answer.text).toContain("$100");
    expect(answer.text).not.toMatch(/3〜5営業日/);
    expect(answer.meta[0]).toMatchObject({ sourceId: "SHIPPING_POLICY", sourceLanguage: "en" });
  });

  it("does the same in Spanish", async () => {
    const answer = await ask("¿Cuánto cuesta el envío estándar?");
    expect(answer.text).toMatch(/^Según nuestra página “Shipping policy”, que está escrita en inglés: /);
    expect(answer.text).toContain("$8");
    expect(answer.text).not.toMatch(/de 3 a 5 días/);
  });

  it("still quotes an article that agrees with the policies, without a language note in its own language", async () => {
    await prisma.knowledgeArticle.updateMany({
      where: { shop: SHOP, language: "es" },
      data: { body: "El envío estándar a EE. UU. tarda de 3 a 6 días hábiles y cuesta 8 $ (gratis en pedidos de más de 100 $)." },
    });
    const answer = await ask("¿Cuánto tarda el envío estándar?");
    expect(answer.text).toMatch(/^Según nuestra página “¿Cuánto tarda el envío\?”: El envío estándar a EE\. UU\. tarda de 3 a 6/);
    expect(answer.meta[0]).toMatchObject({ sourceLanguage: "es" });
    expect(answer.meta[0].overridden).toBeUndefined();
  });
});

describe("no answer", () => {
  it("marks the reply as a refusal when nothing in the policies answers", async () => {
    await prisma.knowledgeArticle.deleteMany({ where: { shop: SHOP } });
    standIn.data.shop.shopPolicies.splice(0);
    const answer = await ask("what payment methods do you accept?");
    expect(answer.text).toMatch(/couldn't find that in our policies/);
    expect(answer.meta[0]).toMatchObject({ refusal: true });
  });
});

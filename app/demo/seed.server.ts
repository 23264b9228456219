import type { PrismaClient } from "@prisma/client";
import { APP_SCOPES } from "../shopify.server";
import { DEMO_ACCESS_TOKEN } from "./admin-api";
import type { DemoShop } from "./shop-data";

const ARTICLES = [
  {
    language: "en",
    kind: "faq",
    title: "How long does shipping take?",
    body: "Standard shipping takes 3–5 business days in the US and 5–10 business days to Canada and Europe. Express shipping arrives in 1–2 business days. Orders placed before 1 pm Eastern ship the same day.",
  },
  {
    language: "en",
    kind: "faq",
    title: "Which payment methods do you accept?",
    body: "We accept Visa, Mastercard, American Express, PayPal, Apple Pay, Google Pay and Shop Pay. Payment is taken when you place the order.",
  },
  {
    language: "en",
    kind: "faq",
    title: "Do you have discount codes?",
    body: "Sign up to our newsletter for 10% off your first order. We run a seasonal sale twice a year; discount codes can't be combined.",
  },
  {
    language: "en",
    kind: "faq",
    title: "Is there a cancellation fee?",
    body: "There is no cancellation fee. You can cancel an order free of charge until it ships; after that, return it within 30 days of delivery.",
  },
  {
    language: "en",
    kind: "article",
    title: "Size guide",
    body: "Our shirts run true to size. If you are between sizes, choose the larger one for a relaxed fit. Knitwear is slightly oversized.",
  },
  {
    language: "fr",
    kind: "faq",
    title: "Quels sont les délais de livraison ?",
    body: "La livraison standard prend 5 à 10 jours ouvrés vers l'Europe. La livraison express arrive en 2 à 4 jours ouvrés.",
  },
  {
    language: "es",
    kind: "faq",
    title: "¿Cuánto tarda el envío?",
    body: "El envío estándar tarda de 3 a 5 días hábiles en EE. UU. y de 5 a 10 días hábiles a Europa. El envío exprés llega en 1 a 2 días hábiles.",
  },
  {
    language: "de",
    kind: "faq",
    title: "Wie lange dauert der Versand?",
    body: "Der Standardversand nach Europa dauert 5–10 Werktage, der Expressversand 2–4 Werktage.",
  },
  {
    language: "zh-CN",
    kind: "faq",
    title: "配送需要多长时间？",
    body: "标准配送在美国需要3–5个工作日，寄往欧洲和加拿大需要5–10个工作日。加急配送1–2个工作日送达。",
  },
  {
    language: "ja",
    kind: "faq",
    title: "配送にはどのくらいかかりますか？",
    body: "通常配送はアメリカ国内で3〜5営業日、ヨーロッパとカナダへは5〜10営業日です。速達は1〜2営業日でお届けします。",
  },
];

/**
 * Makes the demo shop look installed: its offline session (so the Admin API stand-in accepts the app's calls),
 * settings, knowledge base and a few conversations for the Inbox. Safe to run again: it only fills what is missing.
 */
export async function seedDemo(prisma: PrismaClient, demo: DemoShop) {
  const shop = demo.shop.myshopifyDomain;
  await prisma.session.upsert({
    where: { id: `offline_${shop}` },
    create: {
      id: `offline_${shop}`,
      shop,
      state: "",
      isOnline: false,
      scope: APP_SCOPES,
      accessToken: DEMO_ACCESS_TOKEN,
    },
    update: { accessToken: DEMO_ACCESS_TOKEN, scope: APP_SCOPES },
  });
  await prisma.shop.upsert({
    where: { shop },
    create: {
      shop,
      name: demo.shop.name,
      currency: demo.shop.currencyCode,
      primaryLocale: "en",
      scopes: APP_SCOPES,
    },
    update: { uninstalledAt: null },
  });
  const weekdays = Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "18:00"]]])
  );
  await prisma.shopSettings.upsert({
    where: { shop },
    create: {
      shop,
      languages: JSON.stringify(["en", "zh-CN", "es", "fr", "de", "ja"]),
      timezone: demo.shop.ianaTimezone,
      businessHours: JSON.stringify(weekdays),
    },
    update: {},
  });
  if ((await prisma.knowledgeArticle.count({ where: { shop } })) === 0) {
    await prisma.knowledgeArticle.createMany({
      data: ARTICLES.map((a) => ({ shop, ...a })),
    });
  }
  if ((await prisma.conversation.count({ where: { shop } })) === 0)
    await seedInbox(prisma, shop, demo);
}

async function seedInbox(prisma: PrismaClient, shop: string, demo: DemoShop) {
  const customer = demo.customers[3];
  const late = demo.orders.find((o) => o.scenario === "late") ?? demo.orders[0];
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  const convos = [
    {
      status: "waiting",
      handoffReason: "angry",
      language: "en",
      sentiment: -0.8,
      customerEmail: late.email,
      messages: [
        [
          "shopper",
          `My order ${late.name} was supposed to be here last week. This is ridiculous!!`,
          -0.8,
        ],
        [
          "bot",
          "I'm sorry this has been frustrating. I'm passing you to a member of our team with this conversation.",
          null,
        ],
      ],
    },
    {
      status: "waiting",
      handoffReason: "explicit_request",
      language: "fr",
      sentiment: 0,
      customerEmail: customer.email,
      messages: [
        [
          "shopper",
          "Bonjour, je voudrais parler à quelqu'un au sujet d'un cadeau",
          0.1,
        ],
        [
          "bot",
          "Je transmets la conversation à un membre de notre équipe.",
          null,
        ],
      ],
    },
    {
      status: "closed",
      handoffReason: null,
      language: "en",
      sentiment: 0.6,
      customerEmail: null,
      csatScore: 5,
      messages: [
        ["shopper", "is the merino crew in stock in M?", 0],
        ["bot", "Yes, it's in stock.", null],
        ["shopper", "great thanks!", 0.8],
      ],
    },
  ] as const;
  for (const [i, c] of convos.entries()) {
    const start = minutesAgo(60 * (i + 1));
    await prisma.conversation.create({
      data: {
        shop,
        visitorId: `demo-visitor-000000${i}`,
        status: c.status,
        handoffReason: c.handoffReason,
        language: c.language,
        sentiment: c.sentiment,
        customerEmail: c.customerEmail,
        csatScore: "csatScore" in c ? c.csatScore : null,
        createdAt: start,
        lastMessageAt: minutesAgo(60 * (i + 1) - c.messages.length),
        closedAt: c.status === "closed" ? minutesAgo(60 * i + 30) : null,
        messages: {
          create: c.messages.map(([author, text, sentiment], j) => ({
            shop,
            author,
            text,
            sentiment,
            createdAt: new Date(start.getTime() + j * 30_000),
          })),
        },
        events: c.handoffReason
          ? {
              create: [
                {
                  shop,
                  kind: "handoff",
                  reason: c.handoffReason,
                  createdAt: start,
                },
              ],
            }
          : undefined,
      },
    });
  }
}

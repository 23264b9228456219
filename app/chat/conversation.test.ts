import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../db.server";
import { createAdminClient } from "../shopify/client.server";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../test/shopify";
import { resetDatabase } from "../../test/fixtures";
import { chatShopper } from "../../test/chat";
import type { AdminStandIn } from "../demo/admin-api";
import { DEMO_SHOP_DOMAIN } from "../demo/shop-data";
import { clearShopProfiles } from "./shop-profile.server";
import { clearCatalogs } from "./catalog.server";

const SHOP = DEMO_SHOP_DOMAIN;
let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);
const graphql = createAdminClient(adminGraphqlFor(), { backoffMs: 1, maxTries: 2 }).request;

/** A shopper in the storefront chat: each call is one message, answered by the real engine against the demo shop. */
const shopper = (opts: { customerId?: string | null; locale?: string } = {}) => chatShopper(graphql, opts);

const order = (name: string) => standIn.data.orders.find((o) => o.name === name)!;
const conversationOf = (visitorId: string) => prisma.conversation.findFirstOrThrow({ where: { shop: SHOP, visitorId } });

beforeEach(async () => {
  await resetDatabase();
  clearShopProfiles();
  clearCatalogs();
  standIn = demoStandIn();
});

describe("verification", () => {
  it("refuses to show an order to an unverified shopper and reveals it after the right email", async () => {
    const tracking = order("#1027").fulfillments[0].trackingInfo[0].number;
    const s = shopper();
    const first = await s.say("where is my order #1027?");
    expect(first.text).toMatch(/email address or phone number/);
    expect(first.text).not.toContain(tracking);

    const wrong = await s.say("someone.else@example.com");
    expect(wrong.text).toMatch(/doesn't match/);
    expect(wrong.text).not.toContain(tracking);
    expect(wrong.text).not.toMatch(/Canada Post|transit|deliver/i);

    const right = await s.say("zoe.parker@example.org");
    expect(right.text).toContain(tracking);
    expect(right.text).toMatch(/running late/);
  });

  it("accepts the phone number on the order instead of the email", async () => {
    const o = order("#1001");
    const s = shopper();
    const answer = await s.say(`status of order 1001, my phone is ${o.phone ?? standIn.data.customers.find((c) => c.id === o.customerId)!.phone}`);
    expect(answer.text).toMatch(/Delivered on/);
  });

  it("recognises the logged-in owner without asking, and asks for proof for someone else's order", async () => {
    const own = shopper({ customerId: order("#1027").customerId });
    expect((await own.say("where is order #1027")).text).toContain(order("#1027").fulfillments[0].trackingInfo[0].number);
    const other = await own.say("and order #1001?");
    expect(other.text).toMatch(/email address or phone number/);
  });

  it("stops checking after repeated wrong contact details and hands over", async () => {
    const s = shopper();
    await s.say("track order #1001");
    for (let i = 0; i < 5; i++) await s.say(`guess${i}@example.com`);
    const locked = await s.say("yuki.tanaka@example.org");
    expect(locked.text).toMatch(/security/);
    expect(locked.text).not.toMatch(/Delivered on/);
    expect((await conversationOf(s.visitorId)).handoffReason).toBe("verification_locked");
  });
});

describe("guessing across visitors", () => {
  it("locks an order after repeated failures even when each guess comes from a new visitor", async () => {
    for (let i = 0; i < 10; i++) await shopper().say(`track order #1043 guess${i}@example.com`);
    const owner = await shopper().say("track order #1043 zoe.parker@example.org");
    expect(owner.text).toMatch(/security/);
    expect(owner.text).not.toContain(order("#1043").fulfillments[0].trackingInfo[0].number);
    // Another order is not affected.
    expect((await shopper().say("track order #1001 yuki.tanaka@example.org")).text).toMatch(/Delivered on/);
  });
});

describe("order status and tracking", () => {
  it("answers a follow-up about the date in one line (date, carrier, tracking), not the whole status again", async () => {
    const s = shopper();
    const first = await s.say("where is my order #1043 zoe.parker@example.org");
    expect(first.text).toContain(order("#1043").fulfillments[0].trackingInfo[0].number);
    const followUp = await s.say("and when will it arrive?");
    expect(followUp.text).toMatch(/^Order #1043 should arrive on \w+day, \w+ \d+ \(Canada Post, tracking number \d+\)\.$/);
    expect(followUp.replies).toHaveLength(1);
    expect(followUp.text).not.toContain(order("#1043").statusPageUrl);
  });

  it("answers in Spanish with the carrier's tracking link", async () => {
    const o = order("#1043");
    const s = shopper();
    const answer = await s.say(`¿Dónde está mi pedido #1043? Mi correo es ${o.email}`);
    expect(answer.text).toMatch(/Pedido #1043/);
    expect(answer.text).toContain(o.fulfillments[0].trackingInfo[0].url);
  });

  it("answers in Chinese", async () => {
    const s = shopper();
    const answer = await s.say("我的订单#1025在哪里？邮箱 olivia.nguyen@example.com");
    expect(answer.text).toMatch(/订单/);
    expect(answer.text).toContain("#1025");
  });

  it("explains a failed delivery", async () => {
    const s = shopper();
    const answer = await s.say("where is order #1025 olivia.nguyen@example.com");
    expect(answer.text).toMatch(/could not deliver/);
  });

  it("links the invoice on the order status page", async () => {
    const s = shopper();
    const answer = await s.say("can I get the invoice for order #1001? yuki.tanaka@example.org");
    expect(answer.text).toContain(order("#1001").statusPageUrl);
  });
});

describe("cancel", () => {
  it("cancels an unshipped order only after an explicit yes", async () => {
    const s = shopper();
    const ask = await s.say("please cancel my order #1051, email yuki.tanaka@example.org");
    expect(ask.text).toMatch(/Do you want me to cancel order #1051/);
    expect(order("#1051").cancelledAt).toBeNull();
    const done = await s.say("yes");
    expect(done.text).toMatch(/order #1051 is cancelled/);
    expect(order("#1051").cancelledAt).not.toBeNull();
    const outcome = await prisma.conversationOutcome.findFirst({ where: { shop: SHOP, kind: "cancel" } });
    expect(outcome?.orderId).toBe(order("#1051").id);
  });

  it("asks for confirmation in French and keeps the order on non", async () => {
    const s = shopper();
    const ask = await s.say("Je veux annuler ma commande #1053, mon email est noah.fischer@example.net");
    expect(ask.text).toMatch(/annuler la commande #1053|annule|#1053/);
    expect(ask.replies.join(" ")).toMatch(/oui|non/i);
    const kept = await s.say("non");
    expect(kept.text).toMatch(/#1053/);
    expect(order("#1053").cancelledAt).toBeNull();
  });

  it("tags the shopper's answers with the request they answer, not with what the words alone look like", async () => {
    const s = shopper();
    // The bot asks for the order, then for proof: neither answer is a request of its own.
    await s.say("I want to cancel my order");
    await s.say("#1051");
    await s.say("yuki.tanaka@example.org");
    await s.say("Yes");
    const tagged = await prisma.message.findMany({
      where: { conversationId: (await s.conversation()).id, author: "shopper" },
      orderBy: { id: "asc" },
      select: { text: true, intent: true },
    });
    expect(tagged.map((m) => m.intent)).toEqual(["cancel_order", "cancel_order", "cancel_order", "cancel_order"]);
    expect(order("#1051").cancelledAt).not.toBeNull();
  });

  it("refuses to cancel an order that has shipped", async () => {
    const s = shopper();
    const answer = await s.say("cancel order #1043 zoe.parker@example.org");
    expect(answer.text).toMatch(/already shipped/);
    expect(order("#1043").cancelledAt).toBeNull();
  });

  it("hands over when the merchant does not let shoppers cancel", async () => {
    await prisma.shopSettings.create({ data: { shop: SHOP, allowCancel: false } });
    const s = shopper();
    const answer = await s.say("cancel order #1051 yuki.tanaka@example.org");
    expect(answer.text).toMatch(/can't cancel orders in this chat/);
    expect(answer.status).toBe("waiting");
    expect(order("#1051").cancelledAt).toBeNull();
  });
});

describe("address change", () => {
  it("reads the new address back and changes it after yes", async () => {
    const s = shopper();
    const ask = await s.say("I need to change the shipping address on order #1057, sofia.romero@example.org");
    expect(ask.text).toMatch(/new shipping address/);
    const confirm = await s.say("500 Main Street, Springfield, IL 62704, US");
    expect(confirm.text).toMatch(/500 Main Street, Springfield, IL 62704, US/);
    await s.say("yes");
    expect(order("#1057").shippingAddress).toMatchObject({ address1: "500 Main Street", city: "Springfield", zip: "62704" });
  });
});

describe("returns and refunds", () => {
  it("starts a return for delivered items inside the window after confirmation", async () => {
    const s = shopper();
    const ask = await s.say("I want to return the items from order #1032 marcus.bennett@example.com");
    expect(ask.text).toMatch(/Which item from order #1032/);
    expect(ask.quickReplies).toContain("All of them");
    const why = await s.say("All of them");
    expect(why.text).toMatch(/Why are you returning /);
    const confirm = await s.say("they run small");
    expect(confirm.text).toMatch(/start a return for .* \(reason: Too small\)/);
    const done = await s.say("yes");
    expect(done.text).toMatch(/Your return .* is requested/);
    expect(order("#1032").returns.length).toBeGreaterThan(0);
  });

  it("refuses a return outside the return window", async () => {
    const s = shopper();
    const answer = await s.say("return order #1001 please, yuki.tanaka@example.org");
    expect(answer.text).toMatch(/outside our return window/);
    expect(order("#1001").returns).toHaveLength(0);
  });

  it("reports refunds with amount and date", async () => {
    const s = shopper();
    const answer = await s.say("where is my refund for order #1012? sofia.romero@example.org");
    expect(answer.text).toMatch(/A refund of .* was issued on/);
  });

  it("reports refunds in German", async () => {
    const s = shopper();
    const answer = await s.say("Wo bleibt meine Rückerstattung für Bestellung #1008? diego.alvarez@example.net");
    expect(answer.text).toMatch(/Rückerstattung|erstattet/);
  });
});

describe("products, policies and accounts", () => {
  it("answers stock for a size from the live catalog", async () => {
    const s = shopper();
    const answer = await s.say("is the merino crew sweater in stock in M?");
    expect(answer.text).toMatch(/Merino Crew Sweater/);
    expect(answer.text).toMatch(/M \//);
  });

  it("quotes the shop's refund policy and names it", async () => {
    const s = shopper();
    const answer = await s.say("what is your refund policy?");
    expect(answer.text).toMatch(/Refund policy/i);
    expect(answer.text).toMatch(/30-day|30 days/);
  });

  it("answers a shipping question from the knowledge base in Japanese", async () => {
    await prisma.knowledgeArticle.create({
      data: { shop: SHOP, language: "ja", kind: "faq", title: "配送にはどのくらいかかりますか？", body: "通常配送は3〜5営業日です。" },
    });
    const s = shopper();
    const answer = await s.say("配送にはどのくらいかかりますか？");
    expect(answer.text).toMatch(/3〜5営業日/);
  });

  it("points account questions to the customer account pages", async () => {
    const s = shopper();
    const answer = await s.say("how do I reset my password?");
    expect(answer.text).toMatch(/\/account\/login/);
  });
});

describe("handoff", () => {
  it("hands over on an explicit request and says when to expect an answer", async () => {
    const s = shopper();
    const answer = await s.say("I want to talk to a human agent");
    expect(answer.status).toBe("waiting");
    expect(answer.text).toMatch(/member of our team/);
    const c = await conversationOf(s.visitorId);
    expect(c.handoffReason).toBe("explicit_request");
    expect(await prisma.conversationEvent.count({ where: { conversationId: c.id, kind: "handoff" } })).toBe(1);
  });

  it("hands an angry shopper to a person", async () => {
    const s = shopper();
    const answer = await s.say("THIS IS RIDICULOUS!!! my package is 2 weeks late and nobody answers, worst service ever");
    expect(answer.status).toBe("waiting");
    expect((await conversationOf(s.visitorId)).handoffReason).toMatch(/angry|complaint/);
  });

  it("spells out the choices on the second message it does not understand and hands over on the third", async () => {
    const s = shopper();
    const first = await s.say("blorf wibble snark");
    expect(first.status).toBe("bot");
    const second = await s.say("zzqx plonk frobnicate");
    expect(second.status).toBe("bot");
    expect(second.text).not.toBe(first.text);
    expect(second.quickReplies).toEqual(expect.arrayContaining(["Track my order", "Check a refund", "Talk to a person"]));
    const third = await s.say("glorp");
    expect(third.status).toBe("waiting");
    expect((await conversationOf(s.visitorId)).handoffReason).toBe("low_confidence");
  });

  it("stops answering once a person has the conversation", async () => {
    const s = shopper();
    await s.say("talk to a person please");
    const later = await s.say("hello?");
    expect(later.replies).toHaveLength(0);
    expect(later.messages.map((m) => m.text)).toEqual(["hello?"]);
  });

  it("answers honestly when Shopify does not respond, without inventing a status", async () => {
    const s = shopper();
    standIn.injectFaults(502, 502, 502, 502, 502, 502);
    const answer = await s.say("where is order #1043 zoe.parker@example.org");
    expect(answer.text).toMatch(/can't reach the shop's order system/);
    expect(answer.text).not.toMatch(/transit|Delivered/);
  });
});

describe("verified contacts", () => {
  it("shows another order placed with an email the shopper already proved, and not one placed with another email", async () => {
    const s = shopper();
    await s.say("where is order #1043? zoe.parker@example.org");
    const second = await s.say("and order #1027?");
    expect(second.text).toContain(order("#1027").fulfillments[0].trackingInfo[0].number);
    const third = await s.say("what about order #1001?");
    expect(third.text).toMatch(/email address or phone number/);
  });
});

describe("reply language", () => {
  it("keeps the conversation's language when a message cannot tell, and switches on a clear one", async () => {
    const s = shopper({ locale: "de-DE" });
    await s.say("Hallo, wo ist meine Bestellung?");
    // "super" is German, French and English alike: the detector is unsure, so the reply stays German.
    await s.say("super");
    expect((await conversationOf(s.visitorId)).language).toBe("de");
    await s.say("¿Cuánto tarda el envío a Madrid?");
    expect((await conversationOf(s.visitorId)).language).toBe("es");
  });
});

describe("every skill in a second language", () => {
  it("changes an address in Spanish", async () => {
    const s = shopper();
    const ask = await s.say("Quiero cambiar la dirección de envío del pedido #1057, sofia.romero@example.org");
    expect(ask.text).toMatch(/nueva dirección/i);
  });

  it("starts a return in French", async () => {
    const s = shopper();
    const ask = await s.say("Je voudrais retourner les articles de la commande #1032, marcus.bennett@example.com");
    expect(ask.text).toMatch(/retour/i);
    await s.say(ask.quickReplies.at(-1)!);
    const confirm = await s.say("c'est trop petit");
    expect(confirm.text).toMatch(/retour/i);
    const done = await s.say("oui");
    expect(done.text).toMatch(/retour/i);
    expect(order("#1032").returns.length).toBeGreaterThan(0);
  });

  it("links the invoice in German", async () => {
    const s = shopper();
    const answer = await s.say("Ich brauche die Rechnung für Bestellung #1001, yuki.tanaka@example.org");
    expect(answer.text).toContain(order("#1001").statusPageUrl);
    expect(answer.text).toMatch(/Rechnung/);
  });

  it("answers a stock question in Spanish", async () => {
    const s = shopper();
    const answer = await s.say("¿Tienen el Merino Crew Sweater en talla M?");
    expect(answer.text).toMatch(/Merino Crew Sweater/);
    expect(answer.text).toMatch(/existencias|agotado|disponible|quedan/i);
  });

  it("points to the account pages in French", async () => {
    const s = shopper();
    const answer = await s.say("J'ai oublié mon mot de passe");
    expect(answer.text).toMatch(/\/account\/login/);
  });

  it("says so when it answers in English for a language it has no templates for", async () => {
    const s = shopper();
    const answer = await s.say("Dov'è il mio ordine #1043? La mia email è zoe.parker@example.org");
    expect(answer.text).toMatch(/can't write in your language yet/);
    expect(answer.text).toMatch(/Order #1043/);
  });
});

describe("merchant settings and knowledge take effect at once", () => {
  it("answers from a knowledge article as soon as it is published, naming it", async () => {
    const { createArticle } = await import("../knowledge/knowledge.server");
    await createArticle(SHOP, {
      title: "Gift wrapping",
      body: "We gift wrap any order for $5; choose gift wrapping at checkout and add a note for the card.",
      language: "en",
      kind: "faq",
      published: true,
    });
    const s = shopper();
    const answer = await s.say("do you offer gift wrapping for my order?");
    expect(answer.text).toMatch(/Gift wrapping/);
    expect(answer.text).toMatch(/\$5/);
  });

  it("hands every message to a person while the bot is switched off", async () => {
    await prisma.shopSettings.create({ data: { shop: SHOP, botEnabled: false } });
    const s = shopper();
    const answer = await s.say("where is my order #1043 zoe.parker@example.org");
    expect(answer.status).toBe("waiting");
    expect(answer.text).not.toMatch(/tracking/);
  });
});

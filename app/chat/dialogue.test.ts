import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../db.server";
import { createAdminClient } from "../shopify/client.server";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../test/shopify";
import { resetDatabase } from "../../test/fixtures";
import { chatShopper } from "../../test/chat";
import type { AdminStandIn } from "../demo/admin-api";
import type { DemoOrderScenario } from "../demo/shop-data";
import { formatDate, formatMoney } from "./i18n";
import { clearShopProfiles } from "./shop-profile.server";
import { clearCatalogs } from "./catalog.server";

// Conversations that go on past the first answer (issue 9): follow-ups against the remembered order, the answer to
// the question asked, the shop's options for a parcel with a problem, and the return and refund details.

let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);
const graphql = createAdminClient(adminGraphqlFor(), { backoffMs: 1, maxTries: 2 }).request;
const shopper = (opts: { customerId?: string | null; locale?: string } = {}) => chatShopper(graphql, opts);

const orderOf = (scenario: DemoOrderScenario, index = 0) => standIn.data.orders.filter((o) => o.scenario === scenario)[index];
const trackingOf = (o: ReturnType<typeof orderOf>) => o.fulfillments[0].trackingInfo[0];
const dateIn = (locale: Parameters<typeof formatDate>[1], iso: string) => formatDate(iso, locale, standIn.data.shop.ianaTimezone);

beforeEach(async () => {
  await resetDatabase();
  clearShopProfiles();
  clearCatalogs();
  standIn = demoStandIn();
});

describe("follow-ups are answered against the remembered order", () => {
  it("answers 'which carrier?' and 'tracking number?' with just that", async () => {
    const o = orderOf("in_transit");
    const s = shopper();
    await s.say(`where is my order ${o.name} ${o.email}`);
    const carrier = await s.say("which carrier is it with?");
    expect(carrier.text).toContain(trackingOf(o).company);
    expect(carrier.text.split("\n")).toHaveLength(1);
    const number = await s.say("tracking number?");
    expect(number.text).toContain(trackingOf(o).number);
    expect(number.text).not.toMatch(/placed/);
  });

  it("answers 'when?' in German in one line with the date", async () => {
    const o = orderOf("in_transit");
    const s = shopper();
    await s.say(`Wo ist meine Bestellung ${o.name}? ${o.email}`);
    const when = await s.say("und wann kommt sie an?");
    expect(when.text).toContain(dateIn("de", o.fulfillments[0].estimatedDeliveryAt!));
    expect(when.text.split("\n")).toHaveLength(1);
    expect(when.text).not.toContain(o.statusPageUrl);
  });

  it("answers 'and the other one?' with the logged-in shopper's other order", async () => {
    const first = orderOf("in_transit");
    const others = standIn.data.orders.filter((o) => o.customerId === first.customerId && o.name !== first.name);
    expect(others.length).toBeGreaterThan(0);
    const s = shopper({ customerId: first.customerId });
    await s.say(`where is order ${first.name}`);
    const other = await s.say("and the other one?");
    expect(others.map((o) => o.name).some((name) => other.text.includes(name))).toBe(true);
    expect(other.text).not.toMatch(/only able to help/);
  });
});

describe("a late parcel gets the shop's options, never a refusal", () => {
  it("offers wait / claim / reship / refund shipping after 'it's late, what can you do?' and keeps the promised date", async () => {
    const o = orderOf("late");
    const s = shopper();
    const status = await s.say(`where is my order ${o.name}? ${o.email}`);
    expect(status.text).toMatch(/running late/);
    const options = await s.say("it's late, what can you do?");
    expect(options.text).not.toMatch(/only able to help|didn't quite get/);
    expect(options.quickReplies).toEqual(
      expect.arrayContaining(["Open a carrier claim", "Send a replacement", "Refund the shipping", "Talk to a person"]),
    );
    const wait = options.quickReplies.find((q) => q.startsWith("Wait until"))!;
    expect(wait).toBeTruthy();
    const waited = await s.say(wait);
    expect(waited.text).toContain(wait.replace("Wait until ", ""));
    expect(waited.status).toBe("bot");
    const outcome = await prisma.conversationOutcome.findFirstOrThrow({ where: { conversationId: waited.conversationId! } });
    expect(outcome.reason).toBe("wait");
  });

  it("hands a carrier claim to a person with the reason recorded, in Spanish", async () => {
    const o = orderOf("late", 1);
    const s = shopper();
    await s.say(`hola, donde esta mi pedido ${o.name}? ${o.email}`);
    const options = await s.say("¿y qué pueden hacer?");
    expect(options.quickReplies.length).toBeGreaterThanOrEqual(3);
    const claimed = await s.say("abran una reclamación con el transportista por favor");
    expect(claimed.status).toBe("waiting");
    expect((await s.conversation()).handoffReason).toBe("carrier_claim");
    expect(claimed.text).toContain(o.name);
  });

  it("offers no waiting for a failed delivery, and the refund of shipping only where shipping was paid", async () => {
    const failed = orderOf("delivery_failed");
    const s = shopper();
    await s.say(`what happened to ${failed.name}? ${failed.email}`);
    const options = await s.say("what can you do?");
    expect(options.quickReplies.some((q) => q.startsWith("Wait"))).toBe(false);
    expect(options.quickReplies).toContain("Send a replacement");

    const free = standIn.data.orders.find((o) => o.scenario === "late" && Number(o.totalShippingPriceSet.presentmentMoney.amount) === 0);
    const paid = standIn.data.orders.find((o) => o.scenario === "late" && Number(o.totalShippingPriceSet.presentmentMoney.amount) > 0)!;
    const t = shopper();
    const offered = await t.say(`where is ${paid.name} ${paid.email}`);
    expect(offered.quickReplies).toContain("Refund the shipping");
    // A second shopper on the same order is offered the refund too, before the first takes it.
    const again = shopper();
    await again.say(`where is ${paid.name} ${paid.email}`);
    const shipping = paid.totalShippingPriceSet.presentmentMoney;
    const refundsBefore = paid.refunds.length;
    const confirm = await t.say("refund the shipping please");
    expect(confirm.text).toContain(formatMoney(shipping.amount, shipping.currencyCode, "en"));
    expect(confirm.quickReplies).toEqual(["Yes", "No"]);
    expect(paid.refunds).toHaveLength(refundsBefore);
    const done = await t.say("yes");
    expect(done.text).toMatch(/on its way back to your original payment method/);
    expect(done.status).toBe("bot");
    // A real refund in Shopify: the shipping amount, back to the order's sale.
    expect(paid.refunds).toHaveLength(refundsBefore + 1);
    expect(paid.refunds.at(-1)!.totalRefundedSet.presentmentMoney.amount).toBe(shipping.amount);
    expect(paid.displayFinancialStatus).toBe("PARTIALLY_REFUNDED");
    const outcome = await prisma.conversationOutcome.findFirstOrThrow({ where: { conversationId: done.conversationId!, kind: "refund" } });
    expect(outcome).toMatchObject({ amount: Number(shipping.amount), currency: shipping.currencyCode, reason: "shipping" });
    // Shopify refuses the same shipping twice; the bot says it failed and a person takes over.
    await again.say("refund the shipping please");
    const twice = await again.say("yes");
    expect(twice.text).toMatch(/nothing was changed/);
    expect((await again.conversation()).handoffReason).toBe("failed_action");
    // Once refunded, the shipping is no longer offered.
    const later = await shopper().say(`where is ${paid.name} ${paid.email}`);
    expect(later.quickReplies).toContain("Open a carrier claim");
    expect(later.quickReplies).not.toContain("Refund the shipping");
    if (free) {
      const u = shopper();
      const none = await u.say(`where is ${free.name} ${free.email}`);
      expect(none.quickReplies).not.toContain("Refund the shipping");
    }
  });

  it("keeps to the merchant's rules: only the options the shop allows are offered", async () => {
    await prisma.shopSettings.upsert({
      where: { shop: standIn.data.shop.myshopifyDomain },
      create: { shop: standIn.data.shop.myshopifyDomain, parcelOptions: JSON.stringify(["claim"]) },
      update: { parcelOptions: JSON.stringify(["claim"]) },
    });
    const o = orderOf("late");
    const s = shopper();
    const status = await s.say(`where is my order ${o.name}? ${o.email}`);
    expect(status.quickReplies).toEqual(["Open a carrier claim", "Talk to a person"]);
  });
});

describe("answers what was asked", () => {
  it("says where a return in progress stands instead of 'nothing can be returned', in English and Japanese", async () => {
    const o = orderOf("return_in_progress");
    const s = shopper();
    const answer = await s.say(`what's happening with my return? order ${o.name} ${o.email}`);
    expect(answer.text).toContain(o.returns[0].name);
    expect(answer.text).toMatch(/approved and open/);
    expect(answer.text).not.toMatch(/nothing that can be returned/);

    const j = shopper();
    const ja = await j.say(`注文${o.name}の返品はどうなっていますか？メールは${o.email}です`);
    expect(ja.text).toContain(o.returns[0].name);
    expect(ja.text).toMatch(/返品/);
  });

  it("starts a stock answer with yes or no for the asked variant, in English and Spanish", async () => {
    const yes = await shopper().say("is the merino crew sweater in stock in XL / Oatmeal?");
    expect(yes.text).toMatch(/^Yes, Merino Crew Sweater \(XL \/ Oatmeal\) is in stock/);
    const no = await shopper().say("do you have the merino crew sweater in M / Navy?");
    expect(no.text).toMatch(/^No, Merino Crew Sweater \(M \/ Navy\) is out of stock/);
    expect(no.text).toMatch(/In stock now: .*M \/ Forest/);
    const es = await shopper().say("¿Tienen el Merino Crew Sweater en XL / Oatmeal?");
    expect(es.text).toMatch(/^Sí/);
  });

  it("gives an unpaid order its payment link, in English and German", async () => {
    const o = orderOf("unpaid");
    expect(o.paymentCollectionUrl).toBeTruthy();
    const en = await shopper().say(`status of order ${o.name} ${o.email}`);
    expect(en.text).toMatch(/waiting for payment/);
    expect(en.text).toContain(o.paymentCollectionUrl!);
    const de = await shopper().say(`Wie ist der Stand meiner Bestellung ${o.name}? ${o.email}`);
    expect(de.text).toContain(o.paymentCollectionUrl!);
  });

  it("says a refund's amount, method and when it arrives, in English and French", async () => {
    const o = orderOf("refunded");
    const m = o.refunds[0].totalRefundedSet.presentmentMoney;
    const en = await shopper().say(`where is my refund for ${o.name}? ${o.email}`);
    expect(en.text).toContain(formatMoney(m.amount, m.currencyCode, "en"));
    expect(en.text).toMatch(/original payment method/);
    expect(en.text).toMatch(/between \w+day|already be on your statement/);
    const fr = await shopper().say(`où est mon remboursement pour la commande ${o.name} ? ${o.email}`);
    expect(fr.text).toContain(formatMoney(m.amount, m.currencyCode, "fr"));
    expect(fr.text).toMatch(/moyen de paiement/);
  });
});

describe("a return asks which items and why, and records the reason", () => {
  it("narrows to the named item, asks why, and sends Shopify's reason with the request", async () => {
    const o = standIn.data.orders.find((x) => x.name === "#1032")!;
    const title = o.lineItems[0].title;
    const s = shopper();
    const why = await s.say(`I'd like to return the ${title} from order ${o.name}, ${o.email}`);
    expect(why.text).toMatch(/Why are you returning /);
    expect(why.quickReplies).toContain("Damaged or defective");
    const confirm = await s.say("Damaged or defective");
    expect(confirm.text).toContain(title);
    expect(confirm.text).toMatch(/reason: Damaged or defective/);
    const done = await s.say("yes");
    expect(done.text).toMatch(/is requested/);
    const created = o.returns.at(-1)!;
    expect(created.returnLineItems.every((li) => li.returnReason === "DEFECTIVE")).toBe(true);
    const outcome = await prisma.conversationOutcome.findFirstOrThrow({ where: { conversationId: done.conversationId!, kind: "return" } });
    expect(outcome.reason).toBe("DEFECTIVE");
  });

  it("asks which item in German when the order has several, and takes the reason in words", async () => {
    const o = standIn.data.orders.find((x) => x.name === "#1032")!;
    const s = shopper();
    const which = await s.say(`Ich möchte etwas aus Bestellung ${o.name} zurückschicken, ${o.email}`);
    expect(which.quickReplies.length).toBeGreaterThan(1);
    await s.say(which.quickReplies[0]);
    const confirm = await s.say("es ist zu groß");
    expect(confirm.text).toContain(which.quickReplies[0]);
    await s.say("ja");
    expect(o.returns.at(-1)!.returnLineItems[0].returnReason).toBe("SIZE_TOO_LARGE");
  });
});

describe("never two refusals in a row", () => {
  it("offers choices with the first refusal, spells them out on the second, and hands over on the third", async () => {
    const s = shopper();
    const first = await s.say("tell me a joke");
    expect(first.quickReplies).toContain("Talk to a person");
    const second = await s.say("what's the weather like in paris");
    expect(second.status).toBe("bot");
    expect(second.text).not.toMatch(/only able to help|didn't quite get/);
    expect(second.quickReplies).toEqual(expect.arrayContaining(["Track my order", "Ask about a product", "Talk to a person"]));
    const third = await s.say("who will win the world cup");
    expect(third.status).toBe("waiting");
  });

  it("says in Spanish, after a refund, when the money arrives, for a short follow-up", async () => {
    const o = orderOf("refunded");
    const s = shopper();
    await s.say(`¿dónde está mi reembolso del pedido ${o.name}? ${o.email}`);
    const when = await s.say("¿y cuándo llega a mi tarjeta?");
    expect(when.text).toMatch(/5 a 10 días hábiles/);
    expect(when.text).toContain(formatMoney(o.refunds[0].totalRefundedSet.presentmentMoney.amount, o.refunds[0].totalRefundedSet.presentmentMoney.currencyCode, "es"));
  });

  it("does the same in Japanese: choices, then the choices spelled out, never the same refusal twice", async () => {
    const s = shopper({ locale: "ja" });
    const first = await s.say("おすすめのラーメン屋を教えて");
    expect(first.quickReplies).toContain("担当者と話す");
    const second = await s.say("じゃあ明日の天気は？");
    expect(second.status).toBe("bot");
    expect(second.text).not.toBe(first.text);
    expect(second.quickReplies).toEqual(expect.arrayContaining(["配送状況を確認", "担当者と話す"]));
  });

  it("answers a Chinese follow-up about the carrier against the order, code-mixed", async () => {
    const o = orderOf("in_transit", 2);
    const s = shopper();
    await s.say(`我的订单${o.name}到哪了${o.email}`);
    const carrier = await s.say("是哪家快递？");
    expect(carrier.text).toContain(trackingOf(o).company);
    expect(carrier.text).toMatch(/订单/);
    const mixed = await s.say("tracking number发我一下");
    expect(mixed.text).toContain(trackingOf(o).number);
    expect(mixed.text).toMatch(/物流单号/);
  });

  it("answers a message that is neither a choice nor a request by repeating the offer", async () => {
    const o = orderOf("late");
    const s = shopper();
    await s.say(`where is my order ${o.name}? ${o.email}`);
    const unclear = await s.say("hmm");
    expect(unclear.quickReplies).toContain("Open a carrier claim");
    expect(unclear.status).toBe("bot");
  });
});

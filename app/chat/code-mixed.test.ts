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
import { understand } from "./understand";

// Shoppers who write Chinese or Japanese with the order number, e-mail or phone glued on (no spaces, often in full
// width), against the real engine and the demo shop's Admin API stand-in.

const SHOP = DEMO_SHOP_DOMAIN;
let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);
const graphql = createAdminClient(adminGraphqlFor(), { backoffMs: 1, maxTries: 2 }).request;

/** A shopper in the storefront chat (an English storefront unless told): each call is one message. */
const shopper = (opts: { locale?: string } = {}) => chatShopper(graphql, opts);
const languageOf = async (visitorId: string) =>
  (await prisma.conversation.findFirstOrThrow({ where: { shop: SHOP, visitorId } })).language;

/** What a CJK keyboard in full-width mode types for ASCII: "#1038" -> "＃１０３８". */
const wide = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** An order on its way, with a tracking number, an e-mail and (when asked) a phone on it. */
function shippedOrder(opts: { phone?: boolean } = {}) {
  const o = standIn.data.orders.find(
    (x) => x.scenario === "in_transit" && x.email && (!opts.phone || x.phone) && x.fulfillments[0]?.trackingInfo[0]?.number,
  );
  if (!o) throw new Error("the demo shop has no order in transit with tracking");
  const tracking = o.fulfillments[0].trackingInfo[0];
  return { order: o, number: o.name.replace(/^#/, ""), email: o.email!, phone: o.phone ?? "", tracking };
}

const KANA = /[\u3040-\u30ff]/;

beforeEach(async () => {
  await resetDatabase();
  clearShopProfiles();
  clearCatalogs();
  standIn = demoStandIn();
});

describe("code-mixed messages: Chinese", () => {
  it("gives a shopper who glues a full-width order number and their e-mail to the question the tracking number, in Chinese", async () => {
    const { number, email, tracking } = shippedOrder();
    const s = shopper();
    const answer = await s.say(`我的订单＃${wide(number)}在哪里${email}`);
    expect(answer.text).toContain(tracking.number);
    expect(answer.text).toMatch(/订单/);
    expect(answer.text).not.toMatch(/\bOrder\b|email address/);
    expect(await languageOf(s.visitorId)).toBe("zh");
  });

  it("accepts a full-width e-mail given when the bot asks for it", async () => {
    const { number, email, tracking } = shippedOrder();
    const s = shopper();
    const ask = await s.say(`我的订单＃${wide(number)}到哪了`);
    expect(ask.text).toMatch(/邮箱/);
    expect(ask.text).not.toContain(tracking.number);
    const answer = await s.say(`邮箱是${wide(email.toUpperCase())}`);
    expect(answer.text).toContain(tracking.number);
    expect(answer.text).toMatch(/订单/);
  });

  it("reads an order number glued to the e-mail as the order, not as part of the address", async () => {
    const { number, email, tracking } = shippedOrder();
    const answer = await shopper().say(`订单${number}${email}到哪了`);
    expect(answer.text).toContain(tracking.number);
    expect(answer.text).toContain(`#${number}`);
  });

  it("refuses a wrong glued e-mail without revealing anything about the order", async () => {
    const { order, number, tracking } = shippedOrder();
    const s = shopper();
    const answer = await s.say(`我的订单#${number}在哪里someone.else@example.com`);
    expect(answer.text).toMatch(/不符/);
    expect(answer.text).not.toContain(tracking.number);
    expect(answer.text).not.toContain(tracking.company);
    expect(answer.text).not.toContain(tracking.url);
    expect(answer.text).not.toContain(order.shippingAddress?.city ?? "no city on this order");
    expect(await languageOf(s.visitorId)).toBe("zh");
  });

  it("accepts the order's phone number glued to Chinese text", async () => {
    const { number, phone, tracking } = shippedOrder({ phone: true });
    const answer = await shopper().say(`我的订单${number}到哪了手机${phone.replace(/\D/g, "")}`);
    expect(answer.text).toContain(tracking.number);
    expect(answer.text).toMatch(/订单/);
  });
});

describe("code-mixed messages: Japanese", () => {
  it("gives a shopper who glues a full-width order number and their e-mail to the question the tracking number, in Japanese", async () => {
    const { number, email, tracking } = shippedOrder();
    const s = shopper();
    const answer = await s.say(`注文＃${wide(number)}はどこですか${email}`);
    expect(answer.text).toContain(tracking.number);
    expect(answer.text).toMatch(KANA);
    expect(answer.text).toMatch(/注文/);
    expect(await languageOf(s.visitorId)).toBe("ja");
  });

  it("accepts the order's phone number written in full width", async () => {
    const { number, phone, tracking } = shippedOrder({ phone: true });
    // "+17185550051" as a Japanese keyboard in full-width mode types it: "＋１ ７１８－５５５－００５１".
    const spaced = phone.replace(/^\+(\d)(\d{3})(\d{3})(\d+)$/, "+$1 $2-$3-$4");
    const answer = await shopper().say(`注文＃${wide(number)}の配送状況を教えて。電話番号は${wide(spaced)}です`);
    expect(answer.text).toContain(tracking.number);
    expect(answer.text).toMatch(KANA);
  });
});

describe("e-mail typos", () => {
  it("never corrects a mistyped e-mail on its own: verification compares what the shopper wrote", async () => {
    const { order, number, tracking } = shippedOrder();
    order.email = "lin.wei@gmail.com";
    const answer = await shopper().say(`我的订单#${number}在哪里lin.wei@gmial.com`);
    expect(answer.text).not.toContain(tracking.number);
    expect(answer.text).toMatch(/不符/);
  });

  it("hands the dialogue each e-mail as written, with a suggestion beside it where the domain looks mistyped", () => {
    const { entities } = understand("订单1038 lin.wei@gmial.com, zoe.parker@example.org");
    expect(entities.emails).toEqual(["lin.wei@gmial.com", "zoe.parker@example.org"]);
    expect(entities.emailSuggestions).toEqual(["lin.wei@gmail.com", ""]);
  });
});

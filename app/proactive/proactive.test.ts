import { beforeEach, describe, expect, it } from "vitest";
import prisma from "../db.server";
import { DEMO_API_SECRET } from "../env.server";
import { DEMO_ACCESS_TOKEN, type AdminStandIn } from "../demo/admin-api";
import { signProxyQuery } from "../demo/app-proxy";
import { DEMO_SHOP_DOMAIN } from "../demo/shop-data";
import { loader as poll } from "../routes/proxy.chat";
import { action as fulfillmentEvent } from "../routes/webhooks.fulfillment_events.create";
import { createAdminClient } from "../shopify/client.server";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../test/shopify";
import { resetDatabase } from "../../test/fixtures";
import { callAction, webhookRequest } from "../../test/webhooks";
import { drainWebhookJobs } from "../webhooks/jobs.server";
import { sweepShipments } from "./proactive.server";

const SHOP = DEMO_SHOP_DOMAIN;
let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);
const graphql = () => createAdminClient(adminGraphqlFor()).request;
const order = (name: string) => standIn.data.orders.find((o) => o.name === name)!;
const numericId = (gid: string) => gid.split("/").pop()!;

function pollAs(customerGid: string, visitorId: string, locale = "en") {
  const query = signProxyQuery(new URLSearchParams({ visitorId, after: "0", locale }), {
    shop: SHOP,
    secret: DEMO_API_SECRET,
    loggedInCustomerId: numericId(customerGid),
  });
  return callAction(poll as never, new Request(`http://localhost:3000/proxy/chat?${query}`));
}

beforeEach(async () => {
  await resetDatabase();
  standIn = demoStandIn();
  await prisma.session.create({
    data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: DEMO_ACCESS_TOKEN },
  });
});

describe("proactive outreach", () => {
  it("finds late and failed deliveries once, and tells a logged-in customer on their next visit", async () => {
    const noticed = await sweepShipments(SHOP, graphql(), standIn.data.now);
    expect(noticed).toBeGreaterThanOrEqual(3);
    expect(await sweepShipments(SHOP, graphql(), standIn.data.now)).toBe(0);
    const late = order("#1027");
    const outreach = await prisma.proactiveMessage.findFirstOrThrow({ where: { shop: SHOP, orderId: late.id } });
    expect(outreach).toMatchObject({ trigger: "late_shipment", status: "pending" });

    const res = await pollAs(late.customerId!, "visitor-zoe-000000000001");
    const body = await res.json();
    expect(body.conversationId).toBeTruthy();
    const text = body.messages.map((m: { text: string }) => m.text).join("\n");
    expect(text).toMatch(/#1027/);
    expect(text).toMatch(/running late/);
    expect(text).toContain(late.fulfillments[0].trackingInfo[0].url);
    // Told once.
    const again = await (await pollAs(late.customerId!, "visitor-zoe-000000000001")).json();
    expect(again.messages.filter((m: { text: string }) => /#1027/.test(m.text))).toHaveLength(1);
  });

  it("writes in the storefront's language and never to another customer", async () => {
    await sweepShipments(SHOP, graphql(), standIn.data.now);
    const failed = order("#1025");
    const body = await (await pollAs(failed.customerId!, "visitor-olivia-00000001", "fr")).json();
    expect(body.messages[0].text).toMatch(/commande #1025/);
    const someoneElse = standIn.data.customers.find((c) => !standIn.data.orders.some((o) => o.customerId === c.id && ["late", "delivery_failed", "attempted_delivery"].includes(o.scenario)))!;
    const other = await (await pollAs(someoneElse.id, "visitor-other-00000001")).json();
    expect(other.messages).toEqual([]);
  });

  it("posts into the customer's open conversation when a carrier reports a failed delivery", async () => {
    const failed = order("#1035");
    const conversation = await prisma.conversation.create({
      data: { shop: SHOP, visitorId: "visitor-sofia-00000001", customerEmail: failed.email.toLowerCase(), language: "es" },
    });
    const res = await callAction(
      fulfillmentEvent,
      webhookRequest({
        topic: "fulfillment_events/create",
        shop: SHOP,
        payload: { id: 1, order_id: Number(numericId(failed.id)), fulfillment_id: 2, status: "attempted_delivery" },
      }),
    );
    expect(res.status, await res.clone().text()).toBe(200);
    await drainWebhookJobs();
    const messages = await prisma.message.findMany({ where: { conversationId: conversation.id } });
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toMatch(/pedido #1035/);
  });

  it("stays quiet when the merchant turned proactive messages off", async () => {
    await prisma.shopSettings.create({ data: { shop: SHOP, proactiveEnabled: false } });
    expect(await sweepShipments(SHOP, graphql(), standIn.data.now)).toBe(0);
    expect(await prisma.proactiveMessage.count()).toBe(0);
  });
});

import { beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../db.server";
import { createAdminClient } from "../shopify/client.server";
import { adminGraphqlFor, demoStandIn, useShopifyAdmin } from "../../test/shopify";
import { resetDatabase } from "../../test/fixtures";
import { chatShopper } from "../../test/chat";
import type { AdminStandIn } from "../demo/admin-api";
import { parseFaultProfile } from "../demo/admin-api/faults";
import { clearShopProfiles } from "./shop-profile.server";
import { clearCatalogs } from "./catalog.server";

// The Admin API stand-in's fault profile (SHOPDESK_ADMIN_FAULTS in the demo and benches): what the shopper is told
// when Shopify fails, slows down or loses part of its API, and that nothing they sent is lost.

let standIn: AdminStandIn;
useShopifyAdmin(() => standIn);
const graphql = createAdminClient(adminGraphqlFor(), { backoffMs: 1, maxTries: 3 }).request;
const shopper = () => chatShopper(graphql);
const inTransit = () => standIn.data.orders.find((o) => o.scenario === "in_transit")!;

beforeEach(async () => {
  await resetDatabase();
  clearShopProfiles();
  clearCatalogs();
  // The client logs each failed try; those warnings are the expected output of these tests.
  vi.spyOn(console, "warn").mockImplementation(() => {});
});

const withProfile = (spec: string, timeoutFaultMs = 30_000) => {
  standIn = demoStandIn({ faultProfile: parseFaultProfile(spec), timeoutFaultMs });
};

describe("a partial outage of the Admin API", () => {
  it("answers honestly, hands over, and keeps the shopper's message when orders cannot be read", async () => {
    withProfile("outage=orders");
    const o = inTransit();
    const s = shopper();
    const answer = await s.say(`where is order ${o.name}? ${o.email}`);
    expect(answer.text).toMatch(/can't reach the shop's order system/);
    expect(answer.text).not.toContain(o.fulfillments[0].trackingInfo[0].number);
    expect(answer.status).toBe("waiting");
    const conversation = await s.conversation();
    expect(conversation.handoffReason).toBe("shop_unavailable");
    const stored = await prisma.message.findMany({ where: { conversationId: conversation.id, author: "shopper" } });
    expect(stored.map((m) => m.text)).toEqual([`where is order ${o.name}? ${o.email}`]);
  });

  it("still answers what does not need the part that is down (a product question while orders are out)", async () => {
    withProfile("outage=orders");
    const answer = await shopper().say("is the merino crew sweater in stock in XL / Oatmeal?");
    expect(answer.text).toMatch(/^Yes, Merino Crew Sweater \(XL \/ Oatmeal\) is in stock/);
    expect(answer.status).toBe("bot");
  });
});

describe("a struggling Admin API", () => {
  it("answers every chat right through throttling and server errors, retrying what Shopify allows", async () => {
    withProfile("throttle=0.2,5xx=0.1,seed=3");
    const o = inTransit();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => shopper().say(`where is order ${o.name}? ${o.email}`)),
    );
    const tracking = o.fulfillments[0].trackingInfo[0].number;
    // Each chat either got the real status or the honest answer and a person: never something invented.
    for (const a of answers) {
      if (a.status === "bot") expect(a.text).toContain(tracking);
      else expect(a.text).toMatch(/can't reach the shop's order system/);
    }
    expect(answers.filter((a) => a.status === "bot").length).toBeGreaterThanOrEqual(6);
  });

  it("answers a slow Shopify, only later", async () => {
    withProfile("slow=150");
    const o = inTransit();
    const started = Date.now();
    const answer = await shopper().say(`where is order ${o.name}? ${o.email}`);
    expect(answer.text).toContain(o.fulfillments[0].trackingInfo[0].number);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("gives up on answers that never come, and says so", async () => {
    withProfile("timeout=1", 20);
    const o = inTransit();
    const answer = await shopper().say(`where is order ${o.name}? ${o.email}`);
    expect(answer.text).toMatch(/can't reach the shop's order system/);
    expect(answer.status).toBe("waiting");
  });
});

describe("the fault profile setting", () => {
  it("reads every kind of fault and refuses a wrong one with a clear message", () => {
    expect(parseFaultProfile("5xx=0.1, throttle=0.2, timeout=0.02, slow=300ms, outage=orders+order, seed=7")).toEqual({
      serverErrors: 0.1,
      throttled: 0.2,
      timeouts: 0.02,
      slowMs: 300,
      outage: ["orders", "order"],
      seed: 7,
    });
    expect(parseFaultProfile("")).toBeNull();
    expect(() => parseFaultProfile("5xx=2")).toThrow(/5xx must be a share between 0 and 1/);
    expect(() => parseFaultProfile("lag=3")).toThrow(/unknown key "lag"/);
  });
});

import { describe, expect, it } from "vitest";
import {
  createDemoShop,
  DEMO_ORDERS_TO_TRY,
  type DemoOrderScenario,
} from "./shop-data";

const NOW = new Date("2026-10-15T12:00:00Z");

describe("demo shop data", () => {
  const shop = createDemoShop({ now: NOW });

  it("has a catalogue, customers and at least 60 orders", () => {
    expect(shop.products.length).toBeGreaterThanOrEqual(25);
    expect(shop.customers.length).toBeGreaterThanOrEqual(30);
    expect(shop.orders.length).toBeGreaterThanOrEqual(60);
    expect(shop.orders[0].name).toBe("#1001");
    expect(
      shop.products
        .flatMap((p) => p.variants)
        .some((v) => v.inventoryQuantity === 0)
    ).toBe(true);
    expect(
      shop.customers.every(
        (c) => c.phone === null || /^\+\d{8,15}$/.test(c.phone)
      )
    ).toBe(true);
  });

  it("covers every order state shoppers ask about", () => {
    const scenarios = new Set(shop.orders.map((o) => o.scenario));
    const required: DemoOrderScenario[] = [
      "unpaid",
      "paid_unfulfilled",
      "partially_fulfilled",
      "in_transit",
      "delivered",
      "late",
      "attempted_delivery",
      "delivery_failed",
      "cancelled",
      "partially_refunded",
      "refunded",
      "return_requested",
      "return_in_progress",
      "returned",
    ];
    for (const s of required) expect(scenarios, s).toContain(s);

    const orders = shop.orders;
    expect(orders.some((o) => o.displayFinancialStatus === "PENDING")).toBe(
      true
    );
    expect(
      orders.some((o) => o.displayFulfillmentStatus === "PARTIALLY_FULFILLED")
    ).toBe(true);
    expect(orders.some((o) => o.cancelledAt && o.cancelReason)).toBe(true);
    expect(
      orders.some(
        (o) =>
          o.displayFinancialStatus === "PARTIALLY_REFUNDED" && o.refunds.length
      )
    ).toBe(true);
    expect(
      orders.some(
        (o) => o.displayFinancialStatus === "REFUNDED" && o.refunds.length
      )
    ).toBe(true);
    for (const status of ["REQUESTED", "OPEN", "CLOSED"]) {
      expect(
        orders.some((o) => o.returns.some((r) => r.status === status)),
        status
      ).toBe(true);
    }
    const events = orders.flatMap((o) =>
      o.fulfillments.flatMap((f) => f.events.map((e) => e.status))
    );
    expect(events).toContain("ATTEMPTED_DELIVERY");
    expect(events).toContain("FAILURE");
    expect(events).toContain("DELIVERED");
    const late = orders.filter((o) => o.scenario === "late");
    for (const o of late) {
      const f = o.fulfillments[0];
      expect(f.deliveredAt).toBeNull();
      expect(Date.parse(f.estimatedDeliveryAt!)).toBeLessThan(NOW.getTime());
    }
    const inTransit = orders.filter((o) => o.scenario === "in_transit");
    for (const o of inTransit)
      expect(
        Date.parse(o.fulfillments[0].estimatedDeliveryAt!)
      ).toBeGreaterThan(NOW.getTime());
    const carriers = new Set(
      orders.flatMap((o) =>
        o.fulfillments.flatMap((f) => f.trackingInfo.map((t) => t.company))
      )
    );
    expect(carriers.size).toBeGreaterThanOrEqual(4);
    expect(orders.some((o) => o.presentmentCurrencyCode === "EUR")).toBe(true);
    expect(orders.some((o) => o.presentmentCurrencyCode === "CAD")).toBe(true);
  });

  it("places every order within the last ~120 days and never in the future", () => {
    for (const o of shop.orders) {
      const age = (NOW.getTime() - Date.parse(o.createdAt)) / 86_400_000;
      expect(age).toBeGreaterThan(0);
      expect(age).toBeLessThanOrEqual(121);
      expect(Date.parse(o.updatedAt)).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it("is deterministic for a seed and differs for another", () => {
    expect(JSON.stringify(createDemoShop({ now: NOW }))).toBe(
      JSON.stringify(shop)
    );
    expect(JSON.stringify(createDemoShop({ now: NOW, seed: 7 }))).not.toBe(
      JSON.stringify(shop)
    );
  });

  it("keeps the same orders to try whatever day the demo runs", () => {
    const later = createDemoShop({ now: new Date("2027-03-02T12:00:00Z") });
    for (const t of DEMO_ORDERS_TO_TRY) {
      expect(later.orders.find((o) => o.name === t.name)?.email).toBe(t.email);
    }
  });

  it("has the four legal policies with a 30-day return window", () => {
    const types = shop.shop.shopPolicies.map((p) => p.type).sort();
    expect(types).toEqual([
      "PRIVACY_POLICY",
      "REFUND_POLICY",
      "SHIPPING_POLICY",
      "TERMS_OF_SERVICE",
    ]);
    expect(
      shop.shop.shopPolicies.find((p) => p.type === "REFUND_POLICY")!.body
    ).toContain("30-day");
  });
});

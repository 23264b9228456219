import { buildCatalog } from "./data/catalog";
import { buildCustomers } from "./data/customers";
import { buildOrders } from "./data/orders";
import { buildPolicies } from "./data/policies";
import { createRandom } from "./data/random";
import { isoSeconds } from "./data/time";
import type { DemoOrderScenario, DemoShop } from "./data/types";

export type * from "./data/types";
export { RETURN_WINDOW_DAYS } from "./data/policies";

export const DEMO_SHOP_DOMAIN = "shopdesk-demo.myshopify.com";
export const DEMO_SEED = 20_261_001;

const DAY = 86_400_000;

/** Today at 12:00 UTC: stable within a day, so a demo restarted at 9 and at 5 shows the same story. */
export function defaultDemoNow(): Date {
  const d = new Date();
  d.setUTCHours(12, 0, 0, 0);
  return d;
}

/**
 * Builds the deterministic demo shop ("Northwind Outfitters"): same seed and `now` give the same data.
 * Dates are relative to `now`, so in-transit parcels are in transit whatever day the demo runs.
 */
export function createDemoShop(
  opts: { shop?: string; now?: Date; seed?: number } = {}
): DemoShop {
  const myshopifyDomain = opts.shop ?? DEMO_SHOP_DOMAIN;
  const now = opts.now ?? defaultDemoNow();
  const rand = createRandom(opts.seed ?? DEMO_SEED);
  const daysAgo = (d: number) => isoSeconds(now.getTime() - d * DAY);
  const storefront = "northwind-outfitters.example";
  const shopNum = 68_912_345_678;
  const createdAt = daysAgo(1200);
  const addressSeq = { n: 0 };

  const products = buildCatalog(rand, storefront, daysAgo);
  const customers = buildCustomers(rand, addressSeq, daysAgo);
  const orders = buildOrders(
    {
      rand,
      now: now.getTime(),
      storefront,
      shopNum,
      shopCurrency: "USD",
      products,
    },
    customers,
    addressSeq
  );

  return {
    now,
    shop: {
      id: `gid://shopify/Shop/${shopNum}`,
      name: "Northwind Outfitters",
      email: "owner@northwind-outfitters.example",
      contactEmail: "support@northwind-outfitters.example",
      shopOwnerName: "Maya Lindqvist",
      myshopifyDomain,
      primaryDomainHost: storefront,
      url: `https://${storefront}`,
      currencyCode: "USD",
      enabledPresentmentCurrencies: ["USD", "EUR", "CAD", "GBP", "AUD"],
      ianaTimezone: "America/Los_Angeles",
      timezoneAbbreviation: "PST",
      timezoneOffset: "-0800",
      timezoneOffsetMinutes: -480,
      weightUnit: "POUNDS",
      unitSystem: "IMPERIAL_SYSTEM",
      taxesIncluded: false,
      orderNumberFormatPrefix: "#",
      orderNumberFormatSuffix: "",
      shipsToCountries: ["US", "CA", "GB", "DE", "FR", "ES", "AU"],
      shopAddress: {
        id: `gid://shopify/ShopAddress/${shopNum}`,
        company: "Northwind Outfitters LLC",
        address1: "2150 N Interstate Ave",
        address2: "Suite 300",
        city: "Portland",
        province: "Oregon",
        provinceCode: "OR",
        country: "United States",
        countryCodeV2: "US",
        zip: "97227",
        phone: "+15035550147",
      },
      shopLocales: [
        { locale: "en", name: "English", primary: true, published: true },
        { locale: "fr", name: "French", primary: false, published: true },
        { locale: "es", name: "Spanish", primary: false, published: true },
        { locale: "de", name: "German", primary: false, published: true },
        {
          locale: "zh-CN",
          name: "Chinese (Simplified)",
          primary: false,
          published: true,
        },
        { locale: "ja", name: "Japanese", primary: false, published: true },
      ],
      shopPolicies: buildPolicies(storefront, shopNum, createdAt),
      createdAt,
      updatedAt: daysAgo(30),
    },
    products,
    customers,
    orders,
    bulkOperations: [],
  };
}

const SCENARIO_LABELS: Record<DemoOrderScenario, string> = {
  unpaid: "placed, awaiting payment (pending)",
  paid_unfulfilled:
    "paid, not shipped yet (can still be cancelled or re-addressed)",
  partially_fulfilled: "partly shipped, one item still to come",
  label_printed: "label created, not yet picked up by the carrier",
  in_transit: "in transit with tracking",
  out_for_delivery: "out for delivery today",
  delivered: "delivered",
  late: "late: past its estimated delivery date",
  attempted_delivery: "delivery attempted, nobody home",
  delivery_failed: "delivery failed, returning to sender",
  cancelled: "cancelled",
  partially_refunded: "delivered, partly refunded",
  refunded: "refunded in full",
  return_requested: "return requested, awaiting approval",
  return_in_progress: "return approved, in progress",
  returned: "returned and refunded",
};

export type DemoOrderToTry = { name: string; email: string; state: string };

/** One order per state, for the README and the demo page: the same for every `now` with the default seed. */
export function demoOrdersToTry(
  shop: DemoShop = createDemoShop()
): DemoOrderToTry[] {
  const seen = new Set<DemoOrderScenario>();
  const out: DemoOrderToTry[] = [];
  for (const order of shop.orders) {
    if (seen.has(order.scenario)) continue;
    seen.add(order.scenario);
    out.push({
      name: order.name,
      email: order.email,
      state: SCENARIO_LABELS[order.scenario],
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export const DEMO_ORDERS_TO_TRY: readonly DemoOrderToTry[] = demoOrdersToTry();

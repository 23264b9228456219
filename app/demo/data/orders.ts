import { COUNTRIES, addressFor } from "./customers";
import { DEMO_RATES, cents, moneyBag } from "./money";
import type { Random } from "./random";
import { isoSeconds } from "./time";
import {
  buildEvents,
  shippingFor,
  trackingFor,
  type EventStep,
  type ShippingChoice,
} from "./shipping";
import type {
  CurrencyCode,
  DemoCancelReason,
  DemoCustomer,
  DemoFulfillment,
  DemoFulfillmentEventStatus,
  DemoLineItem,
  DemoOrder,
  DemoOrderScenario,
  DemoProduct,
  DemoRefund,
  DemoReturn,
  DemoReturnReason,
  MoneyBag,
} from "./types";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** How many orders of each kind, and how long ago (days) they were placed. Order matters only for determinism. */
const PLAN: [DemoOrderScenario, number, number, number][] = [
  ["delivered", 12, 9, 118],
  ["returned", 2, 45, 110],
  ["refunded", 2, 30, 90],
  ["partially_refunded", 3, 20, 80],
  ["cancelled", 4, 2, 60],
  ["return_in_progress", 2, 16, 26],
  ["return_requested", 2, 10, 20],
  ["delivery_failed", 1, 14, 18],
  ["late", 3, 11, 15],
  ["attempted_delivery", 2, 6, 8],
  ["partially_fulfilled", 4, 4, 9],
  ["in_transit", 10, 2, 6],
  ["out_for_delivery", 2, 3, 5],
  ["label_printed", 2, 1, 2],
  ["paid_unfulfilled", 8, 0, 2],
  ["unpaid", 3, 0, 3],
];

const TAX: Record<string, number> = {
  US: 0.0825,
  CA: 0.13,
  GB: 0.2,
  DE: 0.19,
  FR: 0.2,
  ES: 0.21,
  AU: 0.1,
};

const CANCEL_NOTES: Record<DemoCancelReason, string> = {
  CUSTOMER: "Customer asked to cancel by email before shipping.",
  INVENTORY: "Item out of stock at the warehouse; customer refunded in full.",
  FRAUD: "High fraud risk: billing and shipping mismatch, payment voided.",
  DECLINED: "Payment declined by the card issuer.",
  STAFF: "Duplicate order placed by mistake.",
  OTHER: "Cancelled at the customer's request.",
};

const RETURN_NOTES: [DemoReturnReason, string][] = [
  ["SIZE_TOO_SMALL", "Runs small, I need one size up."],
  ["SIZE_TOO_LARGE", "Too big in the shoulders."],
  ["COLOR", "The colour is darker than in the photos."],
  ["DEFECTIVE", "A seam came apart after the first wash."],
  ["NOT_AS_DESCRIBED", "The fabric is thinner than described."],
  ["UNWANTED", "Changed my mind."],
];

type Ctx = {
  rand: Random;
  now: number;
  storefront: string;
  shopNum: number;
  shopCurrency: CurrencyCode;
  products: DemoProduct[];
  seq: { n: number };
};

function nextGid(ctx: Ctx, type: string, base: number): string {
  ctx.seq.n += 1;
  return `gid://shopify/${type}/${base + ctx.seq.n * 7}`;
}

const hex = (rand: Random, n: number) =>
  Array.from({ length: n }, () => "0123456789abcdef"[rand.int(0, 15)]).join("");

/** The order status page and, while the order is unpaid, the link that collects its payment (same token). */
function orderPages(c: Ctx, rand: Random, financial: string) {
  const token = hex(rand, 32);
  return {
    statusPageUrl: `https://${c.storefront}/${c.shopNum}/orders/${token}/authenticate?key=${hex(rand, 32)}`,
    paymentCollectionUrl: financial === "PENDING" ? `https://${c.storefront}/${c.shopNum}/invoices/${token}` : null,
  };
}

/** Orders covering every state shoppers ask about, numbered #1001… in the order they were placed. */
export function buildOrders(
  ctx: Omit<Ctx, "seq">,
  customers: DemoCustomer[],
  addressSeq: { n: number }
): DemoOrder[] {
  const c: Ctx = { ...ctx, seq: { n: 0 } };
  const { rand } = c;
  const drafts: {
    scenario: DemoOrderScenario;
    placedAt: number;
    index: number;
  }[] = [];
  for (const [scenario, count, minDays, maxDays] of PLAN) {
    for (let k = 0; k < count; k++) {
      const daysAgo = minDays + rand.next() * (maxDays - minDays);
      // Hours spread over the shop's day; never in the future.
      drafts.push({
        scenario,
        placedAt: Math.min(
          c.now - HOUR,
          c.now - daysAgo * DAY - rand.int(0, 8) * HOUR
        ),
        index: k,
      });
    }
  }
  drafts.sort((a, b) => a.placedAt - b.placedAt);

  // Every customer gets at least one order; the rest go to returning customers, with two guest checkouts.
  const buyers = rand.shuffle(customers);
  const cancelReasons: DemoCancelReason[] = [
    "CUSTOMER",
    "INVENTORY",
    "FRAUD",
    "DECLINED",
  ];
  let cancelled = 0;
  return drafts.map((draft, i) => {
    const guest = draft.scenario === "paid_unfulfilled" && draft.index < 1;
    const customer = i < buyers.length ? buyers[i] : rand.pick(buyers);
    const cancelReason =
      draft.scenario === "cancelled"
        ? cancelReasons[cancelled++ % cancelReasons.length]
        : null;
    return buildOrder(
      c,
      1001 + i,
      draft.scenario,
      draft.placedAt,
      customer,
      guest,
      cancelReason,
      draft.index,
      addressSeq
    );
  });
}

function buildOrder(
  c: Ctx,
  number: number,
  scenario: DemoOrderScenario,
  placedAt: number,
  customer: DemoCustomer,
  guest: boolean,
  cancelReason: DemoCancelReason | null,
  variantIndex: number,
  addressSeq: { n: number }
): DemoOrder {
  const { rand, now } = c;
  const countryCode = customer.defaultAddress.countryCodeV2;
  const presentment = COUNTRIES[countryCode].currency;
  const rate = DEMO_RATES[presentment] / DEMO_RATES[c.shopCurrency];
  const bag = (amount: number): MoneyBag =>
    moneyBag(cents(amount), c.shopCurrency, presentment, rate);
  // Some returning shoppers send this one to a different address (a gift, the office).
  const shippingAddress =
    rand.chance(0.15) && !guest
      ? addressFor(rand, addressSeq, countryCode, customer)
      : {
          ...customer.defaultAddress,
          id: `gid://shopify/MailingAddress/${
            9_880_000_000 + number
          }?model_name=Address`,
        };

  const sellable = c.products.filter((p) => p.productType !== "Gift Cards");
  const itemCount =
    scenario === "partially_fulfilled" ||
    scenario === "partially_refunded" ||
    scenario === "returned"
      ? rand.int(2, 3)
      : rand.int(1, 3);
  const chosen = rand.shuffle(sellable).slice(0, itemCount);
  const lineItems: DemoLineItem[] = chosen.map((product) => {
    const variant = rand.pick(product.variants);
    const unit = Number(variant.price);
    return {
      id: nextGid(c, "LineItem", 15_220_000_000_000),
      variantId: variant.id,
      productId: product.id,
      title: product.title,
      variantTitle: variant.title,
      name: `${product.title} - ${variant.title}`,
      sku: variant.sku,
      vendor: product.vendor,
      quantity: rand.chance(0.2) ? 2 : 1,
      requiresShipping: true,
      taxable: variant.taxable,
      isGiftCard: false,
      originalUnitPriceSet: bag(unit),
    };
  });
  const subtotal = cents(
    lineItems.reduce(
      (s, li) =>
        s + Number(li.originalUnitPriceSet.shopMoney.amount) * li.quantity,
      0
    )
  );
  const ship: ShippingChoice = shippingFor(rand, countryCode, subtotal);
  const taxRate = TAX[countryCode] ?? 0;
  const tax = cents(subtotal * taxRate);
  const total = cents(subtotal + ship.price + tax);

  const id = `gid://shopify/Order/${6_120_400_000_000 + number * 131}`;
  const name = `#${number}`;
  const fulfillments: DemoFulfillment[] = [];
  const refunds: DemoRefund[] = [];
  const returns: DemoReturn[] = [];
  let financial: DemoOrder["displayFinancialStatus"] = "PAID";
  let fulfillment: DemoOrder["displayFulfillmentStatus"] = "FULFILLED";
  let returnStatus: DemoOrder["returnStatus"] = "NO_RETURN";
  let cancelledAt: string | null = null;
  let staffNote: string | null = null;

  const iso = (t: number) => isoSeconds(Math.min(t, now));
  const dest = {
    city: shippingAddress.city,
    province: shippingAddress.provinceCode,
    countryCode,
    zip: shippingAddress.zip,
  };

  /** Ships `items` at `shipAt`, with the tracking steps that have already happened by now. */
  const shipItems = (
    items: DemoLineItem[],
    shipAt: number,
    steps: EventStep[],
    eta: number | null,
    extra?: Partial<DemoFulfillment>
  ) => {
    const happened = steps.filter((s) => s.at <= now);
    const last = happened[happened.length - 1];
    const inTransit = happened.find(
      (s) => s.status === "IN_TRANSIT" || s.status === "CARRIER_PICKED_UP"
    );
    const delivered = happened.find((s) => s.status === "DELIVERED");
    const f: DemoFulfillment = {
      id: nextGid(c, "Fulfillment", 5_810_000_000_000),
      name: `${name}.${fulfillments.length + 1}`,
      status: "SUCCESS",
      displayStatus: last ? last.status : "FULFILLED",
      createdAt: iso(shipAt),
      updatedAt: iso(last ? last.at : shipAt),
      inTransitAt: inTransit ? iso(inTransit.at) : null,
      deliveredAt: delivered ? iso(delivered.at) : null,
      estimatedDeliveryAt: eta ? isoSeconds(eta) : null,
      trackingInfo: [trackingFor(rand, ship.carrier)],
      events: buildEvents(happened, dest, eta, () =>
        nextGid(c, "FulfillmentEvent", 4_400_000_000_000)
      ),
      fulfillmentLineItems: items.map((li) => ({
        id: nextGid(c, "FulfillmentLineItem", 12_900_000_000_000),
        lineItemId: li.id,
        quantity: li.quantity,
      })),
      ...extra,
    };
    fulfillments.push(f);
    return f;
  };

  /** The normal journey: label, pickup, hubs, out for delivery, delivered. */
  const journey = (
    shipAt: number,
    transitDays: number,
    end: DemoFulfillmentEventStatus[] = ["OUT_FOR_DELIVERY", "DELIVERED"]
  ) => {
    const eta = shipAt + transitDays * DAY;
    const steps: EventStep[] = [
      { status: "LABEL_PRINTED", at: shipAt },
      { status: "CONFIRMED", at: shipAt + 2 * HOUR },
      { status: "CARRIER_PICKED_UP", at: shipAt + 8 * HOUR },
      { status: "IN_TRANSIT", at: shipAt + 0.6 * transitDays * DAY },
      { status: "IN_TRANSIT", at: shipAt + (transitDays - 1) * DAY + 2 * HOUR },
    ];
    let t = eta - 5 * HOUR;
    for (const status of end) {
      steps.push({ status, at: t });
      t += status === "ATTEMPTED_DELIVERY" ? DAY : 3 * HOUR;
    }
    return { steps, eta };
  };

  const refundOf = (
    items: { li: DemoLineItem; qty: number }[],
    at: number,
    note: string,
    extraAmount = 0,
    returnId: string | null = null
  ) => {
    const lines = items.map(({ li, qty }) => {
      const unit = Number(li.originalUnitPriceSet.shopMoney.amount);
      return {
        id: nextGid(c, "RefundLineItem", 3_100_000_000_000),
        lineItemId: li.id,
        quantity: qty,
        restockType: (returnId
          ? "RETURN"
          : cancelReason
          ? "CANCEL"
          : "NO_RESTOCK") as DemoRefund["refundLineItems"][number]["restockType"],
        restocked: Boolean(returnId || cancelReason),
        priceSet: bag(unit),
        subtotalSet: bag(unit * qty),
        totalTaxSet: bag(unit * qty * taxRate),
      };
    });
    const amount = cents(
      lines.reduce(
        (s, l) =>
          s +
          Number(l.subtotalSet.shopMoney.amount) +
          Number(l.totalTaxSet.shopMoney.amount),
        0
      ) + extraAmount
    );
    refunds.push({
      id: nextGid(c, "Refund", 9_300_000_000_000),
      createdAt: iso(at),
      processedAt: iso(at),
      updatedAt: iso(at),
      note,
      totalRefundedSet: bag(amount),
      refundLineItems: lines,
      returnId,
    });
  };

  const shipAt = placedAt + rand.int(18, 40) * HOUR;
  const all = lineItems.map((li) => ({ li, qty: li.quantity }));

  switch (scenario) {
    case "unpaid":
      financial = "PENDING";
      fulfillment = "UNFULFILLED";
      break;
    case "paid_unfulfilled":
      fulfillment = "UNFULFILLED";
      break;
    case "partially_fulfilled": {
      fulfillment = "PARTIALLY_FULFILLED";
      const { steps, eta } = journey(shipAt, ship.transitDays);
      shipItems(lineItems.slice(0, -1), shipAt, steps, eta);
      break;
    }
    case "label_printed": {
      const at = Math.min(shipAt, now - 2 * HOUR);
      shipItems(
        lineItems,
        at,
        [{ status: "LABEL_PRINTED", at }],
        at + (ship.transitDays + 1) * DAY
      );
      break;
    }
    case "in_transit":
    case "out_for_delivery": {
      // Built backwards from now so the package is still moving today, whatever day the demo runs.
      const eta =
        scenario === "out_for_delivery"
          ? now + 4 * HOUR
          : now + rand.int(1, 3) * DAY + rand.int(1, 8) * HOUR;
      const start = Math.min(shipAt, now - 20 * HOUR);
      const transit = Math.max(1, (eta - start) / DAY);
      const { steps } = journey(start, transit);
      if (scenario === "out_for_delivery")
        steps.splice(steps.length - 1, 1, {
          status: "OUT_FOR_DELIVERY",
          at: now - 3 * HOUR,
        });
      shipItems(lineItems, start, steps, eta);
      break;
    }
    case "late": {
      // Past its promised date, tracking gone quiet; one of them carries the carrier's DELAYED scan.
      const lateBy = rand.int(2, 5);
      const eta = now - lateBy * DAY;
      const start = Math.min(shipAt, eta - ship.transitDays * DAY);
      const { steps } = journey(start, (eta - start) / DAY, []);
      if (variantIndex === 0)
        steps.push({ status: "DELAYED", at: eta - 2 * HOUR });
      shipItems(lineItems, start, steps, eta);
      break;
    }
    case "attempted_delivery": {
      const eta = now - 1 * DAY;
      const start = Math.min(shipAt, eta - ship.transitDays * DAY);
      const { steps } = journey(start, (eta - start) / DAY, [
        "OUT_FOR_DELIVERY",
        "ATTEMPTED_DELIVERY",
      ]);
      shipItems(lineItems, start, steps, eta);
      break;
    }
    case "delivery_failed": {
      const { steps, eta } = journey(shipAt, ship.transitDays, [
        "OUT_FOR_DELIVERY",
        "ATTEMPTED_DELIVERY",
        "ATTEMPTED_DELIVERY",
        "FAILURE",
      ]);
      shipItems(lineItems, shipAt, steps, eta);
      break;
    }
    case "delivered": {
      const { steps, eta } = journey(shipAt, ship.transitDays);
      shipItems(lineItems, shipAt, steps, eta);
      break;
    }
    case "cancelled": {
      const at = Math.min(placedAt + rand.int(2, 20) * HOUR, now - HOUR);
      cancelledAt = iso(at);
      staffNote = CANCEL_NOTES[cancelReason ?? "OTHER"];
      fulfillment = "UNFULFILLED";
      if (cancelReason === "FRAUD" || cancelReason === "DECLINED") {
        financial = "VOIDED";
      } else {
        financial = "REFUNDED";
        refundOf(all, at, "Order cancelled", ship.price);
      }
      break;
    }
    case "partially_refunded": {
      const { steps, eta } = journey(shipAt, ship.transitDays);
      shipItems(lineItems, shipAt, steps, eta);
      financial = "PARTIALLY_REFUNDED";
      refundOf(
        [{ li: lineItems[0], qty: 1 }],
        eta + 2 * DAY,
        "Arrived damaged; refunded without return."
      );
      break;
    }
    case "refunded": {
      if (variantIndex === 0) {
        // Lost by the carrier: tracking stopped in transit, the shop refunded in full.
        const { steps, eta } = journey(shipAt, ship.transitDays, []);
        shipItems(lineItems, shipAt, steps.slice(0, 4), eta);
        refundOf(
          all,
          eta + 8 * DAY,
          "Package lost in transit; carrier claim opened, refunded in full.",
          ship.price
        );
      } else {
        const { steps, eta } = journey(shipAt, ship.transitDays);
        shipItems(lineItems, shipAt, steps, eta);
        refundOf(
          all,
          eta + 3 * DAY,
          "Wrong items shipped; refunded in full, no return needed.",
          ship.price
        );
      }
      financial = "REFUNDED";
      break;
    }
    case "return_requested":
    case "return_in_progress":
    case "returned": {
      const { steps, eta } = journey(shipAt, ship.transitDays);
      const f = shipItems(lineItems, shipAt, steps, eta);
      const requestedAt = Math.min(eta + rand.int(2, 8) * DAY, now - 2 * HOUR);
      const flis =
        scenario === "returned"
          ? f.fulfillmentLineItems.slice(0, 1)
          : f.fulfillmentLineItems.slice(
              0,
              rand.int(1, f.fulfillmentLineItems.length)
            );
      const [reason, note] = rand.pick(RETURN_NOTES);
      const returnId = nextGid(c, "Return", 2_050_000_000_000);
      const status =
        scenario === "return_requested"
          ? "REQUESTED"
          : scenario === "return_in_progress"
          ? "OPEN"
          : "CLOSED";
      const closedAt = status === "CLOSED" ? requestedAt + 9 * DAY : null;
      returns.push({
        id: returnId,
        name: `${name}-R1`,
        status,
        createdAt: iso(requestedAt),
        requestApprovedAt:
          status === "REQUESTED" ? null : iso(requestedAt + 6 * HOUR),
        closedAt: closedAt ? iso(closedAt) : null,
        returnLineItems: flis.map((fli) => ({
          id: nextGid(c, "ReturnLineItem", 1_700_000_000_000),
          fulfillmentLineItemId: fli.id,
          quantity: fli.quantity,
          processedQuantity: status === "CLOSED" ? fli.quantity : 0,
          refundedQuantity: status === "CLOSED" ? fli.quantity : 0,
          returnReason: reason,
          returnReasonNote: "",
          customerNote: note,
        })),
      });
      returnStatus =
        status === "REQUESTED"
          ? "RETURN_REQUESTED"
          : status === "OPEN"
          ? "IN_PROGRESS"
          : "RETURNED";
      if (closedAt) {
        const returned = flis.map((fli) => {
          const li = lineItems.find((l) => l.id === fli.lineItemId)!;
          return { li, qty: fli.quantity };
        });
        refundOf(
          returned,
          closedAt,
          "Return received and inspected.",
          0,
          returnId
        );
        financial =
          returned.length === lineItems.length
            ? "REFUNDED"
            : "PARTIALLY_REFUNDED";
      }
      break;
    }
  }

  const times = [
    placedAt,
    ...fulfillments.flatMap((f) =>
      f.events.map((e) => Date.parse(e.happenedAt))
    ),
    ...refunds.map((r) => Date.parse(r.createdAt)),
    ...returns.map((r) => Date.parse(r.createdAt)),
    ...(cancelledAt ? [Date.parse(cancelledAt)] : []),
  ];
  const email = customer.email;
  return {
    id,
    name,
    number,
    scenario,
    email,
    phone: customer.phone,
    customerId: guest ? null : customer.id,
    customerLocale: customer.locale,
    createdAt: iso(placedAt),
    processedAt: iso(placedAt),
    updatedAt: iso(Math.max(...times)),
    cancelledAt,
    cancelReason,
    cancellationStaffNote: staffNote,
    closed: Boolean(cancelledAt),
    closedAt: cancelledAt,
    confirmed: true,
    test: false,
    currencyCode: c.shopCurrency,
    presentmentCurrencyCode: presentment,
    exchangeRate: rate,
    displayFinancialStatus: financial,
    displayFulfillmentStatus: fulfillment,
    returnStatus,
    note: rand.chance(0.1)
      ? "Please leave the parcel with the neighbour if I'm out."
      : null,
    tags: scenario === "late" ? ["carrier-delay"] : [],
    paymentGatewayNames:
      financial === "PENDING" ? ["Bank Deposit"] : ["shopify_payments"],
    sourceName: "web",
    ...orderPages(c, rand, financial),
    shippingAddress,
    billingAddress: {
      ...customer.defaultAddress,
      id: `gid://shopify/MailingAddress/${
        9_890_000_000 + number
      }?model_name=Address`,
    },
    shippingLine: {
      id: nextGid(c, "ShippingLine", 4_900_000_000_000),
      title: ship.title,
      code: ship.code,
      source: ship.carrier.company.toLowerCase().replace(/\s+/g, "_"),
      originalPriceSet: bag(ship.price),
    },
    lineItems,
    subtotalPriceSet: bag(subtotal),
    totalShippingPriceSet: bag(ship.price),
    totalTaxSet: bag(tax),
    totalDiscountsSet: bag(0),
    totalPriceSet: bag(total),
    taxesIncluded: false,
    fulfillments,
    refunds,
    returns,
  };
}

import type { Random } from "./random";
import { isoSeconds } from "./time";
import type {
  DemoFulfillmentEvent,
  DemoFulfillmentEventStatus,
  DemoTrackingInfo,
} from "./types";

type Carrier = {
  company: string;
  number: (rand: Random) => string;
  url: (n: string) => string;
};

const digits = (rand: Random, n: number) =>
  Array.from({ length: n }, () => rand.int(0, 9)).join("");
const alnum = (rand: Random, n: number) =>
  Array.from(
    { length: n },
    () => "ABCDEFGHJKLMNPRSTUVWXY0123456789"[rand.int(0, 31)]
  ).join("");

/** Carriers with the tracking-number shapes and tracking pages they really use. */
export const CARRIERS: Record<string, Carrier> = {
  UPS: {
    company: "UPS",
    number: (r) => `1Z${alnum(r, 6)}03${digits(r, 8)}`,
    url: (n) => `https://www.ups.com/track?tracknum=${n}`,
  },
  USPS: {
    company: "USPS",
    number: (r) => `94001${digits(r, 17)}`,
    url: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
  },
  FedEx: {
    company: "FedEx",
    number: (r) => digits(r, 12),
    url: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
  },
  DHL: {
    company: "DHL Express",
    number: (r) => digits(r, 10),
    url: (n) =>
      `https://www.dhl.com/en/express/tracking.html?AWB=${n}&brand=DHL`,
  },
  CanadaPost: {
    company: "Canada Post",
    number: (r) => digits(r, 16),
    url: (n) =>
      `https://www.canadapost-postescanada.ca/track-reperer/en#/search?searchFor=${n}`,
  },
};

export type ShippingChoice = {
  carrier: Carrier;
  title: string;
  code: string;
  price: number;
  transitDays: number;
};

/** The shipping line a shopper in this country would have picked at checkout (see the shipping policy). */
export function shippingFor(
  rand: Random,
  countryCode: string,
  subtotal: number
): ShippingChoice {
  if (countryCode === "US") {
    if (rand.chance(0.2))
      return {
        carrier: CARRIERS.FedEx,
        title: "Expedited (FedEx 2Day)",
        code: "FEDEX_2_DAY",
        price: 18,
        transitDays: 2,
      };
    const carrier = rand.chance(0.5) ? CARRIERS.UPS : CARRIERS.USPS;
    return {
      carrier,
      title: "Standard",
      code: "STANDARD",
      price: subtotal >= 100 ? 0 : 8,
      transitDays: rand.int(3, 5),
    };
  }
  if (countryCode === "CA") {
    return {
      carrier: CARRIERS.CanadaPost,
      title: "Canada Post Expedited",
      code: "EXPEDITED",
      price: subtotal >= 150 ? 0 : 15,
      transitDays: rand.int(4, 7),
    };
  }
  return {
    carrier: CARRIERS.DHL,
    title: "DHL Express Worldwide",
    code: "EXPRESS_WORLDWIDE",
    price: 25,
    transitDays: rand.int(3, 6),
  };
}

export function trackingFor(rand: Random, carrier: Carrier): DemoTrackingInfo {
  const number = carrier.number(rand);
  return { company: carrier.company, number, url: carrier.url(number) };
}

type Hop = {
  city: string;
  province: string | null;
  country: string;
  zip: string | null;
  lat: number;
  lng: number;
};

const ORIGIN: Hop = {
  city: "Portland",
  province: "OR",
  country: "US",
  zip: "97217",
  lat: 45.58,
  lng: -122.68,
};
const HUBS: Record<string, Hop[]> = {
  US: [
    {
      city: "Salt Lake City",
      province: "UT",
      country: "US",
      zip: "84104",
      lat: 40.75,
      lng: -111.95,
    },
    {
      city: "Louisville",
      province: "KY",
      country: "US",
      zip: "40209",
      lat: 38.17,
      lng: -85.74,
    },
    {
      city: "Memphis",
      province: "TN",
      country: "US",
      zip: "38118",
      lat: 35.04,
      lng: -89.98,
    },
  ],
  CA: [
    {
      city: "Blaine",
      province: "WA",
      country: "US",
      zip: "98230",
      lat: 48.99,
      lng: -122.75,
    },
    {
      city: "Mississauga",
      province: "ON",
      country: "CA",
      zip: "L5T 2T5",
      lat: 43.65,
      lng: -79.69,
    },
  ],
  INTL: [
    {
      city: "Cincinnati",
      province: "OH",
      country: "US",
      zip: "41048",
      lat: 39.05,
      lng: -84.66,
    },
    {
      city: "Leipzig",
      province: null,
      country: "DE",
      zip: "04435",
      lat: 51.42,
      lng: 12.22,
    },
  ],
};

const MESSAGES: Record<DemoFulfillmentEventStatus, string> = {
  LABEL_PURCHASED: "Shipping label purchased",
  LABEL_PRINTED:
    "Shipping label created; the carrier has not received the package yet",
  CONFIRMED: "Order information received by the carrier",
  READY_FOR_PICKUP: "Ready for pickup",
  CARRIER_PICKED_UP: "Picked up by the carrier",
  IN_TRANSIT: "Arrived at carrier facility",
  OUT_FOR_DELIVERY: "Out for delivery",
  ATTEMPTED_DELIVERY:
    "Delivery attempted: no one available to receive the package. The carrier will try again next business day",
  DELAYED:
    "Delayed: the package is running late due to an operational issue at the carrier",
  DELIVERED: "Delivered, left at front door",
  FAILURE:
    "Undeliverable: address could not be found. The package is being returned to the sender",
};

export type EventStep = {
  status: DemoFulfillmentEventStatus;
  at: number;
  message?: string;
};

/** Turns a list of steps (epoch ms) into fulfillment events, walking the package from the warehouse to the door. */
export function buildEvents(
  steps: EventStep[],
  destination: {
    city: string;
    province: string | null;
    countryCode: string;
    zip: string;
  },
  eta: number | null,
  nextId: () => string
): DemoFulfillmentEvent[] {
  const hubs = HUBS[destination.countryCode] ?? HUBS.INTL;
  let hub = 0;
  return steps.map((step) => {
    let where: Hop = ORIGIN;
    if (step.status === "IN_TRANSIT" || step.status === "DELAYED") {
      where = hubs[Math.min(hub, hubs.length - 1)];
      if (step.status === "IN_TRANSIT") hub += 1;
    } else if (
      [
        "OUT_FOR_DELIVERY",
        "ATTEMPTED_DELIVERY",
        "DELIVERED",
        "FAILURE",
      ].includes(step.status)
    ) {
      where = {
        city: destination.city,
        province: destination.province,
        country: destination.countryCode,
        zip: destination.zip,
        lat: 0,
        lng: 0,
      };
    }
    const iso = isoSeconds(step.at);
    return {
      id: nextId(),
      status: step.status,
      happenedAt: iso,
      createdAt: iso,
      message: step.message ?? MESSAGES[step.status],
      city: where.city,
      province: where.province,
      country: where.country,
      zip: where.zip,
      address1: null,
      // Coordinates are only known for carrier facilities, not for the shopper's door.
      latitude: where.lat || null,
      longitude: where.lng || null,
      estimatedDeliveryAt:
        eta && step.status !== "DELIVERED" ? isoSeconds(eta) : null,
    };
  });
}

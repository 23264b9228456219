import type { ShopperOrder } from "../orders.server";
import type { Topic } from "../state";

type Fulfillment = ShopperOrder["fulfillments"][number];

const FAILED = new Set(["ATTEMPTED_DELIVERY", "FAILURE", "NOT_DELIVERED"]);
const DAY = 86_400_000;

/** Where an order stands, reduced to what the shopper would ask about next. */
export interface ParcelState {
  topic: Topic;
  /** The shipment the answer is about: the one with a problem, else the newest. */
  shipment?: Fulfillment;
  lastEvent?: { status: string; happenedAt: string };
}

export const active = (o: ShopperOrder) => o.fulfillments.filter((f) => !["CANCELLED", "ERROR", "FAILURE"].includes(f.status));
const delivered = (f: Fulfillment) => Boolean(f.deliveredAt) || f.events.nodes[0]?.status === "DELIVERED";

/** Business days (Monday to Friday) from `from`; the carrier's and the shop's promises are counted in them. */
export function addBusinessDays(from: Date, days: number): Date {
  const d = new Date(from);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d;
}

function businessDaysBetween(from: Date, to: Date): number {
  let n = 0;
  for (let d = new Date(from); d < to; d = new Date(d.getTime() + DAY)) if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) n++;
  return n;
}

/** Late (past its estimated date), stuck (no scan for `stuckDays` business days), failed, or on its way. */
export function parcelState(order: ShopperOrder, now: Date, stuckDays: number): ParcelState {
  if (order.cancelledAt) return { topic: "status" };
  const shipments = active(order);
  if (!shipments.length) return { topic: order.displayFinancialStatus === "PENDING" ? "unpaid" : "unfulfilled" };
  const open = shipments.filter((f) => !delivered(f));
  if (!open.length) return { topic: "delivered", shipment: shipments[0] };
  for (const f of open) {
    const last = f.events.nodes[0];
    if (last && FAILED.has(last.status)) return { topic: "failed", shipment: f, lastEvent: last };
  }
  for (const f of open) {
    if (f.estimatedDeliveryAt && new Date(f.estimatedDeliveryAt).getTime() < now.getTime()) {
      return { topic: "late", shipment: f, lastEvent: f.events.nodes[0] };
    }
  }
  for (const f of open) {
    const since = new Date(f.events.nodes[0]?.happenedAt ?? f.createdAt);
    if (businessDaysBetween(since, now) >= stuckDays) return { topic: "stuck", shipment: f, lastEvent: f.events.nodes[0] };
  }
  return { topic: "status", shipment: open[0], lastEvent: open[0].events.nodes[0] };
}


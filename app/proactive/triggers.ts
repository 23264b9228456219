import type { ShopperOrder } from "../chat/orders.server";

/** What the triggers need to know of an order: its shipments, and who to tell. */
export type OrderShipments = Pick<ShopperOrder, "id" | "name" | "email" | "customer" | "cancelledAt"> & {
  fulfillments: (Omit<ShopperOrder["fulfillments"][number], "events" | "inTransitAt"> & {
    events: { nodes: { status: string; happenedAt: string }[] };
  })[];
};

export type ProactiveTrigger = "late_shipment" | "failed_delivery";

export interface ShipmentProblem {
  trigger: ProactiveTrigger;
  fulfillmentId: string;
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  /** When the problem was seen (the carrier's event) or the delivery date that passed. */
  since: string;
}

const FAILED = new Set(["ATTEMPTED_DELIVERY", "FAILURE", "NOT_DELIVERED"]);
/** A shipment this much past its estimate is late, not just "arriving today". */
const GRACE_MS = 12 * 3600_000;

/**
 * What a shopper is about to ask about an order: a delivery the carrier could not make, or a parcel past its
 * estimated delivery date. Null when every shipment is fine (or already delivered).
 */
export function shipmentProblem(order: OrderShipments, now: Date): ShipmentProblem | null {
  if (order.cancelledAt) return null;
  for (const f of order.fulfillments) {
    if (f.deliveredAt || f.status === "CANCELLED") continue;
    const latest = f.events.nodes[0];
    const status = latest?.status ?? f.displayStatus ?? "";
    const tracking = f.trackingInfo.find((t) => t.number) ?? f.trackingInfo[0];
    const base = {
      fulfillmentId: f.id,
      carrier: tracking?.company ?? null,
      trackingNumber: tracking?.number ?? null,
      trackingUrl: tracking?.url ?? null,
    };
    if (status === "DELIVERED") continue;
    if (FAILED.has(status)) return { trigger: "failed_delivery", since: latest?.happenedAt ?? f.createdAt, ...base };
    if (status === "DELAYED") return { trigger: "late_shipment", since: latest?.happenedAt ?? f.createdAt, ...base };
    if (f.estimatedDeliveryAt && new Date(f.estimatedDeliveryAt).getTime() + GRACE_MS < now.getTime()) {
      return { trigger: "late_shipment", since: f.estimatedDeliveryAt, ...base };
    }
  }
  return null;
}

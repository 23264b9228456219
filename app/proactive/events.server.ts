import { unauthenticated } from "../shopify.server";
import { createAdminClient } from "../shopify/client.server";
import { noticeOrderById } from "./proactive.server";

/** fulfillment_events/create: a carrier reported a failed or delayed delivery; look at the order through the shop's offline session. */
export async function noticeShipmentEvent(shop: string, orderId: string): Promise<void> {
  if (!/^\d+$/.test(orderId)) return;
  const { admin } = await unauthenticated.admin(shop);
  await noticeOrderById(shop, createAdminClient(admin.graphql).request, `gid://shopify/Order/${orderId}`);
}

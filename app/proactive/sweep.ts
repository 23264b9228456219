// `npm run proactive:sweep`: looks through every installed shop's recent shipments for late or failed deliveries
// (schedule it, e.g. every 30 minutes; fulfillment_events/create webhooks cover carrier-reported problems at once).
import prisma from "../db.server";
import { unauthenticated } from "../shopify.server";
import { createAdminClient } from "../shopify/client.server";
import { sweepShipments } from "./proactive.server";

const shops = await prisma.shop.findMany({ where: { uninstalledAt: null }, select: { shop: true } });
let failures = 0;
for (const { shop } of shops) {
  try {
    const { admin } = await unauthenticated.admin(shop);
    const noticed = await sweepShipments(shop, createAdminClient(admin.graphql).request);
    console.log(`${shop}: ${noticed} new shipment problem(s)`);
  } catch (error) {
    failures += 1;
    console.error(`${shop}: sweep failed: ${String(error)}`);
  }
}
await prisma.$disconnect();
process.exit(failures ? 1 : 0);

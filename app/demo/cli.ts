import { startDemo } from "./run.server";
import { DEMO_ORDERS_TO_TRY } from "./shop-data";

// `npm run demo`: everything on this machine, no Shopify account needed.
console.log("Starting the Shopdesk demo: seeding the demo shop and, the first time, half a year of analytics history…");
const demo = await startDemo();
const orders = DEMO_ORDERS_TO_TRY.slice(0, 8)
  .map((o) => `  ${o.name.padEnd(7)} ${o.email.padEnd(36)} ${o.state}`)
  .join("\n");
console.log(`
Shopdesk demo is running.

  Storefront with the chat widget: ${demo.storefrontUrl}
  Admin (Inbox, Settings, Knowledge base, Analytics): ${demo.appUrl}/app
  Demo shop: ${demo.shop}

Orders to ask about (give the number with the email to verify):
${orders}

Sign in on the storefront as lena.schneider@example.com to see the shop write first about her late parcel #1028.

Press Ctrl+C to stop.
`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    demo.close().finally(() => process.exit(0));
  });
}

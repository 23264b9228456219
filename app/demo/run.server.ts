import type { Server } from "node:http";
import path from "node:path";
import { setupServer } from "msw/node";

export interface DemoOptions {
  appPort?: number;
  storefrontPort?: number;
  /** Defaults to the configured DATABASE_URL (data/shopdesk.sqlite). */
  databaseUrl?: string;
  /** Build output of `remix vite:build`. */
  buildDir?: string;
  /** Fill the analytics warehouse with the demo shop's synthetic history before serving (default true). */
  warehouse?: boolean;
}

export interface RunningDemo {
  appUrl: string;
  storefrontUrl: string;
  shop: string;
  close(): Promise<void>;
}

/**
 * The demo shop and its Admin API stand-in, which fails as SHOPDESK_ADMIN_FAULTS says: what the app does when
 * Shopify struggles, for the demo and the benches. Call after the configuration's environment is set.
 */
export async function demoShopAndStandIn() {
  const [{ env }, { createDemoShop }, { createAdminStandIn }, { parseFaultProfile }] = await Promise.all([
    import("../env.server"),
    import("./shop-data"),
    import("./admin-api"),
    import("./admin-api/faults"),
  ]);
  const demo = createDemoShop({ shop: env.DEMO_SHOP });
  const standIn = createAdminStandIn(demo, { faultProfile: parseFaultProfile(env.SHOPDESK_ADMIN_FAULTS), timeoutFaultMs: 10_000 });
  return { env, demo, standIn };
}

/**
 * Runs the whole product on one machine: the built app in demo mode, the demo shop behind a schema-true Admin API
 * stand-in (intercepted in this process with msw, as Shopify's servers are the one thing not here), and a demo
 * storefront whose App Proxy signs requests like Shopify's.
 */
export async function startDemo(opts: DemoOptions = {}): Promise<RunningDemo> {
  const appPort = opts.appPort ?? Number(process.env.PORT || 3000);
  const storefrontPort =
    opts.storefrontPort ?? Number(process.env.STOREFRONT_PORT || 3100);
  const appUrl = `http://localhost:${appPort}`;
  // Configuration is read once when the app's modules load: set it before loading any of them.
  process.env.SHOPDESK_DEMO = "1";
  process.env.SHOPIFY_APP_URL = appUrl;
  if (opts.databaseUrl) process.env.DATABASE_URL = opts.databaseUrl;

  const [{ env, demo, standIn }, { shopifyAdminHandlers }] = await Promise.all([demoShopAndStandIn(), import("./msw")]);
  const msw = setupServer(...shopifyAdminHandlers(standIn));
  // Shopify's library keeps the fetch it finds when first loaded: intercept before anything loads it.
  msw.listen({ onUnhandledRequest: "bypass" });
  const [{ createPrisma }, { seedDemo }, { startStorefront }, { startAppServer }] = await Promise.all([
    import("../db.server"),
    import("./seed.server"),
    import("./storefront.server"),
    import("../../server"),
  ]);

  const prisma = createPrisma(env.DATABASE_URL);
  await seedDemo(prisma, demo);
  await prisma.$disconnect();
  // Late and failed deliveries in the demo shop wait in the outbox for their customers' next visit.
  const [{ unauthenticated }, { createAdminClient }, { sweepShipments }] = await Promise.all([
    import("../shopify.server"),
    import("../shopify/client.server"),
    import("../proactive/proactive.server"),
  ]);
  const { admin } = await unauthenticated.admin(env.DEMO_SHOP);
  await sweepShipments(env.DEMO_SHOP, createAdminClient(admin.graphql).request, demo.now);
  if (opts.warehouse !== false) {
    // Half a year of synthetic history, loaded once, so the Analytics page opens with data.
    const [{ prepareDemoWarehouse }, { configFromEnv }] = await Promise.all([
      import("../../analytics/src/demo"),
      import("../../analytics/src/config"),
    ]);
    await prepareDemoWarehouse(configFromEnv(), env.DEMO_SHOP);
  }

  const servers: Server[] = [];
  servers.push(
    await startAppServer({ port: appPort, buildDir: opts.buildDir })
  );
  servers.push(
    await startStorefront({
      port: storefrontPort,
      appUrl,
      shop: demo,
      apiSecret: env.SHOPIFY_API_SECRET,
      widgetAssetsDir: path.resolve("extensions/chat-widget/assets"),
    })
  );

  return {
    appUrl,
    storefrontUrl: `http://localhost:${storefrontPort}`,
    shop: env.DEMO_SHOP,
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections?.();
              s.close(() => resolve());
            })
        )
      );
      msw.close();
    },
  };
}

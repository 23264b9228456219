/**
 * `npm run start:cluster -- --instances 3`: the demo with several app instances on one port (node:cluster), as
 * production runs several behind a load balancer. The primary owns what is one of a kind: the demo shop's Admin API
 * (one stand-in, served over local HTTP), the seeded database, the storefront; each worker is a whole app instance
 * that shares nothing with the others but the database and that Admin API. A worker that dies is replaced.
 *
 * Flags: --instances N (default 3), --port P (app, default PORT or 3000), --storefront-port Q (default 3100).
 */
import cluster from "node:cluster";
import type { Server } from "node:http";
import path from "node:path";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

if (cluster.isPrimary) await primary();
else await worker();

async function primary() {
  const instances = Number(arg("instances") ?? 3);
  if (!Number.isInteger(instances) || instances < 1 || instances > 32) {
    console.error("--instances must be a whole number from 1 to 32");
    process.exit(2);
  }
  const appPort = Number(arg("port") ?? process.env.PORT ?? 3000);
  const storefrontPort = Number(arg("storefront-port") ?? process.env.STOREFRONT_PORT ?? 3100);
  const appUrl = `http://localhost:${appPort}`;
  process.env.SHOPDESK_DEMO = "1";
  process.env.SHOPIFY_APP_URL = appUrl;

  const [{ demoShopAndStandIn }, { startAdminService }] = await Promise.all([import("./run.server"), import("./admin-service")]);
  const { env, demo, standIn } = await demoShopAndStandIn();
  const admin = await startAdminService(standIn);
  const [{ createPrisma }, { seedDemo }, { startStorefront }] = await Promise.all([
    import("../db.server"),
    import("./seed.server"),
    import("./storefront.server"),
  ]);
  const prisma = createPrisma(env.DATABASE_URL);
  await seedDemo(prisma, demo);
  await prisma.$disconnect();
  const storefront: Server = await startStorefront({
    port: storefrontPort,
    appUrl,
    shop: demo,
    apiSecret: env.SHOPIFY_API_SECRET,
    widgetAssetsDir: path.resolve("extensions/chat-widget/assets"),
  });

  let stopping = false;
  let ready = 0;
  const fork = () => cluster.fork({ SHOPDESK_ADMIN_SERVICE: admin.url, SHOPDESK_DEMO: "1", SHOPIFY_APP_URL: appUrl, PORT: String(appPort) });
  cluster.on("message", (_w, message: unknown) => {
    if (message === "listening" && ++ready === instances) {
      console.log(`Shopdesk demo: ${instances} app instances on ${appUrl} (storefront http://localhost:${storefrontPort})`);
    }
  });
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    console.log(`instance ${w.id} stopped (${signal ?? code}); starting a new one`);
    fork();
  });
  for (let i = 0; i < instances; i++) fork();

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill();
      storefront.close();
      admin.server.close();
      setTimeout(() => process.exit(0), 500).unref();
    });
  }
}

async function worker() {
  const [{ setupServer }, { routeShopifyFetchThroughGlobal }, { forwardingAdminHandlers }] = await Promise.all([
    import("msw/node"),
    import("./msw"),
    import("./admin-service"),
  ]);
  const { env } = await import("../env.server");
  // As in the single-process demo: intercept before Shopify's library loads, but forward to the shared stand-in.
  routeShopifyFetchThroughGlobal();
  setupServer(...forwardingAdminHandlers(process.env.SHOPDESK_ADMIN_SERVICE!, env.DEMO_SHOP)).listen({ onUnhandledRequest: "bypass" });
  const { startAppServer } = await import("../../server");
  // All workers listen on the same port: node:cluster hands each new connection to one of them.
  await startAppServer({ port: Number(process.env.PORT), host: "127.0.0.1" });
  console.log(`instance ${cluster.worker!.id} listening (pid ${process.pid})`);
  process.send?.("listening");
}

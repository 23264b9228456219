/**
 * npm run bench:webhooks -- --rate 200 --seconds 20 [--instances 3] [--database postgresql://…]
 *
 * Shopify's delivery of webhooks at a steady rate to the app (the demo run as `--instances` processes): each one
 * signed like Shopify's, a fulfillment_events/create for the demo shop, and every tenth one re-sent with the same
 * webhook id (Shopify retries). Prints the acknowledgement latency (p50/p99, goal p99 <= 50 ms), errors, and checks
 * in the database that every distinct webhook id was recorded exactly once.
 */
import Database from "better-sqlite3";
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import { DEMO_API_SECRET } from "../app/env.server";
import { DEMO_SHOP_DOMAIN } from "../app/demo/shop-data";
import { flag, quantile, startApp } from "./harness";

const RATE = Number(flag("rate", "200"));
const SECONDS = Number(flag("seconds", "20"));
const INSTANCES = Number(flag("instances", "1"));
const DATABASE = flag("database", "");

// Shopify's library records the topic as FULFILLMENT_EVENTS_CREATE.
const TOPIC = `upper(replace(topic, '/', '_')) = 'FULFILLMENT_EVENTS_CREATE'`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function deliver(url: string, id: string, n: number): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify({
    id: 900_000 + n,
    fulfillment_id: 4_000_000 + (n % 50),
    order_id: 6_120_400_000_000,
    status: n % 7 === 0 ? "attempted_delivery" : "in_transit",
    happened_at: new Date().toISOString(),
  });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "x-shopify-hmac-sha256": createHmac("sha256", DEMO_API_SECRET).update(body).digest("base64"),
          "x-shopify-topic": "fulfillment_events/create",
          "x-shopify-shop-domain": DEMO_SHOP_DOMAIN,
          "x-shopify-api-version": "2026-10",
          "x-shopify-webhook-id": id,
          "x-shopify-triggered-at": new Date().toISOString(),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function main() {
  const app = await startApp({ instances: INSTANCES, database: DATABASE });
  const { appPort, databaseUrl } = app;

  const url = `http://127.0.0.1:${appPort}/webhooks/fulfillment_events/create`;
  const latencies: number[] = [];
  const ids = new Set<string>();
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const total = RATE * SECONDS;
  const started = performance.now();
  let last = "";
  for (let n = 0; n < total; n++) {
    // On schedule: the n-th delivery leaves at n / RATE seconds, whatever the earlier ones are doing.
    const due = started + (n * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const id = n % 10 === 9 && last ? last : randomUUID();
    last = id;
    ids.add(id);
    inFlight.push(
      deliver(url, id, n).then(
        (r) => {
          latencies.push(r.ms);
          if (r.status !== 200) errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  // Let the work after the 200 finish before counting.
  await new Promise((r) => setTimeout(r, 2000));
  await app.stop();

  let recorded = -1;
  let distinct = -1;
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice(5), { readonly: true });
    recorded = (db.prepare(`select count(*) as n from "ProcessedWebhook" where ${TOPIC}`).get() as { n: number }).n;
    distinct = (db.prepare(`select count(distinct webhookId) as n from "ProcessedWebhook" where ${TOPIC}`).get() as { n: number }).n;
    db.close();
  }
  const p99 = quantile(latencies, 0.99);
  console.log(`webhook bench: ${RATE}/s for ${SECONDS} s (${total} deliveries, ${ids.size} distinct ids), ${INSTANCES} instance(s), ${DATABASE ? "PostgreSQL" : "SQLite"}`);
  console.log(`webhooks delivered ${latencies.length} in ${seconds.toFixed(1)} s`);
  console.log(`webhook ack p50 ${quantile(latencies, 0.5).toFixed(1)} ms`);
  console.log(`webhook ack p99 ${p99.toFixed(1)} ms (goal <= 50 ms: ${p99 <= 50 ? "met" : "missed"})`);
  console.log(`webhook errors ${errors}`);
  if (recorded >= 0) {
    console.log(`webhooks recorded ${recorded} rows for ${ids.size} distinct ids (${recorded === ids.size && distinct === ids.size ? "each exactly once" : "MISMATCH"})`);
  }
  agent.destroy();
  process.exit(recorded >= 0 && recorded !== ids.size ? 1 : 0);
}

await main();

/**
 * npm run bench:chat -- --chats 100 --admin-latency 50 [--instances 3] [--database postgresql://…]
 *
 * Many shoppers chatting at once with the whole app: the demo run as `--instances` app processes (npm run
 * start:cluster), every Admin API answer delayed by `--admin-latency` ms (the stand-in's fault profile), each chat a
 * visitor sending five messages in turn (status with verification, two follow-ups, a stock question, thanks) through
 * the demo storefront's signed App Proxy. Prints turns/s, p50/p99 turn latency, errors and the app processes' memory,
 * beside a plain node:http server answering the same load in the same run (what the machine and the client alone
 * cost). Goals: p99 <= admin latency + 25 ms, RSS <= 300 MB per instance.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { freePort } from "../test/browser";
import { flag, quantile, startApp } from "./harness";

const CHATS = Number(flag("chats", "100"));
const LATENCY = Number(flag("admin-latency", "50"));
const INSTANCES = Number(flag("instances", "1"));
const DATABASE = flag("database", "");
const UA = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36";
const SCRIPT = [
  "where is order #1043? zoe.parker@example.org",
  "and when will it arrive?",
  "which carrier?",
  "is the merino crew sweater in stock in M / Forest?",
  "thanks!",
];

// Keep-alive connections, as a browser keeps them to a storefront.
const agent = new http.Agent({ keepAlive: true, maxSockets: CHATS });

function post(url: string, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "user-agent": UA } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs CHATS chats of SCRIPT against `url`; each chat sends its messages one after another. */
async function load(url: (chat: number, turn: number) => { href: string; body: string }) {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CHATS }, async (_, chat) => {
      for (let turn = 0; turn < SCRIPT.length; turn++) {
        const { href, body } = url(chat, turn);
        try {
          const r = await post(href, body);
          latencies.push(r.ms);
          if (r.status !== 200) errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

/** CPU seconds (user + system) a process has used so far. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

async function main() {
  // Reference: the same client against a node:http server that answers at once.
  const plainPort = await freePort();
  const plain = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  });
  await new Promise<void>((r) => plain.listen(plainPort, "127.0.0.1", () => r()));
  const reference = await load(() => ({ href: `http://127.0.0.1:${plainPort}/`, body: "{}" }));
  plain.close();

  const app = await startApp({ instances: INSTANCES, database: DATABASE, env: { SHOPDESK_ADMIN_FAULTS: `slow=${LATENCY}` } });
  const { child, storefrontPort } = app;
  const pids = app.instancePids;
  const run = Date.now().toString(36);
  const chat = (c: number, turn: number) => ({
    href: `http://127.0.0.1:${storefrontPort}/apps/shopdesk/chat`,
    body: JSON.stringify({
      visitorId: `bench-${run}-${String(c).padStart(6, "0")}`,
      clientMessageId: `bench-${run}-${c}-${turn}`,
      text: SCRIPT[turn],
    }),
  });
  // A short warm-up (module caches, the catalog and shop profile caches), not counted.
  await post(chat(CHATS + 1, 0).href, chat(CHATS + 1, 0).body);
  const cpuBefore = [child.pid!, ...pids].map(cpuOf);
  const result = await load(chat);
  const cpu = [child.pid!, ...pids].map((pid, i) => cpuOf(pid) - cpuBefore[i]);
  const rss = pids.map(rssOf);
  await app.stop();

  const p50 = quantile(result.latencies, 0.5);
  const p99 = quantile(result.latencies, 0.99);
  const goal = LATENCY + 25;
  console.log(`chat bench: ${CHATS} concurrent chats x ${SCRIPT.length} turns, ${INSTANCES} instance(s), Admin API latency ${LATENCY} ms, ${DATABASE ? "PostgreSQL" : "SQLite"}`);
  console.log(`chat turns ${result.latencies.length}`);
  console.log(`chat turns/s ${(result.latencies.length / result.seconds).toFixed(1)} turns/s`);
  console.log(`chat turn p50 ${p50.toFixed(1)} ms`);
  console.log(`chat turn p99 ${p99.toFixed(1)} ms (goal <= ${goal} ms: ${p99 <= goal ? "met" : "missed"})`);
  console.log(`chat errors ${result.errors}`);
  console.log(`server RSS ${Math.max(...rss).toFixed(0)} MB per instance at most (${rss.map((r) => r.toFixed(0)).join(", ")} MB; goal <= 300 MB)`);
  // Where the time goes: the primary holds the demo's Admin API stand-in and storefront proxy for every instance.
  console.log(`cpu during the run: demo primary (stand-in, storefront) ${cpu[0].toFixed(1)} s, app instance(s) ${cpu.slice(1).map((c) => c.toFixed(1)).join(", ")} s, over ${result.seconds.toFixed(1)} s`);
  console.log(`reference node:http ${(reference.latencies.length / reference.seconds).toFixed(1)} req/s`);
  console.log(`reference node:http p50 ${quantile(reference.latencies, 0.5).toFixed(1)} ms`);
  console.log(`reference node:http p99 ${quantile(reference.latencies, 0.99).toFixed(1)} ms`);
  agent.destroy();
  process.exit(0);
}

await main();

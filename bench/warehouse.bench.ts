/**
 * Warehouse benchmark: `npm run bench:warehouse -- --messages 10000000 [--shops 3] [--keep]`.
 * 1. Generates a synthetic history straight into a fresh app SQLite file (not through Prisma).
 * 2. Loads it into a fresh DuckDB warehouse with the real loader (rows/s per phase).
 * 3. Loads the very same rows with DuckDB's own native Parquet reader into another fresh file (the yardstick).
 * 4. Times each mart's page query, warm, and reports p50/p95.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatTable } from "../analytics/src/cli-format";
import { openWarehouse, scalar } from "../analytics/src/duck";
import { createAppDatabase, generateHistory } from "../analytics/src/generate";
import { loadWarehouse } from "../analytics/src/load";
import { SyntheticOrderSource } from "../analytics/src/orders";
import { stderrProgress } from "../analytics/src/progress";
import {
  botDeflection,
  complaintHotspots,
  repurchaseAfterSupport,
  serviceKpis,
  type DateRange,
} from "../analytics/src/queries";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "1000000" },
    shops: { type: "string", default: "3" },
    runs: { type: "string", default: "40" },
    keep: { type: "boolean", default: false },
  },
});
const messages = Number(values.messages);
const shops = Array.from({ length: Number(values.shops) }, (_, i) => `bench-shop-${i + 1}.myshopify.com`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shopdesk-bench-"));
const config = {
  sqlitePath: path.join(dir, "app.sqlite"),
  warehousePath: path.join(dir, "warehouse.duckdb"),
  syntheticDir: path.join(dir, "synthetic"),
};
const progress = stderrProgress();
const end = new Date("2026-10-31T12:00:00Z");
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const started = Date.now();

// 1. The app database.
createAppDatabase(config.sqlitePath);
const gen = generateHistory({ ...config, shops, messages, seed: 2026, end, days: 365, unsafeFast: true, progress });
const sqliteBytes = fs.statSync(config.sqlitePath).size;

// 2. The warehouse load (one transaction: raw tables, watermarks, models).
const load = await loadWarehouse({ config, orderSource: new SyntheticOrderSource(config.syntheticDir), progress });
const appPhases = ["messages", "events", "outcomes", "conversations"] as const;
const appRows = appPhases.reduce((n, p) => n + (load.rows[p] ?? 0), 0);
const appSeconds = appPhases.reduce((n, p) => n + (load.seconds[p] ?? 0), 0);

// 3. The same rows, through DuckDB's native Parquet reader, into a fresh file.
const parquetDir = path.join(dir, "parquet");
fs.mkdirSync(parquetDir);
const native: Record<string, { rows: number; seconds: number }> = {};
{
  const wh = await openWarehouse(config.warehousePath, { readOnly: true });
  for (const t of appPhases) await wh.conn.run(`copy raw.${t} to '${parquetDir}/${t}.parquet' (format parquet)`);
  wh.close();
  const target = await openWarehouse(path.join(dir, "native.duckdb"));
  for (const t of appPhases) {
    const t0 = performance.now();
    await target.conn.run(`create table ${t} as select * from read_parquet('${parquetDir}/${t}.parquet')`);
    native[t] = {
      rows: Number(await scalar(target.conn, `select count(*) from ${t}`)),
      seconds: (performance.now() - t0) / 1000,
    };
  }
  target.close();
}
const nativeRows = appPhases.reduce((n, p) => n + native[p].rows, 0);
const nativeSeconds = appPhases.reduce((n, p) => n + native[p].seconds, 0);

// 4. Warm p95 of each mart's page query, for the biggest shop over the whole year.
const range: DateRange = { from: "2025-10-01", to: "2026-10-31" };
const marts = {
  complaint_hotspots: complaintHotspots,
  bot_deflection: botDeflection,
  service_kpis: serviceKpis,
  repurchase_after_support: repurchaseAfterSupport,
};
const latencies: Record<string, number>[] = [];
{
  const wh = await openWarehouse(config.warehousePath, { readOnly: true });
  const runs = Number(values.runs);
  for (const [name, query] of Object.entries(marts)) {
    for (let i = 0; i < 5; i++) await query(wh.conn, shops[0], range);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await query(wh.conn, shops[i % shops.length], range);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const rows = Number(await scalar(wh.conn, `select count(*) from marts.${name}`));
    latencies.push({
      p50: times[Math.floor(runs * 0.5)],
      p95: times[Math.ceil(runs * 0.95) - 1],
      max: times[runs - 1],
      rows,
      name,
    } as never);
  }
  wh.close();
}

const ratio = appRows / appSeconds / (nativeRows / nativeSeconds);
const messageRatio = load.rows.messages / load.seconds.messages / (native.messages.rows / native.messages.seconds);
console.log(
  `\nShopdesk warehouse benchmark — ${fmt(gen.messages)} messages, ${fmt(gen.conversations)} conversations, ${
    shops.length
  } shops, ${os.cpus().length} cores`
);
console.log(
  `app database: ${(sqliteBytes / 1e9).toFixed(2)} GB SQLite, generated in ${gen.seconds.toFixed(1)}s (${fmt(
    gen.orders
  )} orders in the order source)\n`
);
console.log(
  formatTable([
    ...appPhases.map((p) => ({
      phase: p,
      rows: fmt(load.rows[p]),
      "load s": load.seconds[p].toFixed(2),
      "load rows/s": fmt(load.rows[p] / load.seconds[p]),
      "native parquet s": native[p].seconds.toFixed(2),
      "native rows/s": fmt(native[p].rows / native[p].seconds),
      "load / native": `${Math.round((load.rows[p] / load.seconds[p] / (native[p].rows / native[p].seconds)) * 100)}%`,
    })),
    {
      phase: "ALL app rows",
      rows: fmt(appRows),
      "load s": appSeconds.toFixed(2),
      "load rows/s": fmt(appRows / appSeconds),
      "native parquet s": nativeSeconds.toFixed(2),
      "native rows/s": fmt(nativeRows / nativeSeconds),
      "load / native": `${Math.round(ratio * 100)}%`,
    },
  ])
);
console.log(
  `\nSame transaction, not in the ratio: orders ${fmt(load.rows.orders ?? 0)} in ${(load.seconds.orders ?? 0).toFixed(
    2
  )}s, models rebuilt in ${(load.seconds.models ?? 0).toFixed(2)}s; whole load ${load.totalSeconds.toFixed(1)}s.\n`
);
console.log(
  formatTable(
    latencies.map((l) => ({
      "mart (page query, warm)": l.name,
      "mart rows": fmt(l.rows),
      "p50 ms": Number(l.p50).toFixed(1),
      "p95 ms": Number(l.p95).toFixed(1),
      "max ms": Number(l.max).toFixed(1),
      "p95 <= 500 ms": l.p95 <= 500 ? "yes" : "NO",
    }))
  )
);
console.log(
  `\nTargets: load >= 25% of native -> ${ratio >= 0.25 ? "met" : "MISSED"} (${Math.round(
    ratio * 100
  )}%, messages alone ${Math.round(messageRatio * 100)}%); every mart p95 <= 500 ms -> ${
    latencies.every((l) => l.p95 <= 500) ? "met" : "MISSED"
  }`
);
console.log(
  `total ${((Date.now() - started) / 1000).toFixed(0)}s, peak RSS ${(process.resourceUsage().maxRSS / 1e6).toFixed(
    2
  )} GB (this process)${values.keep ? `, files kept in ${dir}` : ""}`
);
if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });

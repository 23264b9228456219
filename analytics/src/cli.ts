/**
 * The analysts' command: `npm run warehouse -- <command>`.
 *   load [--orders synthetic|admin|none]      load new rows from the app database (+ orders) and rebuild the models
 *   export --out DIR [--shop S]               Parquet per table, partitioned by shop and date, pseudonymised
 *   query "<sql>" [--json]                    run SQL against the warehouse (read-only)
 *   generate --conversations N [--shops a,b] [--seed 42] [--days 180] [--reset]
 *                                             synthetic history for demos and benchmarks; --reset removes the
 *                                             history generated before (the command refuses to run over it)
 *   demo [--shop S]                           give the demo shop a synthetic history (once) and load it
 *   test                                      run the model tests (unique, not null, accepted values)
 *   status                                    watermarks and row counts
 */
import { parseArgs } from "node:util";
import { configFromEnv } from "./config";
import { all, openWarehouse } from "./duck";
import { exportWarehouse } from "./export";
import { prepareDemoWarehouse } from "./demo";
import { createAppDatabase, generatedHistory, generateHistory, removeGeneratedHistory } from "./generate";
import { loadWarehouse } from "./load";
import { testModels } from "./models";
import { AdminOrderSource, SyntheticOrderSource, type AdminGraphql, type OrderSource } from "./orders";
import { stderrProgress } from "./progress";
import { formatTable } from "./cli-format";
import fs from "node:fs";

const DEMO_SHOP = "shopdesk-demo.myshopify.com";

async function adminOrderSource(): Promise<OrderSource> {
  // Imported lazily: only this path needs the app's Shopify configuration (offline sessions in the app database).
  const { unauthenticated } = await import("../../app/shopify.server");
  return new AdminOrderSource(async (shop) => {
    const { admin } = await unauthenticated.admin(shop);
    return admin.graphql as unknown as AdminGraphql;
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      shop: { type: "string" },
      shops: { type: "string" },
      orders: { type: "string" },
      conversations: { type: "string" },
      messages: { type: "string" },
      seed: { type: "string" },
      days: { type: "string" },
      json: { type: "boolean" },
      reset: { type: "boolean" },
    },
  });
  const config = configFromEnv();
  const progress = stderrProgress();

  switch (command) {
    case "generate": {
      if (!fs.existsSync(config.sqlitePath)) createAppDatabase(config.sqlitePath);
      // Generation is seeded, so a second run would write the same conversation ids again: say what is there and
      // how to replace it instead of failing half-way on the database's unique constraint.
      const existing = values.reset
        ? removeGeneratedHistory(config.sqlitePath, config.syntheticDir)
        : generatedHistory(config.sqlitePath);
      if (existing.length && !values.reset) {
        console.error(
          [
            `${config.sqlitePath} already holds a generated history:`,
            ...existing.map((e) => `  ${e.shop}: ${e.conversations} generated conversations`),
            "Nothing was written. Run `npm run warehouse -- generate --reset ...` to remove the generated history",
            "(conversations with synthetic v_ visitors and their synthetic orders; real conversations are kept) and",
            "generate a new one.",
          ].join("\n")
        );
        process.exitCode = 1;
        return;
      }
      if (existing.length) {
        console.error(
          `Removed the generated history first: ${existing.map((e) => `${e.shop} (${e.conversations})`).join(", ")}.` +
            " Run `npm run warehouse -- load` afterwards to bring the warehouse up to date."
        );
      }
      const shops = (values.shops ?? values.shop ?? process.env.DEMO_SHOP ?? DEMO_SHOP).split(",").map((s) => s.trim());
      const report = generateHistory({
        sqlitePath: config.sqlitePath,
        syntheticDir: config.syntheticDir,
        shops,
        conversations: values.conversations ? Number(values.conversations) : values.messages ? undefined : 2000,
        messages: values.messages ? Number(values.messages) : undefined,
        seed: values.seed ? Number(values.seed) : 42,
        days: values.days ? Number(values.days) : 180,
        progress,
      });
      console.log(formatTable([{ ...report, shops: shops.join(", "), database: config.sqlitePath }]));
      return;
    }
    case "demo": {
      const shop = values.shop ?? process.env.DEMO_SHOP ?? DEMO_SHOP;
      const { generated, load } = await prepareDemoWarehouse(config, shop, {
        conversations: values.conversations ? Number(values.conversations) : undefined,
        progress,
      });
      console.log(
        `${
          generated ? "generated a history for" : "history already present for"
        } ${shop}; loaded in ${load.totalSeconds.toFixed(1)}s`
      );
      return;
    }
    case "load": {
      const kind = values.orders ?? (fs.existsSync(config.syntheticDir) ? "synthetic" : "none");
      const orderSource =
        kind === "synthetic"
          ? new SyntheticOrderSource(config.syntheticDir)
          : kind === "admin"
          ? await adminOrderSource()
          : undefined;
      const report = await loadWarehouse({ config, orderSource, progress });
      console.log(
        formatTable(
          Object.entries(report.rows).map(([source, rows]) => ({ source, rows, seconds: report.seconds[source] ?? "" }))
        )
      );
      console.log(`loaded into ${config.warehousePath} in ${report.totalSeconds.toFixed(1)}s (orders: ${kind})`);
      if (orderSource instanceof AdminOrderSource)
        console.log(`bulk operation used for backfill: ${orderSource.usedBulk}`);
      return;
    }
    case "export": {
      if (!values.out) throw new Error("export needs --out DIR");
      const wh = await openWarehouse(config.warehousePath);
      try {
        const counts = await exportWarehouse(wh.conn, { out: values.out, shop: values.shop, progress });
        console.log(formatTable(Object.entries(counts).map(([table, rows]) => ({ table, rows }))));
        console.log(
          `Parquet written to ${values.out}/<table>/shop=…/date=…/ (emails, phones and customer ids hashed; no addresses, names or text)`
        );
      } finally {
        wh.close();
      }
      return;
    }
    case "query": {
      const sql = positionals.join(" ");
      if (!sql)
        throw new Error(
          'query needs SQL, e.g. npm run warehouse -- query "select * from marts.bot_deflection limit 5"'
        );
      const wh = await openWarehouse(config.warehousePath, { readOnly: true });
      try {
        const rows = await all(wh.conn, sql);
        console.log(values.json ? JSON.stringify(rows, null, 2) : formatTable(rows));
      } finally {
        wh.close();
      }
      return;
    }
    case "test": {
      const wh = await openWarehouse(config.warehousePath, { readOnly: true });
      try {
        const { ran, failures } = await testModels(wh.conn);
        console.log(
          failures.length
            ? formatTable(failures as unknown as Record<string, unknown>[])
            : `all ${ran} model tests passed`
        );
        if (failures.length) process.exitCode = 1;
      } finally {
        wh.close();
      }
      return;
    }
    case "status": {
      const wh = await openWarehouse(config.warehousePath, { readOnly: true });
      try {
        console.log(formatTable(await all(wh.conn, "select * from meta.watermarks order by source, shop")));
      } finally {
        wh.close();
      }
      return;
    }
    default:
      console.log(
        fs
          .readFileSync(new URL(import.meta.url), "utf8")
          .split("*/")[0]
          .replace("/**", "")
          .replace(/^ \* ?/gm, "")
      );
      if (command) process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

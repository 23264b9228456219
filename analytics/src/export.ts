import type { DuckDBConnection } from "@duckdb/node-api";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { literal, scalar } from "./duck";
import { silentProgress, type Progress } from "./progress";

/**
 * What analysts get: one Parquet dataset per table, partitioned by shop and date (hive style, so
 * `read_parquet('DIR/messages/**\/*.parquet', hive_partitioning = true)` works in the plain DuckDB CLI). Personal data
 * is pseudonymised: emails, phones and customer/visitor ids become salted SHA-256 (stable across exports, so they
 * still join), and no address, name or free text is exported at all.
 */
const key = (expr: string) => `case when ${expr} is null then null else sha256($salt || ${expr}) end`;
const emailKey = (col: string) => key(`lower(trim(${col}))`);
const phoneKey = (col: string) => key(`regexp_replace(${col}, '[^0-9+]', '', 'g')`);

export const EXPORTS: Record<string, string> = {
  conversations: `select conversation_id, shop, channel, ${key("visitor_id")} as visitor_key, ${key(
    "customer_id"
  )} as customer_key,
      ${emailKey("customer_email")} as email_hash, status, language, assignee_id, handoff_reason, sentiment, csat_score,
      created_at, updated_at, last_message_at, first_human_reply_at, closed_at, created_at::date as date
    from staging.stg_conversations`,
  messages: `select message_id, shop, conversation_id, author, intent, confidence, sentiment, is_angry, language, agent_id,
      skill, order_id, created_at, created_at::date as date
    from staging.stg_messages`,
  conversation_events: `select event_id, shop, conversation_id, kind, reason, actor_id, created_at, created_at::date as date
    from staging.stg_conversation_events`,
  conversation_outcomes: `select outcome_id, shop, conversation_id, kind, order_id, amount, currency, created_at,
      created_at::date as date
    from staging.stg_conversation_outcomes`,
  orders: `select order_id, shop, ${key("customer_id")} as customer_key, ${emailKey("email")} as email_hash,
      ${phoneKey("phone")} as phone_hash, ordered_at, updated_at, cancelled_at, total_price, currency, financial_status,
      fulfillment_status, carrier, region, product, ordered_at::date as date
    from staging.stg_orders`,
  customers: `select ${key("customer_id")} as customer_key, shop, ${emailKey("email")} as email_hash,
      ${phoneKey("phone")} as phone_hash, created_at, updated_at, created_at::date as date
    from staging.stg_customers`,
  complaint_hotspots: `select *, week as date from marts.complaint_hotspots`,
  bot_deflection: `select *, week as date from marts.bot_deflection`,
  handoff_reasons: `select *, week as date from marts.handoff_reasons`,
  service_kpis: `select * exclude (agent_name), week as date from marts.service_kpis`,
  repurchase_after_support: `select *, week as date from marts.repurchase_after_support`,
};

/** The salt for pseudonyms: WAREHOUSE_PSEUDONYM_SALT, or one generated once and kept in the warehouse. */
export async function pseudonymSalt(
  conn: DuckDBConnection,
  env: Record<string, string | undefined> = process.env
): Promise<string> {
  if (env.WAREHOUSE_PSEUDONYM_SALT) return env.WAREHOUSE_PSEUDONYM_SALT;
  await conn.run("create schema if not exists meta");
  await conn.run("create table if not exists meta.settings (key varchar primary key, value varchar not null)");
  const existing = (await scalar(conn, "select value from meta.settings where key = 'pseudonym_salt'")) as
    | string
    | undefined;
  if (existing) return existing;
  const salt = crypto.randomBytes(32).toString("hex");
  await conn.run("insert into meta.settings values ('pseudonym_salt', $salt)", { salt });
  return salt;
}

export interface ExportOptions {
  out: string;
  /** Only this shop (an analyst of one merchant). */
  shop?: string;
  tables?: string[];
  progress?: Progress;
}

/** Writes the Parquet datasets; returns rows per table. */
export async function exportWarehouse(conn: DuckDBConnection, options: ExportOptions): Promise<Record<string, number>> {
  const progress = options.progress ?? silentProgress;
  const salt = await pseudonymSalt(conn);
  const tables = options.tables ?? Object.keys(EXPORTS);
  const counts: Record<string, number> = {};
  fs.mkdirSync(options.out, { recursive: true });
  progress.start("export", tables.length);
  let done = 0;
  for (const table of tables) {
    const target = path.join(options.out, table);
    fs.rmSync(target, { recursive: true, force: true });
    const where = options.shop ? `where shop = ${literal(options.shop)}` : "";
    // COPY takes no parameters, so the salt is inlined as a quoted literal.
    const select = `select * from (${EXPORTS[table].replaceAll("$salt", literal(salt))}) ${where}`;
    counts[table] = Number(await scalar(conn, `select count(*) from (${select})`));
    if (counts[table] > 0) {
      await conn.run(
        `copy (${select}) to ${literal(target)} (format parquet, partition_by (shop, date), compression zstd)`
      );
    }
    progress.tick(++done);
  }
  progress.end();
  return counts;
}

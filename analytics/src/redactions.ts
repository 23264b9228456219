import type { DuckDBConnection } from "@duckdb/node-api";
import type Database from "better-sqlite3";
import { literal } from "./duck";

interface Redaction {
  id: number;
  shop: string;
  scope: string;
  customerId: string | null;
  emailHash: string | null;
  phoneHash: string | null;
}

/** Every raw table that carries a shop column. */
const SHOP_TABLES = ["messages", "events", "outcomes", "conversations", "orders", "customers"];

/**
 * Carries out the privacy requests the app recorded (customers/redact, shop/redact) since the last load, inside the
 * load's transaction: a shop's rows disappear from every table, a customer's orders and customer row disappear
 * (matched by id or by the hash of their email or phone, as the app hashed them). Returns how many were applied.
 */
export async function applyRedactions(conn: DuckDBConnection, app: Database.Database, lastId: number): Promise<{ applied: number; lastId: number }> {
  const hasTable = app.prepare(`select 1 from sqlite_master where type = 'table' and name = 'PrivacyRedaction'`).get();
  if (!hasTable) return { applied: 0, lastId };
  const rows = app
    .prepare(`select id, shop, scope, customerId, emailHash, phoneHash from "PrivacyRedaction" where id > ? order by id`)
    .all(lastId) as Redaction[];
  for (const r of rows) {
    const shop = literal(r.shop);
    if (r.scope === "shop") {
      for (const table of SHOP_TABLES) await conn.run(`delete from raw.${table} where shop = ${shop}`);
      await conn.run(`delete from meta.watermarks where shop = ${shop}`);
      continue;
    }
    const matches = [
      r.customerId ? `customer_id = ${literal(r.customerId)}` : null,
      r.emailHash ? `sha256(lower(trim(email))) = ${literal(r.emailHash)}` : null,
      r.phoneHash ? `sha256(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')) = ${literal(r.phoneHash)}` : null,
    ].filter(Boolean);
    if (!matches.length) continue;
    await conn.run(`delete from raw.orders where shop = ${shop} and (${matches.join(" or ")})`);
    const customerMatches = matches.map((m) => m!.replace("customer_id =", "id ="));
    await conn.run(`delete from raw.customers where shop = ${shop} and (${customerMatches.join(" or ")})`);
  }
  return { applied: rows.length, lastId: rows.at(-1)?.id ?? lastId };
}

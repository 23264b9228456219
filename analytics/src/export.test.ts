import { DuckDBInstance } from "@duckdb/node-api";
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshWarehouse, SHOP_A } from "../test/fixture";
import { openWarehouse } from "./duck";
import { exportWarehouse } from "./export";
import { loadWarehouse } from "./load";
import { SyntheticOrderSource } from "./orders";

const config = freshWarehouse();
const out = path.join(config.dir, "export");

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

beforeAll(async () => {
  // Personal data the app holds that must not leave in an export: emails and phones (orders, customers,
  // conversations), and a street address and name typed into a chat message.
  const db = new Database(config.sqlitePath);
  db.prepare(
    `update "Message" set text = 'Send it to 221B Baker Street, my name is Sherlock Holmes' where id = 1`
  ).run();
  db.close();
  await loadWarehouse({ config, orderSource: new SyntheticOrderSource(config.syntheticDir) });
  const wh = await openWarehouse(config.warehousePath);
  try {
    await exportWarehouse(wh.conn, { out });
  } finally {
    wh.close();
  }
});

describe("the analysts' export", () => {
  it("writes Parquet partitioned by shop and date that plain DuckDB reads back", async () => {
    const files = filesUnder(out);
    expect(files.length).toBeGreaterThan(10);
    expect(files.every((f) => f.endsWith(".parquet"))).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}messages${path.sep}shop=${SHOP_A}${path.sep}date=`))).toBe(true);
    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    const rows = (
      await conn.runAndReadAll(
        `select count(*), count(distinct shop) from read_parquet('${out}/messages/**/*.parquet', hive_partitioning = true)`
      )
    ).getRows();
    const app = new Database(config.sqlitePath, { readonly: true });
    expect(Number(rows[0][0])).toBe(Number(app.prepare(`select count(*) from "Message"`).pluck().get()));
    app.close();
    expect(Number(rows[0][1])).toBe(2);
  });

  it("contains no raw email, phone, address or name", async () => {
    const app = new Database(config.sqlitePath, { readonly: true });
    const emails = app
      .prepare(`select distinct customerEmail from "Conversation" where customerEmail is not null limit 50`)
      .pluck()
      .all() as string[];
    app.close();
    const orders = fs
      .readFileSync(path.join(config.syntheticDir, SHOP_A, "orders.ndjson"), "utf8")
      .split("\n")
      .filter(Boolean)
      .slice(0, 50);
    const phones = orders.map((l) => JSON.parse(l).phone as string);
    expect(emails.length).toBeGreaterThan(5);

    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    // Every exported value, of every table, as text.
    const everything: string[] = [];
    const tables = fs.readdirSync(out);
    for (const table of tables) {
      const reader = await conn.runAndReadAll(
        `select * from read_parquet('${out}/${table}/**/*.parquet', hive_partitioning = true)`
      );
      const columns = reader.columnNames();
      expect(
        columns.filter((c) => /address|street|city|zip|first_name|last_name|^email$|^phone$|text|comment/i.test(c)),
        table
      ).toEqual([]);
      for (const row of reader.getRows()) everything.push(row.map((v) => String(v)).join("\u0001"));
    }
    const blob = everything.join("\n");
    for (const email of emails) expect(blob.includes(email), email).toBe(false);
    for (const phone of phones) expect(blob.includes(phone), phone).toBe(false);
    expect(blob).not.toMatch(/@example\.com/);
    expect(blob).not.toMatch(/Baker Street|Sherlock/);
    expect(blob).not.toMatch(/Ana Ruiz|Ben Carter/);
    // Pseudonyms are salted SHA-256 hex, and stable: the same customer hashes the same way in every table.
    const [hashes] = (
      await conn.runAndReadAll(
        `select count(*) filter (where c.email_hash is not null), count(*) filter (where length(c.email_hash) = 64)
         from read_parquet('${out}/conversations/**/*.parquet', hive_partitioning = true) c`
      )
    ).getRows();
    expect(Number(hashes[0])).toBeGreaterThan(0);
    expect(hashes[0]).toBe(hashes[1]);
    const [joined] = (
      await conn.runAndReadAll(
        `select count(*) from read_parquet('${out}/conversations/**/*.parquet', hive_partitioning = true) c
         join read_parquet('${out}/customers/**/*.parquet', hive_partitioning = true) k using (customer_key)`
      )
    ).getRows();
    expect(Number(joined[0])).toBeGreaterThan(0);
  });
});

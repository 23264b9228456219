import type { DuckDBConnection } from "@duckdb/node-api";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { WarehouseConfig } from "./config";
import { literal, openWarehouse, scalar } from "./duck";
import { SEP, SqliteExtractor, chunkFile, chunkQuery, cleanText, type ExtractJob } from "./extract";
import { buildModels } from "./models";
import { applyRedactions } from "./redactions";
import type { OrderPage, OrderSource } from "./orders";
import { silentProgress, type Progress } from "./progress";

/** Raw tables: one per source, the app's rows renamed to snake_case and typed; message text is never copied. */
const RAW_DDL = `
create schema if not exists raw;
create schema if not exists meta;
create table if not exists meta.watermarks (
  source varchar not null,
  shop varchar not null,
  last_id bigint,
  last_updated_at varchar,
  rows_loaded bigint not null,
  loaded_at timestamp not null,
  primary key (source, shop)
);
create table if not exists meta.settings (key varchar primary key, value varchar not null);
create table if not exists raw.conversations (
  id varchar, shop varchar, channel varchar, visitor_id varchar, customer_id varchar, customer_email varchar,
  status varchar, language varchar, assignee_id varchar, assignee_name varchar, tags varchar, handoff_reason varchar,
  sentiment double, csat_score integer, created_at timestamp, updated_at timestamp, last_message_at timestamp,
  first_human_reply_at timestamp, closed_at timestamp
);
create table if not exists raw.messages (
  id bigint, shop varchar, conversation_id varchar, author varchar, intent varchar, confidence double,
  sentiment double, angry boolean, language varchar, agent_id varchar, agent_name varchar, skill varchar,
  order_id varchar, created_at timestamp
);
create table if not exists raw.events (
  id bigint, shop varchar, conversation_id varchar, kind varchar, reason varchar, actor_id varchar,
  actor_name varchar, created_at timestamp
);
create table if not exists raw.outcomes (
  id bigint, shop varchar, conversation_id varchar, kind varchar, order_id varchar, amount double,
  currency varchar, created_at timestamp, reason varchar
);
-- Warehouses made before outcomes had a reason (a return's ReturnReason) gain the column; old rows keep null.
alter table raw.outcomes add column if not exists reason varchar;
create table if not exists raw.orders (
  shop varchar, id varchar, customer_id varchar, email varchar, phone varchar, created_at timestamp,
  updated_at timestamp, cancelled_at timestamp, total_price double, currency varchar, financial_status varchar,
  fulfillment_status varchar, carrier varchar, country_code varchar, province_code varchar, product varchar
);
create table if not exists raw.customers (
  shop varchar, id varchar, email varchar, phone varchar, created_at timestamp, updated_at timestamp
);
`;

/** How one app table travels: SQLite expressions per field, then the DuckDB select that types them. */
interface Source {
  name: string;
  table: string;
  fields: string[];
  /** CSV column name -> CSV type (timestamps travel as text and are cast in `select`). */
  columns: [string, string][];
  select: string;
}

const ts = (c: string) => `cast(${c} as timestamp) as ${c}`;

const SOURCES: Record<"messages" | "events" | "outcomes" | "conversations", Source> = {
  messages: {
    name: "messages",
    table: "Message",
    fields: [
      "id",
      "shop",
      "conversationId",
      "author",
      "intent",
      "confidence",
      "sentiment",
      "angry",
      "language",
      "agentId",
      cleanText("agentName"),
      "meta",
      "createdAt",
    ],
    columns: [
      ["id", "bigint"],
      ["shop", "varchar"],
      ["conversation_id", "varchar"],
      ["author", "varchar"],
      ["intent", "varchar"],
      ["confidence", "double"],
      ["sentiment", "double"],
      ["angry", "boolean"],
      ["language", "varchar"],
      ["agent_id", "varchar"],
      ["agent_name", "varchar"],
      ["meta", "varchar"],
      ["created_at", "varchar"],
    ],
    // meta is JSON the app wrote; json_valid guards against a hand-edited row aborting the whole load.
    select: `id, shop, conversation_id, author, intent, confidence, sentiment, angry, language, agent_id, agent_name,
      case when json_valid(meta) then meta->>'$.skill' end as skill,
      case when json_valid(meta) then meta->>'$.orderId' end as order_id, ${ts("created_at")}`,
  },
  events: {
    name: "events",
    table: "ConversationEvent",
    fields: [
      "id",
      "shop",
      "conversationId",
      "kind",
      cleanText("reason"),
      "actorId",
      cleanText("actorName"),
      "createdAt",
    ],
    columns: [
      ["id", "bigint"],
      ["shop", "varchar"],
      ["conversation_id", "varchar"],
      ["kind", "varchar"],
      ["reason", "varchar"],
      ["actor_id", "varchar"],
      ["actor_name", "varchar"],
      ["created_at", "varchar"],
    ],
    select: `id, shop, conversation_id, kind, reason, actor_id, actor_name, ${ts("created_at")}`,
  },
  outcomes: {
    name: "outcomes",
    table: "ConversationOutcome",
    fields: ["id", "shop", "conversationId", "kind", "orderId", "amount", "currency", "createdAt", "reason"],
    columns: [
      ["id", "bigint"],
      ["shop", "varchar"],
      ["conversation_id", "varchar"],
      ["kind", "varchar"],
      ["order_id", "varchar"],
      ["amount", "double"],
      ["currency", "varchar"],
      ["created_at", "varchar"],
      ["reason", "varchar"],
    ],
    select: `id, shop, conversation_id, kind, order_id, amount, currency, ${ts("created_at")}, reason`,
  },
  conversations: {
    name: "conversations",
    table: "Conversation",
    fields: [
      "id",
      "shop",
      "channel",
      cleanText("visitorId"),
      "customerId",
      cleanText("customerEmail"),
      "status",
      "language",
      "assigneeId",
      cleanText("assigneeName"),
      cleanText("tags"),
      cleanText("handoffReason"),
      "sentiment",
      "csatScore",
      "createdAt",
      "updatedAt",
      "lastMessageAt",
      "firstHumanReplyAt",
      "closedAt",
    ],
    columns: [
      ["id", "varchar"],
      ["shop", "varchar"],
      ["channel", "varchar"],
      ["visitor_id", "varchar"],
      ["customer_id", "varchar"],
      ["customer_email", "varchar"],
      ["status", "varchar"],
      ["language", "varchar"],
      ["assignee_id", "varchar"],
      ["assignee_name", "varchar"],
      ["tags", "varchar"],
      ["handoff_reason", "varchar"],
      ["sentiment", "double"],
      ["csat_score", "integer"],
      ["created_at", "varchar"],
      ["updated_at", "varchar"],
      ["last_message_at", "varchar"],
      ["first_human_reply_at", "varchar"],
      ["closed_at", "varchar"],
    ],
    select: `id, shop, channel, visitor_id, customer_id, customer_email, status, language, assignee_id, assignee_name, tags,
      handoff_reason, sentiment, csat_score, ${ts("created_at")}, ${ts("updated_at")}, ${ts("last_message_at")},
      ${ts("first_human_reply_at")}, ${ts("closed_at")}`,
  },
};

function readCsv(files: string[], source: Source): string {
  const columns = source.columns.map(([n, t]) => `'${n}': '${t}'`).join(", ");
  // No quoting: fields never contain the separator or a newline (see extract.ts); empty means NULL.
  return `read_csv([${files.map(literal).join(", ")}], header = false, delim = '${SEP}', quote = '', escape = '',
    auto_detect = false, columns = {${columns}})`;
}

export interface LoadOptions {
  config: WarehouseConfig;
  /** Orders and customers; without one, only the app database is loaded. */
  orderSource?: OrderSource;
  progress?: Progress;
  /** Ids per extract job and jobs per DuckDB insert (bounds temp disk and memory). */
  chunkIds?: number;
  chunksPerBatch?: number;
  readerThreads?: number;
  /** Called after each batch is inserted, inside the open transaction (tests use it to kill a load mid-way). */
  onBatch?: (source: string, rows: number) => void | Promise<void>;
  /** Rebuild the models after loading (default true). */
  buildModels?: boolean;
}

export interface LoadReport {
  rows: Record<string, number>;
  seconds: Record<string, number>;
  totalSeconds: number;
}

/**
 * Loads everything new since the last load into the warehouse, in ONE DuckDB transaction: raw rows, watermarks and
 * rebuilt models commit together or not at all, so a load killed halfway leaves the previous state. Re-running adds
 * nothing twice: append-only sources continue after their id watermark, mutable ones (conversations, orders) are
 * upserted by key.
 */
export async function loadWarehouse(options: LoadOptions): Promise<LoadReport> {
  const { config } = options;
  const progress = options.progress ?? silentProgress;
  const started = Date.now();
  const report: LoadReport = { rows: {}, seconds: {}, totalSeconds: 0 };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shopdesk-load-"));
  const app = new Database(config.sqlitePath, { readonly: true, fileMustExist: true });
  const extractor = new SqliteExtractor(config.sqlitePath, options.readerThreads);
  const wh = await openWarehouse(config.warehousePath);
  const conn = wh.conn;
  try {
    await conn.run(RAW_DDL);
    await conn.run("begin transaction");
    for (const source of [SOURCES.messages, SOURCES.events, SOURCES.outcomes]) {
      const t = Date.now();
      report.rows[source.name] = await loadById(conn, app, extractor, source, tmp, options, progress);
      report.seconds[source.name] = (Date.now() - t) / 1000;
    }
    let t = Date.now();
    report.rows.conversations = await loadConversations(conn, app, extractor, tmp, options, progress);
    report.seconds.conversations = (Date.now() - t) / 1000;
    t = Date.now();
    report.rows.deleted_conversations = await reconcileDeletions(conn, app, extractor, tmp);
    const privacy = await watermark(conn, "privacy_redactions");
    const redactions = await applyRedactions(conn, app, privacy.lastId);
    if (redactions.applied) await setWatermark(conn, "privacy_redactions", "", redactions.lastId, null, redactions.applied);
    report.rows.privacy_redactions = redactions.applied;
    if (options.orderSource) {
      t = Date.now();
      const shops = (await conn.runAndReadAll("select distinct shop from raw.conversations order by 1"))
        .getRows()
        .map((r) => String(r[0]));
      report.rows.orders = 0;
      for (const shop of shops) report.rows.orders += await loadOrders(conn, options.orderSource, shop, tmp, progress);
      report.seconds.orders = (Date.now() - t) / 1000;
    }
    if (options.buildModels !== false) {
      t = Date.now();
      await buildModels(conn, progress);
      report.seconds.models = (Date.now() - t) / 1000;
    }
    await conn.run("commit");
  } catch (error) {
    await conn.run("rollback").catch(() => undefined);
    throw error;
  } finally {
    wh.close();
    app.close();
    await extractor.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  report.totalSeconds = (Date.now() - started) / 1000;
  return report;
}

async function watermark(
  conn: DuckDBConnection,
  source: string,
  shop = ""
): Promise<{ lastId: number; lastUpdatedAt: string | null }> {
  const rows = (
    await conn.runAndReadAll(
      "select last_id, last_updated_at from meta.watermarks where source = $source and shop = $shop",
      { source, shop }
    )
  ).getRows();
  return {
    lastId: rows.length ? Number(rows[0][0] ?? 0) : 0,
    lastUpdatedAt: rows.length ? (rows[0][1] as string | null) ?? null : null,
  };
}

async function setWatermark(
  conn: DuckDBConnection,
  source: string,
  shop: string,
  lastId: number | null,
  lastUpdatedAt: string | null,
  rows: number
) {
  await conn.run(
    `insert or replace into meta.watermarks values ($source, $shop, $lastId, $lastUpdatedAt, coalesce((select rows_loaded from meta.watermarks where source = $source and shop = $shop), 0) + $rows, now()::timestamp)`,
    { source, shop, lastId, lastUpdatedAt, rows }
  );
}

/** Append-only tables: everything after the id watermark up to the max id seen at the start. */
async function loadById(
  conn: DuckDBConnection,
  app: Database.Database,
  extractor: SqliteExtractor,
  source: Source,
  tmp: string,
  options: LoadOptions,
  progress: Progress
): Promise<number> {
  const { lastId } = await watermark(conn, source.name);
  // SQLite serialises writers, so every id at or below this max is already committed: the ranges below are complete.
  const maxId = Number((app.prepare(`select max(id) from "${source.table}"`).pluck().get() as number | null) ?? 0);
  if (maxId <= lastId) return 0;
  const chunkIds = options.chunkIds ?? 100_000;
  const perBatch = options.chunksPerBatch ?? 20;
  const sql = chunkQuery(source.fields, `"${source.table}"`, "id > ? and id <= ?");
  progress.start(`load ${source.name}`, maxId - lastId);
  const batches: { jobs: ExtractJob[]; upTo: number }[] = [];
  let index = 0;
  for (let from = lastId; from < maxId; from += chunkIds * perBatch) {
    const upTo = Math.min(maxId, from + chunkIds * perBatch);
    const jobs: ExtractJob[] = [];
    for (let a = from; a < upTo; a += chunkIds) {
      jobs.push({ sql, params: [a, Math.min(a + chunkIds, upTo)], out: chunkFile(tmp, source.name, index++) });
    }
    batches.push({ jobs, upTo });
  }
  const extract = async (jobs: ExtractJob[]) => {
    const files: string[] = [];
    await extractor.run(jobs, (r) => {
      files.push(r.out);
    });
    return files;
  };
  // Pipelined: SQLite readers fill the next batch while DuckDB ingests this one.
  let next = batches.length ? extract(batches[0].jobs) : null;
  for (let i = 0; i < batches.length; i++) {
    const files = await next!;
    next = i + 1 < batches.length ? extract(batches[i + 1].jobs) : null;
    // Keep a failed read from surfacing as an unhandled rejection while this batch is inserted.
    next?.catch(() => undefined);
    if (files.length) {
      // The id filter is the anti-join: rows at or below the watermark were committed by an earlier load.
      await conn.run(
        `insert into raw.${source.name} select ${source.select} from ${readCsv(files, source)} where id > ${lastId}`
      );
      for (const f of files) fs.rmSync(f, { force: true });
    }
    progress.tick(batches[i].upTo - lastId);
    await options.onBatch?.(source.name, batches[i].upTo - lastId);
  }
  progress.end();
  const inserted = Number(await scalar(conn, `select count(*) from raw.${source.name} where id > ${lastId}`));
  await setWatermark(conn, source.name, "", maxId, null, inserted);
  return inserted;
}

/** Prisma writes DateTime as `YYYY-MM-DDTHH:MM:SS.mmm+00:00`; watermarks use the same text so SQLite compares as text. */
function prismaTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

/** Conversations change (status, CSAT, closing): re-read those updated since the watermark and upsert them. */
async function loadConversations(
  conn: DuckDBConnection,
  app: Database.Database,
  extractor: SqliteExtractor,
  tmp: string,
  options: LoadOptions,
  progress: Progress
): Promise<number> {
  const source = SOURCES.conversations;
  const { lastUpdatedAt } = await watermark(conn, source.name);
  // Two minutes of overlap: Prisma stamps updatedAt in the app before the write commits, so a slow write can land
  // with a time just below the watermark. Upserting makes the overlap harmless.
  const since = lastUpdatedAt ? prismaTime(Date.parse(lastUpdatedAt) - 120_000) : "";
  const maxRowid = Number((app.prepare(`select max(rowid) from "Conversation"`).pluck().get() as number | null) ?? 0);
  if (!maxRowid) return 0;
  const chunkIds = options.chunkIds ?? 100_000;
  const sql = chunkQuery(source.fields, `"Conversation"`, "rowid > ? and rowid <= ? and updatedAt > ?");
  const jobs: ExtractJob[] = [];
  for (let a = 0, i = 0; a < maxRowid; a += chunkIds, i++) {
    jobs.push({ sql, params: [a, Math.min(a + chunkIds, maxRowid), since], out: chunkFile(tmp, source.name, i) });
  }
  progress.start("load conversations", maxRowid);
  const files: string[] = [];
  await extractor.run(jobs, (r) => {
    files.push(r.out);
  });
  progress.tick(maxRowid);
  progress.end();
  if (!files.length) return 0;
  let count: number;
  let newMark: string | null;
  if (!lastUpdatedAt) {
    // Backfill: nothing to upsert against, so skip the staging copy (a third of the time at a million rows).
    await conn.run(`insert into raw.conversations select ${source.select} from ${readCsv(files, source)}`);
    count = Number(await scalar(conn, "select count(*) from raw.conversations"));
    newMark = (await scalar(
      conn,
      "select strftime(max(updated_at), '%Y-%m-%dT%H:%M:%S.%g+00:00') from raw.conversations"
    )) as string;
  } else {
    await conn.run(
      `create or replace temp table delta_conversations as select ${source.select} from ${readCsv(files, source)}`
    );
    await conn.run(`delete from raw.conversations where id in (select id from delta_conversations)`);
    await conn.run(`insert into raw.conversations select * from delta_conversations`);
    count = Number(await scalar(conn, "select count(*) from delta_conversations"));
    newMark = (await scalar(
      conn,
      "select strftime(max(updated_at), '%Y-%m-%dT%H:%M:%S.%g+00:00') from delta_conversations"
    )) as string;
    await conn.run("drop table delta_conversations");
  }
  await setWatermark(conn, source.name, "", null, newMark ?? lastUpdatedAt, count);
  for (const f of files) fs.rmSync(f, { force: true });
  return count;
}

/**
 * Conversations erased in the app (customers/redact, shop/redact) must disappear from the warehouse too. Counting is
 * cheap, so the id comparison only runs when the warehouse holds more conversations than the app.
 */
async function reconcileDeletions(
  conn: DuckDBConnection,
  app: Database.Database,
  extractor: SqliteExtractor,
  tmp: string
): Promise<number> {
  const appCount = Number(app.prepare(`select count(*) from "Conversation"`).pluck().get());
  const whCount = Number(await scalar(conn, "select count(*) from raw.conversations"));
  if (whCount <= appCount) return 0;
  const maxRowid = Number((app.prepare(`select max(rowid) from "Conversation"`).pluck().get() as number | null) ?? 0);
  const sql = chunkQuery(["id"], `"Conversation"`, "rowid > ? and rowid <= ?");
  const jobs: ExtractJob[] = [];
  for (let a = 0, i = 0; a < maxRowid; a += 200_000, i++) {
    jobs.push({ sql, params: [a, Math.min(a + 200_000, maxRowid)], out: chunkFile(tmp, "conversation-ids", i) });
  }
  const files: string[] = [];
  await extractor.run(jobs, (r) => {
    files.push(r.out);
  });
  const ids = files.length
    ? `(select id from read_csv([${files
        .map(literal)
        .join(
          ", "
        )}], header = false, delim = '${SEP}', quote = '', escape = '', auto_detect = false, columns = {'id': 'varchar'}))`
    : "(select null::varchar as id where false)";
  await conn.run(`create or replace temp table gone as select id from raw.conversations where id not in ${ids}`);
  const gone = Number(await scalar(conn, "select count(*) from gone"));
  for (const table of ["messages", "events", "outcomes"]) {
    await conn.run(`delete from raw.${table} where conversation_id in (select id from gone)`);
  }
  await conn.run("delete from raw.conversations where id in (select id from gone)");
  await conn.run("drop table gone");
  for (const f of files) fs.rmSync(f, { force: true });
  return gone;
}

/** Orders and customers of one shop since its watermark, upserted by id. */
async function loadOrders(
  conn: DuckDBConnection,
  source: OrderSource,
  shop: string,
  tmp: string,
  progress: Progress
): Promise<number> {
  const { lastUpdatedAt } = await watermark(conn, `orders:${source.name}`, shop);
  progress.start(`orders ${shop.replace(".myshopify.com", "")}`, 0);
  let count = 0;
  let page = 0;
  const files = source.files?.(shop);
  // NDJSON the source already has on disk goes straight to DuckDB's reader (no parse and re-serialise in JS).
  const batches: AsyncIterable<OrderPage | { ordersFile: string; customersFile: string }> = files
    ? (async function* () {
        yield { ordersFile: files.orders, customersFile: files.customers };
      })()
    : source.pages(shop, lastUpdatedAt);
  const since = lastUpdatedAt ? `where cast(updatedAt as timestamptz) > ${literal(lastUpdatedAt)}::timestamptz` : "";
  for await (const batch of batches) {
    if ("ordersFile" in batch) {
      count += await upsertOrders(conn, shop, batch.ordersFile, batch.customersFile, since);
      progress.tick(count);
      continue;
    }
    if (!batch.orders.length && !batch.customers.length) continue;
    const ordersFile = path.join(tmp, `orders-${page}.ndjson`);
    const customersFile = path.join(tmp, `customers-${page++}.ndjson`);
    fs.writeFileSync(ordersFile, batch.orders.map((o) => JSON.stringify(o)).join("\n") + "\n");
    fs.writeFileSync(customersFile, batch.customers.map((c) => JSON.stringify(c)).join("\n") + "\n");
    await upsertOrders(conn, shop, ordersFile, customersFile, "");
    count += batch.orders.length;
    progress.tick(count);
  }
  progress.end();
  if (count) {
    const mark = (await scalar(
      conn,
      `select strftime(max(updated_at), '%Y-%m-%dT%H:%M:%S.%gZ') from raw.orders where shop = ${literal(shop)}`
    )) as string;
    await setWatermark(conn, `orders:${source.name}`, shop, null, mark, count);
  }
  return count;
}

/**
 * Upserts one NDJSON file of orders and one of customers into the raw tables. `where` filters by the source's
 * `updatedAt` (the watermark); the newest version of a record wins when a file holds it twice.
 */
async function upsertOrders(
  conn: DuckDBConnection,
  shop: string,
  ordersFile: string,
  customersFile: string,
  where: string
): Promise<number> {
  const s = literal(shop);
  await conn.run(`create or replace temp table delta_orders as
    select ${s} as shop, id, customerId as customer_id, email, phone, cast(createdAt as timestamptz)::timestamp as created_at,
      cast(updatedAt as timestamptz)::timestamp as updated_at, cast(cancelledAt as timestamptz)::timestamp as cancelled_at,
      totalPrice as total_price, currency, financialStatus as financial_status, fulfillmentStatus as fulfillment_status,
      carrier, countryCode as country_code, provinceCode as province_code, product
    from read_json(${literal(
      ordersFile
    )}, format = 'newline_delimited', columns = {id: 'varchar', customerId: 'varchar',
      email: 'varchar', phone: 'varchar', createdAt: 'varchar', updatedAt: 'varchar', cancelledAt: 'varchar',
      totalPrice: 'double', currency: 'varchar', financialStatus: 'varchar', fulfillmentStatus: 'varchar',
      carrier: 'varchar', countryCode: 'varchar', provinceCode: 'varchar', product: 'varchar'})
    ${where}
    qualify row_number() over (partition by id order by updated_at desc) = 1`);
  await conn.run(`delete from raw.orders where shop = ${s} and id in (select id from delta_orders)`);
  await conn.run("insert into raw.orders select * from delta_orders");
  await conn.run(`create or replace temp table delta_customers as
    select ${s} as shop, id, email, phone, cast(createdAt as timestamptz)::timestamp as created_at,
      cast(updatedAt as timestamptz)::timestamp as updated_at
    from read_json(${literal(customersFile)}, format = 'newline_delimited', columns = {id: 'varchar', email: 'varchar',
      phone: 'varchar', createdAt: 'varchar', updatedAt: 'varchar'})
    ${where}
    qualify row_number() over (partition by id order by updated_at desc) = 1`);
  await conn.run(`delete from raw.customers where shop = ${s} and id in (select id from delta_customers)`);
  await conn.run("insert into raw.customers select * from delta_customers");
  const count = Number(await scalar(conn, "select count(*) from delta_orders"));
  await conn.run("drop table delta_orders");
  await conn.run("drop table delta_customers");
  return count;
}

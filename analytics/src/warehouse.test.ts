import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshWarehouse, END, SHOP_A, SHOP_B } from "../test/fixture";
import { all, openWarehouse, scalar } from "./duck";
import { generateHistory } from "./generate";
import { loadWarehouse } from "./load";
import { listModels, testModels } from "./models";
import { SyntheticOrderSource } from "./orders";

const config = freshWarehouse();
const orderSource = () => new SyntheticOrderSource(config.syntheticDir);

async function counts() {
  const wh = await openWarehouse(config.warehousePath, { readOnly: true });
  try {
    const out: Record<string, number> = {};
    for (const t of ["messages", "events", "outcomes", "conversations", "orders", "customers"]) {
      out[t] = Number(await scalar(wh.conn, `select count(*) from raw.${t}`));
    }
    out.distinctMessages = Number(await scalar(wh.conn, "select count(distinct id) from raw.messages"));
    out.distinctConversations = Number(await scalar(wh.conn, "select count(distinct id) from raw.conversations"));
    return out;
  } finally {
    wh.close();
  }
}

function appCount(table: string): number {
  const db = new Database(config.sqlitePath, { readonly: true });
  try {
    return Number(db.prepare(`select count(*) from "${table}"`).pluck().get());
  } finally {
    db.close();
  }
}

describe("warehouse load and models", () => {
  beforeAll(async () => {
    await loadWarehouse({ config, orderSource: orderSource() });
  });

  it("copies every app row once, without message text", async () => {
    const c = await counts();
    expect(c.messages).toBe(appCount("Message"));
    expect(c.conversations).toBe(appCount("Conversation"));
    expect(c.events).toBe(appCount("ConversationEvent"));
    expect(c.outcomes).toBe(appCount("ConversationOutcome"));
    expect(c.orders).toBeGreaterThan(0);
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      const columns = await all(
        wh.conn,
        "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = 'messages'"
      );
      expect(columns.map((r) => r.column_name)).not.toContain("text");
      // Types survive the trip: timestamps parse, booleans and JSON meta are read.
      const [row] = await all(
        wh.conn,
        "select count(*) filter (where angry) as angry, count(skill) as skills, count(order_id) as orders, min(created_at) is not null as ts from raw.messages"
      );
      expect(Number(row.angry)).toBeGreaterThan(0);
      expect(Number(row.skills)).toBeGreaterThan(0);
      expect(Number(row.orders)).toBeGreaterThan(0);
      expect(row.ts).toBe(true);
    } finally {
      wh.close();
    }
  });

  it("passes every model test (unique, not null, accepted values)", async () => {
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      const { ran, failures } = await testModels(wh.conn);
      expect(failures).toEqual([]);
      expect(ran).toBeGreaterThan(60);
    } finally {
      wh.close();
    }
  });

  it("documents and tests every model", () => {
    for (const model of listModels()) {
      expect(model.spec, `${model.name} has a .json spec`).not.toBeNull();
      expect(model.spec!.description.length).toBeGreaterThan(10);
      expect(model.spec!.tests.length).toBeGreaterThan(0);
      expect(model.sql).toMatch(/select \* from final\s*$|select \* from renamed\s*$/);
    }
  });

  it("fails a model test when the data breaks it", async () => {
    const wh = await openWarehouse(config.warehousePath);
    try {
      await wh.conn.run("begin");
      await wh.conn.run(
        "update marts.bot_deflection set language = null where rowid in (select rowid from marts.bot_deflection limit 1)"
      );
      await wh.conn.run("insert into marts.service_kpis select * from marts.service_kpis limit 1");
      const { failures } = await testModels(wh.conn);
      await wh.conn.run("rollback");
      expect(failures.map((f) => `${f.model} ${f.test}`)).toEqual(
        expect.arrayContaining([
          "marts.bot_deflection not_null(language)",
          "marts.service_kpis unique(shop, week, agent_id)",
        ])
      );
    } finally {
      wh.close();
    }
  });

  it("computes marts that add up", async () => {
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      const conversations = Number(await scalar(wh.conn, "select count(*) from raw.conversations"));
      expect(Number(await scalar(wh.conn, "select sum(conversations) from marts.bot_deflection"))).toBe(conversations);
      const handed = Number(await scalar(wh.conn, "select sum(handed_off) from marts.bot_deflection"));
      expect(Number(await scalar(wh.conn, "select sum(handoffs) from marts.handoff_reasons"))).toBe(handed);
      expect(Number(await scalar(wh.conn, "select sum(conversations) from marts.service_kpis"))).toBe(handed);
      // The built-in patterns show: complaints are handed to people more often than order-status questions.
      const [rates] = await all(
        wh.conn,
        `select sum(resolved_by_bot) filter (where intent = 'track_order') / sum(conversations) filter (where intent = 'track_order') as easy,
           sum(resolved_by_bot) filter (where intent = 'complaint') / sum(conversations) filter (where intent = 'complaint') as hard
         from marts.bot_deflection`
      );
      expect(Number(rates.easy)).toBeGreaterThan(Number(rates.hard));
      const cohorts = await all(wh.conn, "select distinct cohort from marts.repurchase_after_support order by 1");
      expect(cohorts.map((r) => r.cohort)).toEqual(["contacted", "no_contact"]);
      const rates30 = Number(
        await scalar(wh.conn, "select sum(repurchased_30d) / sum(eligible_30d) from marts.repurchase_after_support")
      );
      expect(rates30).toBeGreaterThan(0);
      expect(rates30).toBeLessThan(1);
      const csat = Number(await scalar(wh.conn, "select sum(csat_sum) / sum(csat_responses) from marts.service_kpis"));
      expect(csat).toBeGreaterThanOrEqual(1);
      expect(csat).toBeLessThanOrEqual(5);
    } finally {
      wh.close();
    }
  });
});

describe("incremental, idempotent loads", () => {
  it("adds nothing when re-run", async () => {
    const before = await counts();
    const report = await loadWarehouse({ config, orderSource: orderSource() });
    expect(report.rows.messages).toBe(0);
    expect(report.rows.events).toBe(0);
    expect(report.rows.outcomes).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it("loads only the new rows after the app writes more, and upserts changed conversations", async () => {
    const before = await counts();
    const added = generateHistory({
      sqlitePath: config.sqlitePath,
      syntheticDir: config.syntheticDir,
      shops: [SHOP_A],
      conversations: 50,
      seed: 99,
      end: END,
      days: 120,
    });
    // A conversation that already was in the warehouse changes (closed with a CSAT) after the first load.
    const db = new Database(config.sqlitePath);
    const changed = db
      .prepare(`select id from "Conversation" where status <> 'closed' and shop = ? limit 1`)
      .pluck()
      .get(SHOP_B) as string | undefined;
    const later = new Date(Date.now() + 60_000).toISOString().replace("Z", "+00:00");
    if (changed)
      db.prepare(`update "Conversation" set status = 'closed', csatScore = 5, updatedAt = ? where id = ?`).run(
        later,
        changed
      );
    db.close();

    const report = await loadWarehouse({ config, orderSource: orderSource() });
    expect(report.rows.messages).toBe(added.messages);
    expect(report.rows.events).toBe(added.events);
    expect(report.rows.outcomes).toBe(added.outcomes);
    const after = await counts();
    expect(after.messages).toBe(before.messages + added.messages);
    expect(after.distinctMessages).toBe(after.messages);
    expect(after.conversations).toBe(before.conversations + added.conversations);
    expect(after.distinctConversations).toBe(after.conversations);
    expect(after.orders).toBe(before.orders + added.orders);
    if (changed) {
      const wh = await openWarehouse(config.warehousePath, { readOnly: true });
      try {
        const [row] = await all(wh.conn, "select status, csat_score from raw.conversations where id = $id", {
          id: changed,
        });
        expect(row).toEqual({ status: "closed", csat_score: 5 });
      } finally {
        wh.close();
      }
    }
    // And once more: still nothing twice.
    await loadWarehouse({ config, orderSource: orderSource() });
    expect(await counts()).toEqual(after);
  });

  it("removes conversations erased in the app (customers/redact)", async () => {
    const db = new Database(config.sqlitePath);
    const victim = db.prepare(`select id from "Conversation" where shop = ? limit 1`).pluck().get(SHOP_A) as string;
    db.prepare(`delete from "Conversation" where id = ?`).run(victim);
    db.close();
    const report = await loadWarehouse({ config });
    expect(report.rows.deleted_conversations).toBe(1);
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      for (const t of ["conversations"])
        expect(Number(await scalar(wh.conn, `select count(*) from raw.${t} where id = $id`, { id: victim }))).toBe(0);
      for (const t of ["messages", "events", "outcomes"]) {
        expect(
          Number(await scalar(wh.conn, `select count(*) from raw.${t} where conversation_id = $id`, { id: victim }))
        ).toBe(0);
      }
    } finally {
      wh.close();
    }
  });
});

afterAll(() => undefined);

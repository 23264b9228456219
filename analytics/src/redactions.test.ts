import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { freshWarehouse, SHOP_A, SHOP_B } from "../test/fixture";
import { openWarehouse, scalar } from "./duck";
import { loadWarehouse } from "./load";
import { SyntheticOrderSource } from "./orders";

const config = freshWarehouse();
const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

async function count(sql: string) {
  const wh = await openWarehouse(config.warehousePath, { readOnly: true });
  try {
    return Number(await scalar(wh.conn, sql));
  } finally {
    wh.close();
  }
}

/** What the app's compliance handlers record (app/compliance/compliance.server.ts), written straight to its database. */
function recordRedaction(row: { shop: string; scope: string; customerId?: string; emailHash?: string }) {
  const db = new Database(config.sqlitePath);
  try {
    db.prepare(`insert into "PrivacyRedaction" (shop, scope, customerId, emailHash) values (?, ?, ?, ?)`).run(
      row.shop,
      row.scope,
      row.customerId ?? null,
      row.emailHash ?? null,
    );
  } finally {
    db.close();
  }
}

describe("privacy requests reach the warehouse", () => {
  beforeAll(async () => {
    await loadWarehouse({ config, orderSource: new SyntheticOrderSource(config.syntheticDir) });
  });

  it("erases a redacted customer's orders, matched by email hash, and nobody else's", async () => {
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    const email = String(await scalar(wh.conn, `select email from raw.orders where shop = '${SHOP_A}' and email is not null limit 1`));
    wh.close();
    const before = await count(`select count(*) from raw.orders where shop = '${SHOP_A}'`);
    const theirs = await count(`select count(*) from raw.orders where shop = '${SHOP_A}' and email = '${email}'`);
    expect(theirs).toBeGreaterThan(0);
    recordRedaction({ shop: SHOP_A, scope: "customer", emailHash: sha256(email.trim().toLowerCase()) });
    await loadWarehouse({ config, orderSource: new SyntheticOrderSource(config.syntheticDir) });
    expect(await count(`select count(*) from raw.orders where email = '${email}'`)).toBe(0);
    expect(await count(`select count(*) from raw.customers where email = '${email}'`)).toBe(0);
    expect(await count(`select count(*) from raw.orders where shop = '${SHOP_A}'`)).toBe(before - theirs);
  });

  it("erases every row of a redacted shop and none of another shop", async () => {
    const bOrders = await count(`select count(*) from raw.orders where shop = '${SHOP_B}'`);
    const bMessages = await count(`select count(*) from raw.messages where shop = '${SHOP_B}'`);
    recordRedaction({ shop: SHOP_A, scope: "shop" });
    await loadWarehouse({ config, orderSource: new SyntheticOrderSource(config.syntheticDir) });
    for (const table of ["messages", "events", "outcomes", "conversations", "orders", "customers"]) {
      expect(await count(`select count(*) from raw.${table} where shop = '${SHOP_A}'`), table).toBe(0);
    }
    expect(await count(`select count(*) from marts.bot_deflection where shop = '${SHOP_A}'`)).toBe(0);
    expect(await count(`select count(*) from raw.orders where shop = '${SHOP_B}'`)).toBe(bOrders);
    expect(await count(`select count(*) from raw.messages where shop = '${SHOP_B}'`)).toBe(bMessages);
  });
});

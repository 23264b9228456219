import Database from "better-sqlite3";
import fs from "node:fs";
import type { WarehouseConfig } from "./config";
import { createAppDatabase, generateHistory } from "./generate";
import { loadWarehouse, type LoadReport } from "./load";
import { SyntheticOrderSource } from "./orders";
import type { Progress } from "./progress";

/**
 * Gives the demo shop an analytics history: a seeded half-year of conversations (once; re-running adds nothing) and
 * a warehouse load. The demo command calls this so the Analytics page opens with data.
 */
export async function prepareDemoWarehouse(
  config: WarehouseConfig,
  shop: string,
  options: { conversations?: number; progress?: Progress; end?: Date } = {}
): Promise<{ generated: boolean; load: LoadReport }> {
  if (!fs.existsSync(config.sqlitePath)) createAppDatabase(config.sqlitePath);
  const db = new Database(config.sqlitePath, { readonly: true });
  // Synthetic visitors are named v_…; the demo's own seeded chats are left alone and loaded with them.
  const existing = Number(
    db
      .prepare(`select count(*) from "Conversation" where shop = ? and visitorId like 'v\\_%' escape '\\'`)
      .pluck()
      .get(shop)
  );
  db.close();
  const generated = existing === 0;
  if (generated) {
    generateHistory({
      sqlitePath: config.sqlitePath,
      syntheticDir: config.syntheticDir,
      shops: [shop],
      conversations: options.conversations ?? 12_000,
      seed: 20_261_001,
      days: 182,
      // Ends three days ago: every synthetic conversation is settled, so none of them waits in the demo Inbox.
      end: options.end ?? new Date(Date.now() - 3 * 86_400_000),
      progress: options.progress,
    });
  }
  const load = await loadWarehouse({
    config,
    orderSource: new SyntheticOrderSource(config.syntheticDir),
    progress: options.progress,
  });
  return { generated, load };
}

let preparing: Promise<unknown> | null = null;

/** For the demo's Analytics page: prepares the warehouse once per process, whoever asks first. */
export function ensureDemoWarehouse(config: WarehouseConfig, shop: string): Promise<unknown> {
  preparing ??= prepareDemoWarehouse(config, shop).finally(() => {
    preparing = null;
  });
  return preparing;
}

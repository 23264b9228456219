import { fork } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { END, freshWarehouse, SHOP_A } from "../test/fixture";
import { all, openWarehouse, scalar } from "./duck";
import { generateHistory } from "./generate";
import { loadWarehouse } from "./load";
import { SyntheticOrderSource } from "./orders";

const config = freshWarehouse();

async function snapshot() {
  const wh = await openWarehouse(config.warehousePath, { readOnly: true });
  try {
    const counts: Record<string, number> = {};
    for (const t of ["raw.messages", "raw.events", "raw.conversations", "raw.orders", "marts.bot_deflection"]) {
      counts[t] = Number(await scalar(wh.conn, `select count(*) from ${t}`));
    }
    const watermarks = await all(
      wh.conn,
      "select source, shop, last_id, last_updated_at, rows_loaded from meta.watermarks order by all"
    );
    return { counts, watermarks };
  } finally {
    wh.close();
  }
}

/** Starts a load in a child process, waits until it is mid-way through the messages, and SIGKILLs it. */
function killMidLoad(): Promise<{ signal: NodeJS.Signals | null; stage: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.resolve(__dirname, "../test/load-child.ts"), {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, WAREHOUSE_TEST_CONFIG: JSON.stringify(config) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let stage = "started";
    child.on("message", (m) => {
      stage = String(m);
      if (m === "mid-load") child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => resolve({ signal, stage }));
  });
}

describe("a load killed halfway", () => {
  it("leaves the warehouse as it was, and the next load completes", async () => {
    await loadWarehouse({ config, orderSource: new SyntheticOrderSource(config.syntheticDir) });
    const before = await snapshot();
    const added = generateHistory({
      sqlitePath: config.sqlitePath,
      syntheticDir: config.syntheticDir,
      shops: [SHOP_A],
      conversations: 300,
      seed: 5,
      end: END,
      days: 120,
    });

    const killed = await killMidLoad();
    expect(killed).toEqual({ signal: "SIGKILL", stage: "mid-load" });
    expect(await snapshot()).toEqual(before);

    await loadWarehouse({ config, orderSource: new SyntheticOrderSource(config.syntheticDir) });
    const after = await snapshot();
    expect(after.counts["raw.messages"]).toBe(before.counts["raw.messages"] + added.messages);
    expect(after.counts["raw.conversations"]).toBe(before.counts["raw.conversations"] + added.conversations);
    expect(after.counts["raw.orders"]).toBe(before.counts["raw.orders"] + added.orders);
  }, 60_000);
});

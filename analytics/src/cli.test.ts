import Database from "better-sqlite3";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const SHOP = "cli-test.myshopify.com";

/** Runs `npm run warehouse -- <args>` as the analyst would, against a temp app database; never throws. */
async function warehouse(dir: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(
      path.resolve("node_modules/.bin/tsx"),
      ["analytics/src/cli.ts", ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: `file:${path.join(dir, "app.sqlite")}`,
          WAREHOUSE_PATH: path.join(dir, "warehouse.duckdb"),
        },
      }
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const conversations = (dir: string) => {
  const db = new Database(path.join(dir, "app.sqlite"), { readonly: true });
  try {
    return Number(db.prepare(`select count(*) from "Conversation" where shop = ?`).pluck().get(SHOP));
  } finally {
    db.close();
  }
};

describe("warehouse generate", () => {
  it("refuses to run over a generated history, says what is there, and replaces it with --reset", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shopdesk-cli-test-"));
    const args = ["generate", "--conversations", "30", "--shops", SHOP, "--days", "30"];

    const first = await warehouse(dir, args);
    expect(first.code).toBe(0);
    expect(conversations(dir)).toBe(30);
    const orderLines = () =>
      fs.readFileSync(path.join(dir, "synthetic", SHOP, "orders.ndjson"), "utf8").trim().split("\n").length;
    const orders = orderLines();
    expect(orders).toBeGreaterThan(0);

    const second = await warehouse(dir, args);
    expect(second.code).toBe(1);
    expect(second.stderr).not.toMatch(/UNIQUE constraint/);
    expect(second.stderr).toContain(`${SHOP}: 30 generated conversations`);
    expect(second.stderr).toContain("--reset");
    // Nothing was added or half-written.
    expect(conversations(dir)).toBe(30);
    expect(orderLines()).toBe(orders);

    const reset = await warehouse(dir, [...args, "--reset"]);
    expect(reset.code).toBe(0);
    expect(conversations(dir)).toBe(30);
    // The synthetic orders were replaced, not appended to.
    expect(orderLines()).toBe(orders);
  }, 60_000);
});

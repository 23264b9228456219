import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { WarehouseConfig } from "../src/config";
import { createAppDatabase, generateHistory, type GenerateOptions } from "../src/generate";

export const SHOP_A = "alpha-outfitters.myshopify.com";
export const SHOP_B = "bravo-goods.myshopify.com";
/** A fixed end date so the generated history (and every figure derived from it) is the same on every run. */
export const END = new Date("2026-10-31T12:00:00Z");

/** A fresh app database, warehouse path and synthetic folder in a temp dir, with a small two-shop history. */
export function freshWarehouse(gen: Partial<GenerateOptions> = {}): WarehouseConfig & { dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shopdesk-wh-test-"));
  const config = {
    dir,
    sqlitePath: path.join(dir, "app.sqlite"),
    warehousePath: path.join(dir, "warehouse.duckdb"),
    syntheticDir: path.join(dir, "synthetic"),
  };
  createAppDatabase(config.sqlitePath);
  generateHistory({
    sqlitePath: config.sqlitePath,
    syntheticDir: config.syntheticDir,
    shops: [SHOP_A, SHOP_B],
    conversations: 400,
    seed: 11,
    end: END,
    days: 120,
    ...gen,
  });
  return config;
}

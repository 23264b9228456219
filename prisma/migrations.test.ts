import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../test/db";

describe("migrations", () => {
  it("apply from scratch to an empty SQLite file and create every model's table", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shopdesk-mig-")), "empty.sqlite");
    const applied = applyMigrations(file);
    expect(applied.length).toBeGreaterThan(0);
    const db = new Database(file, { readonly: true });
    const tables = db
      .prepare("select name from sqlite_master where type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    db.close();
    const schema = fs.readFileSync(path.join(__dirname, "schema.prisma"), "utf8");
    const models = [...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models.length).toBeGreaterThan(10);
    for (const model of models) expect(tables).toContain(model);
  });
});

import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// import.meta.url, not __dirname: this module also runs outside vitest (benches, under tsx as an ES module).
const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../prisma/migrations");

/** Applies every committed migration, in order, to a SQLite file (what `prisma migrate deploy` runs). */
export function applyMigrations(file: string): string[] {
  const db = new Database(file);
  const applied: string[] = [];
  try {
    for (const dir of fs.readdirSync(MIGRATIONS).filter((d) => /^\d+_/.test(d)).sort()) {
      db.exec(fs.readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
      applied.push(dir);
    }
  } finally {
    db.close();
  }
  return applied;
}

/** A fresh, migrated SQLite file in the temp folder; returns its DATABASE_URL. */
export function freshDatabaseUrl(name = "test", opts: { wal?: boolean } = {}): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shopdesk-")), `${name}.sqlite`);
  applyMigrations(file);
  // WAL lets several processes read while one writes (the cluster, the benches).
  if (opts.wal) {
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.close();
  }
  return `file:${file}`;
}

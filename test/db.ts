import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const MIGRATIONS = path.resolve(__dirname, "../prisma/migrations");

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
export function freshDatabaseUrl(name = "test"): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shopdesk-")), `${name}.sqlite`);
  applyMigrations(file);
  return `file:${file}`;
}

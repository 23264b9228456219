/**
 * `npm run db:migrate:postgres`: applies the committed PostgreSQL migrations (prisma/postgresql/migrations, written
 * by generate.ts) to DATABASE_URL. It replaces `prisma migrate deploy`, which fails against PostgreSQL through the pg
 * driver adapter (see STACK-NOTES "Prisma").
 *
 * - Each migration runs in its own transaction together with its row in `_shopdesk_migrations`, so a failed
 *   migration leaves nothing half-applied and is retried on the next run.
 * - A session advisory lock serialises runners: several app instances may start at once; the first applies the
 *   pending migrations, the others wait, then find nothing left to do.
 * - `?schema=name` in the URL (Prisma's convention) selects the PostgreSQL schema, as app/db.server.ts does.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const MIGRATIONS_DIR = path.join(HERE, "migrations");
export const MIGRATIONS_TABLE = "_shopdesk_migrations";
/** First half of the advisory lock key (the second is the schema's hash): "SD" in ASCII, to stay clear of others. */
const LOCK_NAMESPACE = 0x5344;

export interface MigrateOptions {
  migrationsDir?: string;
  log?: (line: string) => void;
}

/** The PostgreSQL schema a DATABASE_URL points at: `?schema=` if given, else "public" (Prisma's default). */
export function schemaOf(url: string): string {
  return new URL(url).searchParams.get("schema") || "public";
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Migration folder names (`<14-digit timestamp>_<name>`), oldest first. */
export function migrationNames(dir = MIGRATIONS_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((d) => /^\d{14}_\w+$/.test(d) && fs.existsSync(path.join(dir, d, "migration.sql")))
    .sort();
}

/** Applies the pending migrations to the database at `url`; returns the names applied by this call. */
export async function migratePostgres(url: string, options: MigrateOptions = {}): Promise<string[]> {
  const dir = options.migrationsDir ?? MIGRATIONS_DIR;
  const log = options.log ?? (() => {});
  const schema = schemaOf(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    // Session lock, not a transaction one: it must outlive the per-migration transactions below. It is released
    // explicitly, and by PostgreSQL if this process dies with the connection.
    await client.query("select pg_advisory_lock($1::int, hashtext($2))", [LOCK_NAMESPACE, schema]);
    try {
      await client.query(`create schema if not exists ${quoteIdent(schema)}`);
      // Migration SQL from `prisma migrate diff` names tables without a schema: search_path places them.
      await client.query(`set search_path to ${quoteIdent(schema)}`);
      await client.query(
        `create table if not exists ${MIGRATIONS_TABLE} (
           name text primary key,
           checksum text not null,
           applied_at timestamptz not null default now()
         )`
      );
      const done = new Map<string, string>(
        (
          await client.query<{ name: string; checksum: string }>(`select name, checksum from ${MIGRATIONS_TABLE}`)
        ).rows.map((r) => [r.name, r.checksum])
      );
      for (const name of migrationNames(dir)) {
        const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
        const checksum = crypto.createHash("sha256").update(sql).digest("hex");
        if (done.has(name)) {
          // Applied migrations are history: an edited file is not re-run, but someone should know it changed.
          if (done.get(name) !== checksum) log(`warning: ${name} changed after it was applied (not re-applied)`);
          continue;
        }
        try {
          await client.query("begin");
          // No parameters: the simple query protocol runs the file's several statements in one call.
          await client.query(sql);
          await client.query(`insert into ${MIGRATIONS_TABLE} (name, checksum) values ($1, $2)`, [name, checksum]);
          await client.query("commit");
        } catch (error) {
          await client.query("rollback").catch(() => {});
          throw new Error(`migration ${name} failed and was rolled back: ${(error as Error).message}`, {
            cause: error,
          });
        }
        applied.push(name);
        log(`applied ${name}`);
      }
    } finally {
      await client.query("select pg_advisory_unlock($1::int, hashtext($2))", [LOCK_NAMESPACE, schema]).catch(() => {});
    }
  } finally {
    await client.end();
  }
  return applied;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL ?? "";
  if (!/^postgres(ql)?:\/\//.test(url)) {
    console.error("db:migrate:postgres: set DATABASE_URL to a postgres:// or postgresql:// URL");
    process.exitCode = 1;
  } else {
    migratePostgres(url, { log: (line) => console.log(line) }).then(
      (applied) => console.log(applied.length ? `${applied.length} migration(s) applied` : "database is up to date"),
      (error: Error) => {
        console.error(error.message);
        process.exitCode = 1;
      }
    );
  }
}

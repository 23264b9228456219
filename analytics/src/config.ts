import path from "node:path";

/** Where the warehouse and the app database live; read from the environment once, overridable per call. */
export interface WarehouseConfig {
  /** DuckDB file. */
  warehousePath: string;
  /** The app's SQLite file (the load reads it directly: much faster than Prisma for millions of rows). */
  sqlitePath: string;
  /** Folder holding the synthetic generator's orders and customers (NDJSON per shop). */
  syntheticDir: string;
}

/** Turns a Prisma `file:` URL into a file path (relative paths are relative to the working directory). */
export function sqlitePathFromUrl(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`The warehouse loads from SQLite only (DATABASE_URL=${url}); see analytics/README.md`);
  }
  return path.resolve(url.slice("file:".length));
}

/** Reads WAREHOUSE_PATH and DATABASE_URL (the same defaults as app/env.server.ts, which the CLI does not import). */
export function configFromEnv(env: Record<string, string | undefined> = process.env): WarehouseConfig {
  const sqlitePath = sqlitePathFromUrl(env.DATABASE_URL || "file:./data/shopdesk.sqlite");
  return {
    warehousePath: path.resolve(env.WAREHOUSE_PATH || "./data/warehouse.duckdb"),
    sqlitePath,
    syntheticDir: path.join(path.dirname(sqlitePath), "synthetic"),
  };
}

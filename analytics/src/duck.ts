import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import fs from "node:fs";
import path from "node:path";

export type Row = Record<string, unknown>;

/** Opens the warehouse file (created if missing unless read-only). */
export async function openWarehouse(
  file: string,
  options: { readOnly?: boolean; threads?: number } = {}
): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection; close: () => void }> {
  if (!options.readOnly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const settings: Record<string, string> = {
    // Load order carries no meaning here (every table has keys); dropping it lets DuckDB parallelise inserts.
    preserve_insertion_order: "false",
  };
  // DuckDB takes 80% of RAM by default; a bounded budget makes big model builds spill instead of crowding the app.
  settings.memory_limit = process.env.WAREHOUSE_MEMORY_LIMIT || "4GB";
  if (options.readOnly) settings.access_mode = "READ_ONLY";
  if (options.threads) settings.threads = String(options.threads);
  const instance = await DuckDBInstance.create(file, settings);
  const conn = await instance.connect();
  return {
    instance,
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs a query and returns plain JS rows (BIGINT as number, timestamps/dates as ISO strings) for JSON answers. */
export async function all(conn: DuckDBConnection, sql: string, params?: Record<string, DuckDBValue>): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJson().map((row) => {
    const out: Row = {};
    // getRowObjectsJson renders BIGINT and HUGEINT as strings to avoid precision loss; our counts fit in a double.
    for (const [key, value] of Object.entries(row)) {
      out[key] =
        typeof value === "string" && /^-?\d{1,15}$/.test(value) && isCountColumn(reader, key) ? Number(value) : value;
    }
    return out;
  });
}

function isCountColumn(reader: { columnNames(): string[]; columnTypes(): { typeId: number }[] }, key: string): boolean {
  const index = reader.columnNames().indexOf(key);
  const type = reader.columnTypes()[index];
  // DuckDBTypeId: BIGINT 5, UBIGINT 9, HUGEINT 16, UHUGEINT 32 (see @duckdb/node-api DuckDBTypeId).
  return type ? [5, 9, 16, 32].includes(type.typeId) : false;
}

/** The first column of the first row (e.g. a count). */
export async function scalar(
  conn: DuckDBConnection,
  sql: string,
  params?: Record<string, DuckDBValue>
): Promise<unknown> {
  const rows = (await conn.runAndReadAll(sql, params)).getRows();
  const value = rows[0]?.[0];
  return typeof value === "bigint" ? Number(value) : value;
}

/** Quotes a string as a SQL literal (for file paths in COPY / read_csv, which take no parameters). */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

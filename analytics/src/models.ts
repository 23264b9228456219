import type { DuckDBConnection } from "@duckdb/node-api";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { silentProgress, type Progress } from "./progress";

/**
 * analytics/models: staging (views over raw), intermediate and marts (tables rebuilt after each load). Found beside
 * this module when run from source (CLI, tests), or from the working directory when bundled into the app's server
 * build (where import.meta.url points into build/).
 */
export const MODELS_DIR =
  [path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../models"), path.resolve("analytics/models")].find(
    (dir) => fs.existsSync(path.join(dir, "marts"))
  ) ?? path.resolve("analytics/models");

/** Build order: a layer only reads the layers before it; inside a layer models are independent. */
export const LAYERS = [
  { name: "staging", materialized: "view" },
  { name: "intermediate", materialized: "table" },
  { name: "marts", materialized: "table" },
] as const;

export type ColumnTest = "not_null" | { accepted_values: (string | number | boolean)[] };

export interface ModelSpec {
  name: string;
  description: string;
  tests: { unique: string[] }[];
  columns: Record<string, { description: string; tests: ColumnTest[] }>;
}

export interface Model {
  layer: string;
  name: string;
  materialized: "view" | "table";
  sql: string;
  spec: ModelSpec | null;
}

/** Every model on disk, in build order. */
export function listModels(dir = MODELS_DIR): Model[] {
  const models: Model[] = [];
  for (const layer of LAYERS) {
    const folder = path.join(dir, layer.name);
    if (!fs.existsSync(folder)) continue;
    for (const file of fs
      .readdirSync(folder)
      .filter((f) => f.endsWith(".sql"))
      .sort()) {
      const name = file.slice(0, -4);
      const specFile = path.join(folder, `${name}.json`);
      models.push({
        layer: layer.name,
        name,
        materialized: layer.materialized,
        sql: fs.readFileSync(path.join(folder, file), "utf8"),
        spec: fs.existsSync(specFile) ? (JSON.parse(fs.readFileSync(specFile, "utf8")) as ModelSpec) : null,
      });
    }
  }
  return models;
}

/** (Re)creates every model: staging as views, the rest as tables. Runs inside the caller's transaction. */
export async function buildModels(
  conn: DuckDBConnection,
  progress: Progress = silentProgress,
  dir = MODELS_DIR
): Promise<void> {
  const models = listModels(dir);
  // Committing raw rows without models would leave the page empty with no error: refuse instead.
  if (!models.length) throw new Error(`No warehouse models found in ${dir}`);
  progress.start("build models", models.length);
  let done = 0;
  for (const model of models) {
    await conn.run(`create schema if not exists ${model.layer}`);
    const body = model.sql.trim().replace(/;\s*$/, "");
    await conn.run(`create or replace ${model.materialized} ${model.layer}.${model.name} as ${body}`);
    progress.tick(++done);
  }
  progress.end();
}

export interface TestFailure {
  model: string;
  test: string;
  failures: number;
}

/** The SQL of each declared test: it returns the number of offending rows (0 = pass). */
export function testQueries(model: Model): { test: string; sql: string }[] {
  const spec = model.spec;
  if (!spec) return [];
  const relation = `${model.layer}.${model.name}`;
  const out: { test: string; sql: string }[] = [];
  for (const t of spec.tests) {
    const cols = t.unique.join(", ");
    out.push({
      test: `unique(${cols})`,
      sql: `select count(*) from (select ${cols} from ${relation} group by all having count(*) > 1)`,
    });
  }
  for (const [column, { tests }] of Object.entries(spec.columns)) {
    for (const test of tests) {
      if (test === "not_null") {
        out.push({ test: `not_null(${column})`, sql: `select count(*) from ${relation} where ${column} is null` });
      } else {
        const values = test.accepted_values
          .map((v) => (typeof v === "string" ? `'${v.replace(/'/g, "''")}'` : String(v)))
          .join(", ");
        out.push({
          test: `accepted_values(${column})`,
          sql: `select count(*) from ${relation} where ${column} is not null and ${column} not in (${values})`,
        });
      }
    }
  }
  return out;
}

/** Runs every model's tests; returns only the failing ones. */
export async function testModels(
  conn: DuckDBConnection,
  dir = MODELS_DIR
): Promise<{ ran: number; failures: TestFailure[] }> {
  const failures: TestFailure[] = [];
  let ran = 0;
  for (const model of listModels(dir)) {
    for (const { test, sql } of testQueries(model)) {
      ran++;
      const rows = (await conn.runAndReadAll(sql)).getRows();
      const count = Number(rows[0][0]);
      if (count > 0) failures.push({ model: `${model.layer}.${model.name}`, test, failures: count });
    }
  }
  return { ran, failures };
}

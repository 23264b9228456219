import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import {
  buildClientSchema,
  parse,
  validate,
  GraphQLError,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";

const SCHEMA_FILE = "admin_2026-10.introspection.json.gz";

let cached: GraphQLSchema | undefined;

// Beside this module in the source tree; from the working directory once the server is bundled into build/.
function schemaPath(): string {
  const candidates = [
    path.join(
      path.dirname(fileURLToPath(import.meta.url)),
      "schema",
      SCHEMA_FILE
    ),
    path.join(process.cwd(), "app", "shopify", "schema", SCHEMA_FILE),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found)
    throw new Error(
      `Admin API schema not found (looked in ${candidates.join(", ")})`
    );
  return found;
}

/** The Admin API 2026-10 schema, built once from the committed introspection JSON. */
export function adminSchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(
      gunzipSync(fs.readFileSync(schemaPath())).toString("utf8")
    ) as {
      data?: IntrospectionQuery;
    } & Partial<IntrospectionQuery>;
    cached = buildClientSchema(json.data ?? (json as IntrospectionQuery));
  }
  return cached;
}

/** Syntax and validation errors of a document against the 2026-10 Admin schema (empty when valid). */
export function validateAdminDocument(source: string): readonly GraphQLError[] {
  try {
    return validate(adminSchema(), parse(source));
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
}

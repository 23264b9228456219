import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma CLI config for the PostgreSQL variant (`prisma generate --config prisma/postgresql/prisma.config.ts`).
// Only generate and migrate diff use it: migrations are applied by prisma/postgresql/migrate.ts, because Prisma's own
// migrate through the pg adapter fails here (see STACK-NOTES "Prisma").
//
// The schema reads `env("DATABASE_URL")`, and Prisma rejects a non-PostgreSQL URL for provider "postgresql" before
// it generates anything (it then falls back to downloading a native engine, which fails offline). The client never
// uses that URL (app/db.server.ts passes it to the adapter), so a placeholder is enough for this CLI process.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  process.env.DATABASE_URL = "postgresql://placeholder@localhost:5432/placeholder";
}

export default defineConfig({
  // Absolute: a relative path here is not read from the repository root when the config is passed with --config.
  schema: fileURLToPath(new URL("./schema.prisma", import.meta.url)),
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
});

import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma's native engines cannot be downloaded on our machines: the JS engine with a driver adapter runs
// generate and migrate on the wasm schema engine.
process.env.DATABASE_URL ??= "file:./data/shopdesk.sqlite";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const url = process.env.DATABASE_URL!;
    if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});

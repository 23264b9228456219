import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server";

/** Builds a Prisma client for a database URL: SQLite file by default, PostgreSQL when the URL says so. */
export function createPrisma(url: string = env.DATABASE_URL): PrismaClient {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

declare global {
  // eslint-disable-next-line no-var
  var __shopdeskPrisma: PrismaClient | undefined;
}

// One client per process (Vite's dev server re-imports modules; keep the connection).
const prisma: PrismaClient = globalThis.__shopdeskPrisma ?? createPrisma();
if (env.NODE_ENV !== "production") globalThis.__shopdeskPrisma = prisma;

export default prisma;

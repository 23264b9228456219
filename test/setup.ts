import { afterEach, vi } from "vitest";
import { freshDatabaseUrl } from "./db";

// Each test file runs in its own process with its own migrated database, so files never see each other's rows.
process.env.NODE_ENV = "test";
process.env.DATABASE_URL ??= freshDatabaseUrl();
process.env.SHOPIFY_APP_URL ??= "http://localhost:3000";

// An unexpected console.error fails the test that caused it (expected ones are silenced with vi.spyOn in the test).
const originalError = console.error;
let unexpected: unknown[][] = [];
console.error = (...args: unknown[]) => {
  unexpected.push(args);
  originalError(...args);
};
afterEach(() => {
  const seen = unexpected;
  unexpected = [];
  vi.restoreAllMocks();
  if (seen.length) throw new Error(`console.error was called: ${seen.map((a) => a.map(String).join(" ")).join("\n")}`);
});

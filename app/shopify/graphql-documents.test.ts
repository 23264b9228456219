import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateAdminDocument } from "./schema.server";

// Every `#graphql` document the app sends must be valid for the Admin API version it pins (2026-10), so a renamed or
// removed field fails here, not in a shopper's chat.

const APP_DIR = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [full]
      : [];
  });
}

type Found = { file: string; line: number; source: string };

function graphqlDocuments(file: string): Found[] {
  const text = fs.readFileSync(file, "utf8");
  const found: Found[] = [];
  for (const m of text.matchAll(/`\s*#graphql\b((?:\\`|[^`])*)`/g)) {
    found.push({
      file: path.relative(APP_DIR, file),
      line: text.slice(0, m.index).split("\n").length,
      source: m[1],
    });
  }
  return found;
}

const documents = sourceFiles(APP_DIR).flatMap(graphqlDocuments);

describe("#graphql documents in app/", () => {
  it("finds documents to check", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents.map((d) => [`${d.file}:${d.line}`, d] as const))(
    "%s is valid for Admin API 2026-10",
    (_, doc) => {
      // Interpolated fragments cannot be checked statically; the house style keeps documents self-contained.
      expect(
        doc.source.includes("${"),
        `${doc.file}:${doc.line} interpolates into a #graphql document`
      ).toBe(false);
      const problems = validateAdminDocument(doc.source).map((e) => {
        const loc = e.locations?.[0];
        return `${doc.file}:${doc.line + (loc ? loc.line - 1 : 0)}: ${
          e.message
        }`;
      });
      expect(problems).toEqual([]);
    }
  );
});

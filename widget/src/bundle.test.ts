import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../build";

// Built into a temporary folder so the test neither depends on nor overwrites a previous `npm run build:widget`.
const outdir = mkdtempSync(join(tmpdir(), "shopdesk-widget-"));
let loader = "";
let ui = "";

beforeAll(async () => {
  const files = await buildWidget(outdir);
  loader = readFileSync(files.loader, "utf8");
  ui = readFileSync(files.ui, "utf8");
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("storefront bundles", () => {
  it("keeps the script every page loads within 10 KB gzipped", () => {
    expect(gzipSync(loader, { level: 9 }).length).toBeLessThanOrEqual(10 * 1024);
  });

  it("leaves the conversation UI out of the loader", () => {
    expect(loader).not.toContain("sd-composer");
    expect(loader).toContain("shopdesk-chat-ui.js");
    expect(ui).toContain("sd-composer");
  });

  it("never turns strings into markup", () => {
    for (const bundle of [loader, ui]) {
      expect(bundle).not.toMatch(
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/
      );
    }
  });

  it("builds the same bytes every time", async () => {
    const again = mkdtempSync(join(tmpdir(), "shopdesk-widget-"));
    try {
      const files = await buildWidget(again);
      expect(readFileSync(files.loader, "utf8")).toBe(loader);
      expect(readFileSync(files.ui, "utf8")).toBe(ui);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

/**
 * npm run bench:widget: the chat widget's weight and its cost to a storefront page.
 * Prints the loader's and the UI chunk's size (raw and gzipped), then loads the demo storefront in headless
 * Chromium with and without the app embed (`?widget=0`), alternating, each load in a fresh browser context
 * (cold HTTP cache, empty storage), and reports the medians side by side, plus how long the first open takes.
 */
import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchChromium } from "../test/browser";
import { ASSETS_DIR, buildWidget } from "../widget/build";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function sizes(): void {
  const rows = [
    ["loader  shopdesk-chat.js", join(ASSETS_DIR, "shopdesk-chat.js")],
    ["UI      shopdesk-chat-ui.js", join(ASSETS_DIR, "shopdesk-chat-ui.js")],
    ["UI      shopdesk-chat.css", join(ASSETS_DIR, "shopdesk-chat.css")],
  ];
  console.log("\nWidget assets                  raw        gzip -9");
  for (const [label, file] of rows) {
    const bytes = readFileSync(file);
    console.log(
      `  ${label.padEnd(29)}${kb(bytes.length).padStart(9)}  ${kb(gzipSync(bytes, { level: 9 }).length).padStart(9)}`
    );
  }
  const loaderGz = gzipSync(readFileSync(rows[0][1]), { level: 9 }).length;
  console.log(
    `  loader budget: ${kb(loaderGz)} of 10.0 KB gzipped${loaderGz > 10 * 1024 ? "  ** OVER BUDGET **" : ""}`
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A migrated throwaway SQLite file, so the bench never touches data/shopdesk.sqlite. (test/db.ts does the same but
 * relies on vitest's CommonJS __dirname, which a plain tsx script does not have.)
 */
function throwawayDatabaseUrl(): string {
  const file = join(mkdtempSync(join(tmpdir(), "shopdesk-bench-")), "bench.sqlite");
  const db = new Database(file);
  try {
    const migrations = join(process.cwd(), "prisma/migrations");
    for (const dir of readdirSync(migrations)
      .filter((d) => /^\d+_/.test(d))
      .sort()) {
      db.exec(readFileSync(join(migrations, dir, "migration.sql"), "utf8"));
    }
  } finally {
    db.close();
  }
  return `file:${file}`;
}

interface Sample {
  /** HTML fully received: shows server-side cost (rendering the embed) apart from the browser's. */
  htmlReceived: number;
  /** Fetch of the loader script, request start to last byte. */
  loaderFetch: number | null;
  firstContentfulPaint: number | null;
  domContentLoaded: number;
  load: number;
  /** When the launcher was added to the page (ms from navigation start); null without the widget. */
  launcher: number | null;
  bytes: number;
  requests: number;
  /** Click on the launcher until the panel is shown (fetches UI script + CSS); widget runs only. */
  firstOpen: number | null;
}

async function measure(browser: Browser, url: string, withWidget: boolean): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // Records the moment the loader inserts its host element, without polling from outside.
  await page.addInitScript(() => {
    const w = window as unknown as { __launcherAt?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector("shopdesk-chat")) {
        w.__launcherAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url, { waitUntil: "load" });
  if (withWidget) await page.waitForFunction(() => (window as unknown as { __launcherAt?: number }).__launcherAt);
  // The paint entry can land after the load event; wait for it on both sides so they compare like for like.
  await page
    .waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, undefined, { timeout: 3000 })
    .catch(() => undefined);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    const loader = resources.find((r) => r.name.includes("shopdesk-chat.js"));
    return {
      htmlReceived: nav.responseEnd,
      loaderFetch: loader ? loader.responseEnd - loader.startTime : null,
      firstContentfulPaint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      launcher: (window as unknown as { __launcherAt?: number }).__launcherAt ?? null,
      bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
      requests: 1 + resources.length,
    };
  });
  let firstOpen: number | null = null;
  if (withWidget) {
    // A string, not a function: tsx's keepNames would wrap a named inner function in a helper the page lacks.
    firstOpen = await page.evaluate<number>(`new Promise((resolve) => {
      const root = document.querySelector("shopdesk-chat").shadowRoot;
      const started = performance.now();
      root.querySelector(".sd-launcher").click();
      (function check() {
        const panel = root.querySelector(".sd-panel");
        if (panel && !panel.hidden) resolve(performance.now() - started);
        else requestAnimationFrame(check);
      })();
    })`);
  }
  await context.close();
  return { ...timing, firstOpen };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main(): Promise<void> {
  const started = performance.now();
  await buildWidget();
  console.log(`widget built in ${Math.round(performance.now() - started)} ms`);
  sizes();

  // Imported late: the demo reads its configuration when its modules load.
  const { startDemo } = await import("../app/demo/run.server");
  const demo = await startDemo({
    appPort: await freePort(),
    storefrontPort: await freePort(),
    databaseUrl: throwawayDatabaseUrl(),
    warehouse: false,
  });
  const browser = await launchChromium();
  try {
    const page = new URL("/", demo.storefrontUrl);
    const without = new URL(page);
    without.searchParams.set("widget", "0");
    // One unmeasured load of each warms the app server and the storefront's asset reads.
    await measure(browser, without.href, false);
    await measure(browser, page.href, true);
    const samples: { off: Sample[]; on: Sample[] } = { off: [], on: [] };
    for (let i = 0; i < RUNS; i++) {
      // Alternating keeps any drift in machine load from favouring one side.
      samples.off.push(await measure(browser, without.href, false));
      samples.on.push(await measure(browser, page.href, true));
    }
    const row = (label: string, pick: (s: Sample) => number | null, format = (v: number) => `${v.toFixed(1)} ms`) => {
      const cell = (list: Sample[]) => {
        const values = list.map(pick).filter((v): v is number => v !== null);
        return values.length ? format(median(values)) : "–";
      };
      console.log(`  ${label.padEnd(34)}${cell(samples.off).padStart(12)}${cell(samples.on).padStart(14)}`);
    };
    console.log(`\nDemo storefront ${page.href}, median of ${RUNS} cold loads each`);
    console.log(`  ${"".padEnd(34)}${"no widget".padStart(12)}${"with widget".padStart(14)}`);
    row("HTML received", (s) => s.htmlReceived);
    row("loader script fetched in", (s) => s.loaderFetch);
    row("first contentful paint", (s) => s.firstContentfulPaint);
    row("DOMContentLoaded", (s) => s.domContentLoaded);
    row("load event", (s) => s.load);
    row("launcher on the page", (s) => s.launcher);
    row(
      "requests",
      (s) => s.requests,
      (v) => String(v)
    );
    row(
      "bytes transferred",
      (s) => s.bytes,
      (v) => kb(v)
    );
    row("first open (UI fetch + render)", (s) => s.firstOpen);
  } finally {
    await browser.close();
    await demo.close();
  }
}

await main();

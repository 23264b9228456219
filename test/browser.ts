import type { AxeResults } from "axe-core";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** Debian's Chromium, headless, with nothing that phones home (the machine has no network). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export const SCREENSHOTS = path.resolve("test-results/screenshots");

export function screenshotPath(name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, `${name}.png`);
}

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** A violation we accept for one element, because the fix is not ours to make; `why` is shown in the test. */
export interface AuditException {
  rule: string;
  /** The element's axe selector, shadow-DOM steps joined with " >>> ", or a pattern for generated ids. */
  target: string | RegExp;
  why: string;
}

/** One serious or critical WCAG 2.1 A/AA violation, in a form that reads well in a failed assertion. */
export interface AuditFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now, open shadow roots included (the chat widget lives in one), and returns
 * the serious and critical violations of WCAG 2.0/2.1 A and AA, minus the listed exceptions. Expect `[]`.
 */
export async function audit(page: Page, exceptions: AuditException[] = []): Promise<AuditFinding[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] },
      resultTypes: ["violations"],
    })
  );
  const excepted = (rule: string, target: string) =>
    exceptions.some(
      (e) => e.rule === rule && (typeof e.target === "string" ? e.target === target : e.target.test(target))
    );
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes
        .map((node) => node.target.map((step) => (Array.isArray(step) ? step.join(" >>> ") : String(step))).join(" | "))
        .filter((target) => !excepted(v.id, target)),
    }))
    .filter((finding) => finding.targets.length > 0);
}

/** Opens an admin page and waits until React has hydrated it (forms and tables are interactive). */
export async function openAdminPage(page: import("playwright-core").Page, url: string) {
  await page.goto(url);
  await page.waitForSelector("html[data-hydrated]", { timeout: 30_000 });
}

/**
 * Whether the chat log's newest bubble is on screen: inside the log's visible box and not under the composer or
 * anything else below the log.
 */
export function newestBubbleVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const root = document.querySelector("shopdesk-chat")?.shadowRoot;
    const log = root?.querySelector(".sd-log");
    const bubbles = root?.querySelectorAll(".sd-msg .sd-bubble");
    const composer = root?.querySelector(".sd-composer");
    if (!log || !bubbles?.length || !composer) return false;
    const box = bubbles[bubbles.length - 1].getBoundingClientRect();
    const view = log.getBoundingClientRect();
    const below = composer.getBoundingClientRect();
    return box.top >= view.top - 1 && box.bottom <= view.bottom + 1 && box.bottom <= below.top + 1;
  });
}

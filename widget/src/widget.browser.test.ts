// The widget in headless Chromium against the dev harness (fake chat API): keyboard use, screen-reader
// semantics, persistence, error states and that messages are text. Skipped where Chromium is not installed.
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { audit, hasChromium, launchChromium, newestBubbleVisible } from "../../test/browser";
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../dev/serve";

describe.skipIf(!hasChromium)("chat widget in a browser", () => {
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    // launch() gives every run a fresh temporary profile (Playwright refuses an explicit --user-data-dir here).
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  const launcher = () => page.locator("shopdesk-chat .sd-launcher");
  const panel = () => page.locator("shopdesk-chat .sd-panel");
  const input = () => page.locator("shopdesk-chat #sd-input");
  const focusedId = () =>
    page.evaluate(() => {
      const active = document.querySelector("shopdesk-chat")?.shadowRoot?.activeElement;
      return active ? active.id || active.className : null;
    });

  async function openWithKeyboard() {
    await launcher().focus();
    await page.keyboard.press("Enter");
    await expect.poll(focusedId).toBe("sd-input");
  }

  async function send(text: string) {
    await input().fill(text);
    await page.keyboard.press("Enter");
  }

  const storedVisitorId = (p: Page = page) =>
    p.evaluate(() => JSON.parse(localStorage.getItem("shopdesk-chat:demo-shop.myshopify.com")!).visitorId as string);

  it("opens, sends and closes with the keyboard alone, announcing the reply", async () => {
    await page.goto(harness.url);
    expect(await launcher().getAttribute("aria-expanded")).toBe("false");
    await openWithKeyboard();
    expect(await panel().getAttribute("role")).toBe("dialog");
    expect(await page.locator("shopdesk-chat #sd-title").textContent()).toBe("Customer support");
    expect(await launcher().getAttribute("aria-expanded")).toBe("true");

    await send("hello");
    await expect
      .poll(() => page.locator("shopdesk-chat .sd-msg-bot .sd-bubble").last().textContent())
      .toBe("You said: hello");
    await expect
      .poll(() => page.locator("shopdesk-chat [aria-live=polite]").textContent())
      .toBe("Assistant: You said: hello");

    await page.keyboard.press("Escape");
    expect(await panel().isHidden()).toBe(true);
    expect(await focusedId()).toBe("sd-launcher");
    expect(await launcher().getAttribute("aria-expanded")).toBe("false");
  });

  it("keeps the conversation and the open panel across a reload", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    await send("remember me");
    await expect.poll(() => page.locator("shopdesk-chat .sd-msg-bot").count()).toBe(2); // greeting + reply
    await page.reload();
    await expect.poll(() => panel().isVisible()).toBe(true);
    await expect
      .poll(() => page.locator("shopdesk-chat .sd-msg-shopper .sd-bubble").allTextContents())
      .toEqual(["remember me"]);
    const stored = await page.evaluate(() =>
      JSON.parse(localStorage.getItem("shopdesk-chat:demo-shop.myshopify.com")!)
    );
    expect(stored).toMatchObject({ open: true, conversationId: expect.any(String) });
    expect(stored.visitorId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows markup in a message as text and links only http(s) URLs", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    await send("/html");
    const bubble = page.locator("shopdesk-chat .sd-msg-bot .sd-bubble").last();
    await expect.poll(() => bubble.textContent()).toContain("<img src=x");
    expect(await bubble.locator("img").count()).toBe(0);
    const links = bubble.locator("a");
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute("href")).toBe("https://example.com/track?o=1");
    expect(await links.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await links.getAttribute("target")).toBe("_blank");
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  it("keeps a failed message and re-sends it with the same id on Retry", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    await send("/fail");
    const retry = page.locator("shopdesk-chat .sd-failed .sd-retry");
    await retry.waitFor();
    expect(await page.locator("shopdesk-chat .sd-failed .sd-bubble").textContent()).toBe("/fail");
    await retry.click();
    await expect.poll(() => page.locator("shopdesk-chat .sd-failed").count()).toBe(0);
    const ids = harness.api.sends.filter((s) => s.text === "/fail").map((s) => s.clientMessageId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it("shows the rate-limit message and retries by itself", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    await send("/limit");
    await expect.poll(() => page.locator("shopdesk-chat .sd-failed .sd-status").textContent()).toContain("too quickly");
    expect(await page.locator("shopdesk-chat .sd-failed .sd-retry").isHidden()).toBe(true);
    await expect.poll(() => page.locator("shopdesk-chat .sd-msg-bot").count(), { timeout: 6000 }).toBe(2);
    const ids = harness.api.sends.filter((s) => s.text === "/limit").map((s) => s.clientMessageId);
    expect(new Set(ids).size).toBe(1);
  });

  it("offers the merchant's quick replies and sends one as a message", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    const chips = page.locator("shopdesk-chat .sd-chip");
    await expect.poll(() => chips.allTextContents()).toEqual(["Track my order", "Start a return", "Talk to a person"]);
    await chips.first().click();
    await expect
      .poll(() => page.locator("shopdesk-chat .sd-msg-bot .sd-bubble").last().textContent())
      .toBe("You said: Track my order");
    expect(await focusedId()).toBe("sd-input");
  });

  it("counts characters and refuses to send more than 2000", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    const before = harness.api.sends.length;
    await input().fill("x".repeat(2001));
    expect(await page.locator("shopdesk-chat .sd-counter").textContent()).toBe("2001/2000");
    expect(await input().getAttribute("aria-invalid")).toBe("true");
    await page.keyboard.press("Enter");
    expect(harness.api.sends.length).toBe(before);
    expect(await page.locator("shopdesk-chat .sd-notice").textContent()).toContain("2000");
  });

  it("asks for a rating when the conversation closes", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    await send("/close");
    const csat = page.locator("shopdesk-chat .sd-csat");
    await csat.waitFor();
    // The rating form and closed notice take room from the log; the newest message must stay in view.
    await expect.poll(() => newestBubbleVisible(page)).toBe(true);
    await page.locator("shopdesk-chat .sd-score").nth(3).click();
    await page.locator("shopdesk-chat .sd-csat-comment").fill("quick and kind");
    await page.locator("shopdesk-chat .sd-csat .sd-button").click();
    await page.locator("shopdesk-chat .sd-csat-thanks").waitFor();
    expect(harness.api.ratings.at(-1)).toMatchObject({ score: 4, comment: "quick and kind" });
  });

  it("shows a reply that arrived while closed as an unread badge after navigating", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    await send("/agent");
    await expect.poll(() => page.locator("shopdesk-chat .sd-subtitle").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    const visitorId = await page.evaluate(
      () => JSON.parse(localStorage.getItem("shopdesk-chat:demo-shop.myshopify.com")!).visitorId as string
    );
    harness.api.agentSays(visitorId, "Hi, I'm Maya. Let me look.");
    await page.goto(`${harness.url}?page=2`);
    await expect.poll(() => page.locator("shopdesk-chat .sd-badge").textContent()).toBe("1");
    expect(await launcher().textContent()).toContain("1 unread messages");
    await launcher().click();
    await expect.poll(() => page.locator("shopdesk-chat .sd-author").last().textContent()).toBe("Maya");
    expect(await page.locator("shopdesk-chat .sd-badge").isHidden()).toBe(true);
  });

  it("fills a 375 px phone screen, traps focus inside, and keeps text readable on a pale accent", async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    await page.goto(`${harness.url}?accent=%23ffd400`);
    expect(await launcher().evaluate((b) => getComputedStyle(b).color)).toBe("rgb(0, 0, 0)");
    // The theme's `div, button { position: relative !important }` must not unpin the widget.
    expect(await page.locator("shopdesk-chat").evaluate((h) => getComputedStyle(h).position)).toBe("fixed");
    await openWithKeyboard();
    const box = await panel().boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    expect(await panel().getAttribute("aria-modal")).toBe("true");
    for (let i = 0; i < 12; i++) await page.keyboard.press("Tab");
    const inside = await page.evaluate(() => {
      const root = document.querySelector("shopdesk-chat")!.shadowRoot!;
      return !!root.activeElement && root.querySelector(".sd-panel")!.contains(root.activeElement);
    });
    expect(inside).toBe(true);
  });

  it("does not load the conversation UI until the shopper opens the chat", async () => {
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(harness.url);
    await launcher().waitFor();
    expect(requested.some((p) => p.endsWith("shopdesk-chat-ui.js"))).toBe(false);
    expect(requested.some((p) => p.startsWith("/apps/shopdesk"))).toBe(false);
    await launcher().click();
    await panel().waitFor();
    expect(requested.filter((p) => /shopdesk-chat(-ui)?\.(js|css)$/.test(p)).sort()).toEqual([
      "/extensions/chat-widget/assets/shopdesk-chat-ui.js",
      "/extensions/chat-widget/assets/shopdesk-chat.css",
      "/extensions/chat-widget/assets/shopdesk-chat.js",
    ]);
  });

  it("keeps a message sent while the API is down across a reload and delivers it once when the API is back", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    harness.api.failing = true;
    try {
      await send("is anyone there?");
      await page.locator("shopdesk-chat .sd-failed .sd-retry").waitFor();
      await page.reload();
      await expect.poll(() => panel().isVisible()).toBe(true);
      // Back after the reload, sent again at once, failed again: still shown, with its Retry button.
      await expect
        .poll(() => page.locator("shopdesk-chat .sd-pending .sd-bubble").allTextContents())
        .toEqual(["is anyone there?"]);
      await page.locator("shopdesk-chat .sd-failed .sd-retry").waitFor();
    } finally {
      harness.api.failing = false;
    }
    // The automatic retry delivers it without the shopper doing anything.
    await expect
      .poll(() => page.locator("shopdesk-chat .sd-msg-bot .sd-bubble").last().textContent(), { timeout: 12_000 })
      .toBe("You said: is anyone there?");
    expect(await page.locator("shopdesk-chat .sd-pending").count()).toBe(0);
    const ids = harness.api.sends.filter((s) => s.text === "is anyone there?").map((s) => s.clientMessageId);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(1);
    const stored = harness.api.stored(await storedVisitorId()).filter((m) => m.text === "is anyone there?");
    expect(stored).toHaveLength(1);
  });

  it("sends again a message that was still sending when the shopper navigated, and the server keeps it once", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    await send("/slow"); // the fake API takes 1.5 s to answer this one
    await page.locator("shopdesk-chat .sd-pending").waitFor();
    await page.goto(`${harness.url}?page=2`);
    await expect
      .poll(() => page.locator("shopdesk-chat .sd-msg-shopper .sd-bubble").allTextContents())
      .toEqual(["/slow"]);
    await expect.poll(() => page.locator("shopdesk-chat .sd-pending").count(), { timeout: 6000 }).toBe(0);
    expect(await page.locator("shopdesk-chat .sd-msg-shopper .sd-bubble").allTextContents()).toEqual(["/slow"]);
    expect(harness.api.stored(await storedVisitorId()).filter((m) => m.text === "/slow")).toHaveLength(1);
  });

  it("polls from one tab only, shares what it hears with the other, and hands over when that tab closes", async () => {
    await page.goto(harness.url);
    await openWithKeyboard();
    await send("two tabs");
    await expect.poll(() => page.locator("shopdesk-chat .sd-msg-bot:not(.sd-typing)").count()).toBe(2);
    const second = await context.newPage();
    await second.goto(harness.url); // the panel opens there too: it was open when the shopper left the first
    await expect
      .poll(() => second.locator("shopdesk-chat .sd-msg-shopper .sd-bubble").allTextContents())
      .toEqual(["two tabs"]);

    const polls: Page[] = [];
    context.on("request", (request) => {
      const url = new URL(request.url());
      if (request.method() === "GET" && url.pathname === "/apps/shopdesk/chat") polls.push(request.frame().page());
    });
    await page.waitForTimeout(6000);
    // One tab polling every 1.5 s makes about four polls in 6 s; each tab polling for itself would make eight.
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.length).toBeLessThanOrEqual(5);
    expect(new Set(polls).size).toBe(1);

    const visitorId = await storedVisitorId();
    const lastAgent = (p: Page) => p.locator("shopdesk-chat .sd-msg-agent .sd-bubble").last().textContent();
    harness.api.agentSays(visitorId, "Hello in both tabs");
    await expect.poll(() => lastAgent(page), { timeout: 2500 }).toBe("Hello in both tabs");
    await expect.poll(() => lastAgent(second), { timeout: 2500 }).toBe("Hello in both tabs");

    // Whichever tab polled goes away; the one left takes over within a few seconds.
    const [leader] = polls;
    const survivor = leader === page ? second : page;
    await leader.close();
    harness.api.agentSays(visitorId, "Still there?");
    await expect.poll(() => lastAgent(survivor), { timeout: 7000 }).toBe("Still there?");
  });

  for (const viewport of [
    { name: "desktop", width: 1280, height: 800 },
    { name: "375 px phone", width: 375, height: 667 },
  ]) {
    it(`passes an automated accessibility audit closed and open (${viewport.name})`, async () => {
      await page.setViewportSize(viewport);
      await page.goto(harness.url);
      await launcher().waitFor();
      expect(await audit(page), "closed").toEqual([]);
      await openWithKeyboard();
      expect(await audit(page), "open").toEqual([]);
      // While a message is on its way (status line, typing dots) and once it failed (Retry button).
      await send("/slow");
      await page.locator("shopdesk-chat .sd-typing").waitFor();
      expect(await audit(page), "sending").toEqual([]);
      await send("/fail");
      await page.locator("shopdesk-chat .sd-failed .sd-retry").waitFor();
      expect(await audit(page), "failed").toEqual([]);
    });
  }
});

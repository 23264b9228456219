// The whole loop in a real browser against the demo: a shopper in the demo storefront asks about an order in two
// languages with the keyboard alone, asks for a person, an agent answers from the Inbox, and the answer appears in
// the widget. Screenshots land in test-results/screenshots/.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, hasChromium, launchChromium, newestBubbleVisible, openAdminPage, screenshotPath } from "../browser";
import type { RunningDemo } from "../../app/demo/run.server";

const UA = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36" };

describe.skipIf(!hasChromium)("storefront chat to human handoff, end to end", { timeout: 90_000 }, () => {
  let demo: RunningDemo;
  let browser: Browser;
  let shopper: Page;

  beforeAll(async () => {
    const { startDemo } = await import("../../app/demo/run.server");
    demo = await startDemo({ appPort: await freePort(), storefrontPort: await freePort(), warehouse: false });
    browser = await launchChromium();
    shopper = await (await browser.newContext({ ...UA, viewport: { width: 1280, height: 860 } })).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("serves the admin home and the demo storefront to a browser", async () => {
    for (const url of [`${demo.appUrl}/app`, `${demo.appUrl}/app/inbox`, demo.storefrontUrl]) {
      const res = await fetch(url, { headers: { "User-Agent": UA.userAgent } });
      expect(res.status, url).toBe(200);
    }
    const storefront = await (await fetch(demo.storefrontUrl, { headers: { "User-Agent": UA.userAgent } })).text();
    expect(storefront).toContain('id="shopdesk-chat-config"');

    // A storefront load must not log a console error or fail a request (it 404ed on /favicon.ico).
    const page = await (await browser.newContext({ ...UA, viewport: { width: 1280, height: 860 } })).newPage();
    const problems: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && problems.push(`console: ${m.text()}`)));
    page.on("response", (r) => void (r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`)));
    page.on("requestfailed", (r) => void problems.push(`failed ${r.url()}`));
    await page.goto(demo.storefrontUrl, { waitUntil: "networkidle" });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  const lastBot = () => shopper.locator("shopdesk-chat .sd-msg-bot .sd-bubble").last().textContent();

  async function ask(text: string) {
    const before = await shopper.locator("shopdesk-chat .sd-msg-bot").count();
    await shopper.keyboard.type(text);
    await shopper.keyboard.press("Enter");
    await expect.poll(() => shopper.locator("shopdesk-chat .sd-msg-bot").count(), { timeout: 15_000 }).toBeGreaterThan(before);
  }

  it("answers an order question with tracking, in English and in Spanish, using only the keyboard", async () => {
    await shopper.goto(demo.storefrontUrl);
    await shopper.locator("shopdesk-chat .sd-launcher").waitFor();
    // Keyboard only: tab through the theme's links until the launcher has focus, then open it.
    for (let i = 0; i < 40; i++) {
      await shopper.keyboard.press("Tab");
      const onLauncher = await shopper.evaluate(
        () => document.activeElement?.tagName === "SHOPDESK-CHAT" && document.querySelector("shopdesk-chat")?.shadowRoot?.activeElement?.classList.contains("sd-launcher"),
      );
      if (onLauncher) break;
    }
    await shopper.keyboard.press("Enter");
    await expect
      .poll(() => shopper.evaluate(() => document.querySelector("shopdesk-chat")?.shadowRoot?.activeElement?.id))
      .toBe("sd-input");

    await ask("Where is my order #1043? My email is zoe.parker@example.org");
    await expect.poll(lastBot, { timeout: 15_000 }).toMatch(/tracking number \S+/);
    await shopper.screenshot({ path: screenshotPath("01-tracking-en") });

    await ask("¿Y dónde está mi pedido #1027?");
    await expect.poll(lastBot, { timeout: 15_000 }).toMatch(/Pedido #1027|pedido #1027/);
    // #1027 is late: its status (with the tracking) comes first, then the shop's options as buttons.
    const bubbles = await shopper.locator("shopdesk-chat .sd-msg-bot .sd-bubble").allTextContents();
    expect(bubbles.at(-2)).toMatch(/seguimiento/);
    expect(bubbles.at(-1)).toMatch(/Esto es lo que puedo hacer con el pedido #1027/);
    await expect.poll(() => shopper.locator("shopdesk-chat .sd-chip").allTextContents()).toEqual(
      expect.arrayContaining(["Reclamar al transportista", "Hablar con una persona"]),
    );
    await shopper.screenshot({ path: screenshotPath("02-tracking-es") });
  });

  it("hands over to a person whose Inbox reply appears in the widget", async () => {
    await ask("I want to talk to a person please");
    await expect.poll(lastBot, { timeout: 15_000 }).toMatch(/member of our team/);
    await expect.poll(() => newestBubbleVisible(shopper)).toBe(true);

    const agent = await (await browser.newContext({ ...UA, viewport: { width: 1280, height: 900 } })).newPage();
    await openAdminPage(agent, `${demo.appUrl}/app/inbox`);
    // The row's own link works before the page has hydrated (a click on the row needs the table's script).
    await agent.getByRole("row").filter({ hasText: "I want to talk to a person please" }).first().getByRole("link").click();
    await agent.waitForURL(/\/app\/inbox\/[^/?]+$/);
    await agent.getByLabel("Reply to the shopper").fill("Hi Zoe, this is Sam from Northwind. I'm on it.");
    await agent.screenshot({ path: screenshotPath("03-inbox-conversation") });
    await agent.getByRole("button", { name: "Send reply" }).click();
    await expect.poll(() => agent.getByText("Hi Zoe, this is Sam from Northwind. I'm on it.").count()).toBeGreaterThan(0);

    await expect
      .poll(() => shopper.locator("shopdesk-chat .sd-msg-agent .sd-bubble").last().textContent(), { timeout: 10_000 })
      .toBe("Hi Zoe, this is Sam from Northwind. I'm on it.");
    await expect.poll(() => newestBubbleVisible(shopper)).toBe(true);
    await shopper.screenshot({ path: screenshotPath("04-agent-reply-in-widget") });
    await agent.context().close();
  });

  it("reaches out first to a logged-in customer whose parcel is late", async () => {
    const page = await (await browser.newContext({ ...UA, viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${demo.storefrontUrl}/account/login`);
    const lena = await page.locator("#customer option", { hasText: "lena.schneider@example.com" }).getAttribute("value");
    await page.locator("#customer").selectOption(lena!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${demo.storefrontUrl}/`);
    // The shop speaks first: the launcher shows an unread message before the shopper has typed anything.
    await expect.poll(() => page.locator("shopdesk-chat .sd-badge").isVisible(), { timeout: 10_000 }).toBe(true);
    await page.locator("shopdesk-chat .sd-launcher").click();
    await expect
      .poll(() => page.locator("shopdesk-chat .sd-msg-bot .sd-bubble").allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringMatching(/#1028[\s\S]*running late/)]));
    await page.screenshot({ path: screenshotPath("05-proactive-late-parcel-phone") });
    await page.context().close();
  });

  it("passes automated accessibility audits on the admin pages and the storefront with the chat open", async () => {
    // Imported here rather than at the top: this file is appended to, not rewritten.
    const { audit } = await import("../browser");
    const admin = await (await browser.newContext({ ...UA, viewport: { width: 1280, height: 900 } })).newPage();
    const findings: Record<string, unknown> = {};
    for (const [name, path] of [
      ["Inbox", "/app/inbox"],
      // The handed-over conversation from the tests above is assigned by now: the tab with a row in it.
      ["Inbox, assigned", "/app/inbox?status=assigned"],
      ["Bot settings", "/app/settings"],
      ["Knowledge base", "/app/knowledge"],
      ["Analytics", "/app/analytics"],
    ]) {
      await admin.goto(`${demo.appUrl}${path}`);
      await admin.waitForLoadState("networkidle");
      findings[name] = await audit(admin);
    }
    await admin.goto(`${demo.appUrl}/app/inbox?status=assigned`);
    await admin.getByRole("row").filter({ hasText: "I want to talk to a person please" }).first().getByRole("link").click();
    await admin.waitForURL(/\/app\/inbox\/[^/?]+$/);
    await admin.getByLabel("Reply to the shopper").waitFor();
    findings["Conversation"] = await audit(admin);
    await admin.context().close();

    // The shopper's page from the tests above: the demo storefront with the chat open and a conversation in it.
    await shopper.locator("shopdesk-chat .sd-panel").waitFor();
    findings["Storefront with the chat open"] = await audit(shopper);
    expect(findings).toEqual({
      Inbox: [],
      "Inbox, assigned": [],
      "Bot settings": [],
      "Knowledge base": [],
      Analytics: [],
      Conversation: [],
      "Storefront with the chat open": [],
    });
  });
});

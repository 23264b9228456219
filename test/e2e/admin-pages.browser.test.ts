// The merchant's side in a real browser: what is saved in Bot settings and the Knowledge base changes what the bot
// tells shoppers at once, and a form with a mistake says what to fix and saves nothing.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, hasChromium, launchChromium, openAdminPage, screenshotPath } from "../browser";
import type { RunningDemo } from "../../app/demo/run.server";

const UA = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36" };

describe.skipIf(!hasChromium)("admin pages change the bot at once", { timeout: 90_000 }, () => {
  let demo: RunningDemo;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    const { startDemo } = await import("../../app/demo/run.server");
    demo = await startDemo({ appPort: await freePort(), storefrontPort: await freePort(), warehouse: false });
    browser = await launchChromium();
    admin = await (await browser.newContext({ ...UA, viewport: { width: 1280, height: 900 } })).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  /** A shopper's message through the demo storefront's App Proxy, as the widget sends it. */
  async function shopperSays(text: string, visitorId: string) {
    const res = await fetch(`${demo.storefrontUrl}/apps/shopdesk/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": UA.userAgent },
      body: JSON.stringify({ visitorId, clientMessageId: `m-${Math.random().toString(36).slice(2, 12)}`, text }),
    });
    const body = (await res.json()) as { messages: { author: string; text: string; quickReplies?: string[] }[] };
    const bot = body.messages.filter((m) => m.author === "bot");
    return { text: bot.map((m) => m.text).join("\n"), quickReplies: bot.flatMap((m) => m.quickReplies ?? []) };
  }

  it("publishes a knowledge article the bot quotes on the next question", async () => {
    await openAdminPage(admin, `${demo.appUrl}/app/knowledge`);
    await admin.getByLabel("Title or question").fill("Do you offer gift wrapping?");
    await admin.getByLabel("Answer").fill("Yes: we gift wrap any order for $5. Choose gift wrapping at checkout.");
    await admin.getByRole("button", { name: "Add article" }).click();
    await expect.poll(() => admin.getByText("Article added").count()).toBeGreaterThan(0);
    await admin.screenshot({ path: screenshotPath("10-knowledge-article-added") });
    const { text: reply } = await shopperSays("do you offer gift wrapping on orders?", "visitor-kb-000000000001");
    expect(reply).toMatch(/gift wrap any order for \$5/);
    expect(reply).toMatch(/Do you offer gift wrapping\?/);
  });

  it("warns that the demo shop's shipping FAQ contradicts its Shipping policy, and opens the article to edit", async () => {
    await openAdminPage(admin, `${demo.appUrl}/app/knowledge`);
    await expect.poll(() => admin.getByText(/articles? contradicts? your shop policies/).count()).toBeGreaterThan(0);
    const row = admin.getByText(
      "Standard shipping to the United States: delivery time: the article says “3–5 business days”, the Shipping policy says “3 to 6 business days”.",
    );
    expect(await row.count()).toBe(1);
    await admin.screenshot({ path: screenshotPath("10b-knowledge-policy-conflicts") });
    await admin.getByRole("button", { name: "Edit “How long does shipping take?”" }).click();
    await expect.poll(() => admin.getByLabel("Title or question").inputValue()).toBe("How long does shipping take?");
  });

  it("refuses an article without a title, saying so, and stores nothing", async () => {
    await openAdminPage(admin, `${demo.appUrl}/app/knowledge`);
    const before = await admin.getByRole("heading", { level: 3 }).count();
    await admin.getByLabel("Answer").fill("An answer without a question.");
    await admin.getByRole("button", { name: "Add article" }).click();
    await expect.poll(() => admin.getByText("Give the article a title of at least 3 characters").count()).toBeGreaterThan(0);
    await openAdminPage(admin, `${demo.appUrl}/app/knowledge`);
    expect(await admin.getByRole("heading", { level: 3 }).count()).toBe(before);
  });

  it("stops self-service cancellation when the merchant turns it off", async () => {
    await openAdminPage(admin, `${demo.appUrl}/app/settings`);
    await admin.getByLabel("Cancel an order that hasn't shipped").uncheck();
    await admin.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => admin.getByText("Saved.").count()).toBeGreaterThan(0);
    await admin.screenshot({ path: screenshotPath("11-bot-settings-saved") });
    const { text: reply } = await shopperSays("cancel order #1051, my email is yuki.tanaka@example.org", "visitor-set-00000000001");
    expect(reply).toMatch(/can't cancel orders in this chat/);
  });

  it("offers a late parcel only the options the merchant keeps", async () => {
    const before = await shopperSays("where is order #1027? zoe.parker@example.org", "visitor-par-00000000001");
    expect(before.quickReplies).toContain("Send a replacement");
    await openAdminPage(admin, `${demo.appUrl}/app/settings`);
    await admin.getByLabel("Send a replacement (goes to a person)").uncheck();
    await admin.getByLabel("Grace days for a late parcel (business days)").fill("5");
    await admin.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => admin.getByText("Saved.").count()).toBeGreaterThan(0);
    const after = await shopperSays("where is order #1027? zoe.parker@example.org", "visitor-par-00000000002");
    expect(after.text).toMatch(/running late/);
    expect(after.quickReplies).not.toContain("Send a replacement");
    expect(after.quickReplies).toContain("Open a carrier claim");
  });

  it("shows HTML and script in messages as text, never running them, in the widget and in the Inbox", async () => {
    const attack = `<img src=x onerror="window.__xss='img'"><script>window.__xss='script'</script><b>bold?</b> hello`;
    const page = await (await browser.newContext(UA)).newPage();
    await page.goto(demo.storefrontUrl);
    await page.locator("shopdesk-chat .sd-launcher").click();
    await page.locator("shopdesk-chat #sd-input").fill(attack);
    await page.keyboard.press("Enter");
    const bubble = page.locator("shopdesk-chat .sd-msg-shopper .sd-bubble").last();
    await expect.poll(() => bubble.textContent(), { timeout: 15_000 }).toBe(attack);
    expect(await bubble.locator("img, script, b").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    // To a person, so the conversation (with the attack in it) is in the Inbox.
    await page.locator("shopdesk-chat #sd-input").fill("talk to a person please, xss check");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("shopdesk-chat .sd-msg-bot .sd-bubble").last().textContent(), { timeout: 15_000 }).toMatch(/member of our team/);

    await openAdminPage(admin, `${demo.appUrl}/app/inbox`);
    await admin.getByRole("row").filter({ hasText: "xss check" }).first().getByRole("link").click();
    await admin.waitForURL(/\/app\/inbox\/[^/?]+$/);
    await expect.poll(() => admin.getByText(attack, { exact: true }).count()).toBeGreaterThan(0);
    expect(await admin.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(await admin.locator("main img[src='x'], main b").count()).toBe(0);
    await page.context().close();
  });

  it("explains an impossible business-hours setting next to the field and keeps the old value", async () => {
    await openAdminPage(admin, `${demo.appUrl}/app/settings`);
    await admin.getByLabel("Team available from").fill("25:00");
    await admin.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => admin.getByText("Use HH:MM, e.g. 09:00").count()).toBeGreaterThan(0);
    await openAdminPage(admin, `${demo.appUrl}/app/settings`);
    expect(await admin.getByLabel("Team available from").inputValue()).toBe("09:00");
  });
});

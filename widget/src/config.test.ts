import { describe, expect, it } from "vitest";
import { format, parseConfig } from "./config";

describe("block configuration", () => {
  it("reads what the Liquid block renders", () => {
    const config = parseConfig({
      proxyPath: "/apps/shopdesk",
      shop: "demo.myshopify.com",
      locale: "fr",
      customerId: 7012345678901,
      settings: { accentColor: "#ff0000", position: "left", quickReplies: ["trackOrder", "talkToPerson", "bogus"] },
      strings: { title: "Service client", greeting: "" },
    });
    expect(config).toMatchObject({
      shop: "demo.myshopify.com",
      locale: "fr",
      customerId: "7012345678901",
      settings: { accentColor: "#ff0000", position: "left", quickReplies: ["trackOrder", "talkToPerson"] },
    });
    expect(config.strings.title).toBe("Service client");
    // An empty translation falls back to English rather than showing nothing.
    expect(config.strings.greeting).toBe("Hi! How can we help you today?");
  });

  it("never lets the config send requests to another origin", () => {
    for (const proxyPath of ["https://evil.test/x", "//evil.test", "javascript:alert(1)"]) {
      expect(parseConfig({ proxyPath }).proxyPath).toBe("/apps/shopdesk");
    }
    expect(parseConfig({ proxyPath: "/apps/desk/" }).proxyPath).toBe("/apps/desk");
  });

  it("treats a guest as having no customer id", () => {
    expect(parseConfig({ customerId: null }).customerId).toBeNull();
    expect(parseConfig(null).settings.position).toBe("right");
  });

  it("fills placeholders without touching unknown ones", () => {
    expect(format("{count} of {max}", { count: 3, max: 2000 })).toBe("3 of 2000");
    expect(format("{nope}", {})).toBe("{nope}");
  });
});

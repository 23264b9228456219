import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("configuration", () => {
  it("refuses to turn demo mode on in production", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", SHOPDESK_DEMO: "1", SHOPIFY_API_SECRET: "real-secret", SHOPIFY_API_KEY: "k" }),
    ).toThrow(/demo mode cannot be turned on when NODE_ENV=production/);
  });

  it("refuses the public demo secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SHOPIFY_API_SECRET/);
  });

  it("runs production with real credentials and demo mode off", () => {
    const env = parseEnv({ NODE_ENV: "production", SHOPIFY_API_SECRET: "real-secret", SHOPIFY_API_KEY: "key" });
    expect(env.SHOPDESK_DEMO).toBe(false);
  });

  it("turns demo mode on outside production", () => {
    expect(parseEnv({ NODE_ENV: "development", SHOPDESK_DEMO: "1" }).SHOPDESK_DEMO).toBe(true);
  });

  it("lists every problem in one readable error", () => {
    const attempt = () => parseEnv({ PORT: "abc", DEMO_SHOP: "evil.example.com" });
    expect(attempt).toThrow(/PORT:/);
    expect(attempt).toThrow(/DEMO_SHOP:/);
  });
});

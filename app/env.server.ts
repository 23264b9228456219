import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .default("")
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** Public demo credentials: they only ever sign requests for the local demo shop. */
export const DEMO_API_KEY = "shopdesk-demo-api-key";
export const DEMO_API_SECRET = "shopdesk-demo-api-secret-not-for-production";
export const DEMO_SHOP = "shopdesk-demo.myshopify.com";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    SHOPIFY_API_KEY: z.string().min(1).default(DEMO_API_KEY),
    SHOPIFY_API_SECRET: z.string().min(1).default(DEMO_API_SECRET),
    SHOPIFY_APP_URL: z.string().url().default("http://localhost:3000"),
    SCOPES: z.string().optional(),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    DATABASE_URL: z.string().min(1).default("file:./data/shopdesk.sqlite"),
    SHOPDESK_DEMO: bool,
    DEMO_SHOP: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/).default(DEMO_SHOP),
    /** Demo and benches only: failures the Admin API stand-in deals (see app/demo/admin-api/faults.ts). */
    SHOPDESK_ADMIN_FAULTS: z.string().optional(),
    PORT: z.coerce.number().int().positive().default(3000),
    STOREFRONT_PORT: z.coerce.number().int().positive().default(3100),
    WAREHOUSE_PATH: z.string().min(1).default("./data/warehouse.duckdb"),
    LLM_PROVIDER: z.enum(["none", "openai", "anthropic", "ollama"]).default("none"),
    LLM_MODEL: z.string().optional(),
    LLM_BASE_URL: z.string().url().optional(),
    LLM_API_KEY: z.string().optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  })
  .superRefine((env, ctx) => {
    // Demo mode bypasses Shopify login for the admin pages: it must never run in production.
    if (env.SHOPDESK_DEMO && env.NODE_ENV === "production") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SHOPDESK_DEMO"],
        message: "demo mode cannot be turned on when NODE_ENV=production",
      });
    }
    if (env.NODE_ENV === "production" && env.SHOPIFY_API_SECRET === DEMO_API_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SHOPIFY_API_SECRET"],
        message: "set SHOPIFY_API_SECRET to the app's real secret in production",
      });
    }
    if (env.LLM_PROVIDER !== "none" && !env.LLM_MODEL) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["LLM_MODEL"], message: "LLM_MODEL is required when LLM_PROVIDER is set" });
    }
  });

export type Env = z.infer<typeof schema>;

/** Parses configuration from a source (process.env by default); throws one readable error listing every problem. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return result.data;
}

/** The configuration, parsed once at start-up. */
export const env: Env = parseEnv();

/** True only when demo mode is on (never in production: parseEnv refuses that). */
export const isDemo = env.SHOPDESK_DEMO;

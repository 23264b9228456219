// Renders what blocks/chat.liquid outputs on a real storefront, for the dev harness and the demo storefront.
// Keep it in step with the block: a test checks both hand over the same strings.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { QuickReplyKey } from "../src/config";

const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../extensions/chat-widget/locales");

export interface EmbedOptions {
  shop: string;
  /** Storefront language, as `request.locale.iso_code` (en, fr, es, de, zh-CN, ja). */
  locale: string;
  /** Logged-in customer's numeric id, or null for a guest. */
  customerId: number | string | null;
  /** URL of assets/shopdesk-chat.js as the page should load it (Shopify: `'shopdesk-chat.js' | asset_url`). */
  scriptUrl: string;
  accentColor?: string;
  position?: "left" | "right";
  greeting?: string;
  launcherLabel?: string;
  quickReplies?: QuickReplyKey[];
}

/** Shopify's `| json` output: JSON with <, >, & and line separators escaped so it is safe inside a script element. */
export function liquidJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}

/** `locales/<locale>.json` falling back to English per key, as Shopify's `| t` does. */
export function translations(locale: string): Record<string, string> {
  const read = (name: string): Record<string, string> => {
    try {
      return (JSON.parse(readFileSync(join(LOCALES_DIR, `${name}.json`), "utf8")) as { chat: Record<string, string> })
        .chat;
    } catch {
      return {};
    }
  };
  return { ...read("en.default"), ...read(locale) };
}

const camel = (key: string) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** The app embed's HTML: the config hand-off and the deferred loader script. */
export function renderChatEmbed(options: EmbedOptions): string {
  const t = translations(options.locale);
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(t)) strings[camel(key)] = value;
  if (options.greeting) strings.greeting = options.greeting;
  if (options.launcherLabel) strings.launcherLabel = options.launcherLabel;
  const config = {
    proxyPath: "/apps/shopdesk",
    shop: options.shop,
    locale: options.locale,
    customerId: options.customerId === null ? null : Number(options.customerId),
    settings: {
      accentColor: options.accentColor ?? "#1a73e8",
      position: options.position ?? "right",
      quickReplies: options.quickReplies ?? ["trackOrder", "startReturn", "talkToPerson"],
    },
    strings,
  };
  const src = options.scriptUrl.replace(/"/g, "&quot;");
  return (
    `<script type="application/json" id="shopdesk-chat-config">${liquidJson(config)}</script>\n` +
    `<script src="${src}" defer></script>\n`
  );
}

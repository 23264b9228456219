import fs from "node:fs";
import path from "node:path";

const EXT = path.resolve("extensions/chat-widget");

interface SchemaSetting {
  id?: string;
  type: string;
  default?: unknown;
}

function readLocale(locale: string): Record<string, unknown> {
  const files = fs.readdirSync(path.join(EXT, "locales"));
  const base = locale.split("-")[0];
  const file =
    files.find((f) => f === `${locale}.json`) ??
    files.find((f) => f.startsWith(`${base}.`) || f.startsWith(`${base}-`)) ??
    "en.default.json";
  return JSON.parse(fs.readFileSync(path.join(EXT, "locales", file), "utf8"));
}

function lookup(
  strings: Record<string, unknown>,
  key: string
): string | undefined {
  const value = key
    .split(".")
    .reduce<unknown>(
      (node, k) => (node as Record<string, unknown>)?.[k],
      strings
    );
  return typeof value === "string" ? value : undefined;
}

/**
 * Renders the chat widget's app embed the way Shopify renders blocks/chat.liquid for a storefront page: the block's
 * schema defaults as the merchant settings, the locale file's strings for every `'chat.…' | t`, and the loader
 * script from the extension's assets. Reading the block itself keeps the demo in step with the real extension.
 */
export function renderEmbed(opts: {
  locale: string;
  customerId: string | null;
  shop: string;
  assetBase?: string;
}) {
  const liquid = fs.readFileSync(path.join(EXT, "blocks/chat.liquid"), "utf8");
  const schema = JSON.parse(
    liquid.match(/{%\s*schema\s*%}([\s\S]*?){%\s*endschema\s*%}/)![1]
  ) as { settings: SchemaSetting[] };
  const setting = (id: string) =>
    schema.settings.find((s) => s.id === id)?.default;
  const en = readLocale("en");
  const own = readLocale(opts.locale);
  const t = (key: string) => lookup(own, key) ?? lookup(en, key) ?? key;

  const strings: Record<string, string> = {};
  for (const m of liquid.matchAll(
    /"(\w+)":\s*\{\{\s*'([\w.]+)'\s*\|\s*t\s*\|\s*json\s*\}\}/g
  ))
    strings[m[1]] = t(m[2]);
  strings.launcherLabel =
    (setting("launcher_label") as string) || t("chat.launcher_label");
  strings.greeting = (setting("greeting") as string) || t("chat.greeting");
  const quickReplies = [
    setting("quick_reply_track_order") ? "trackOrder" : null,
    setting("quick_reply_start_return") ? "startReturn" : null,
    setting("quick_reply_talk_to_person") ? "talkToPerson" : null,
  ].filter(Boolean);

  const config = {
    proxyPath: "/apps/shopdesk",
    shop: opts.shop,
    locale: opts.locale,
    customerId: opts.customerId ? Number(opts.customerId) : null,
    settings: {
      accentColor: setting("accent_color"),
      position: setting("position"),
      quickReplies,
    },
    strings,
  };
  // Same escaping as Liquid's `json` filter inside a script element: no "</script>" can close it early.
  const json = JSON.stringify(config).replace(/</g, "\\u003c");
  return `<script type="application/json" id="shopdesk-chat-config">${json}</script>
<script src="${
    opts.assetBase ?? "/cdn/shopdesk"
  }/shopdesk-chat.js" defer></script>`;
}

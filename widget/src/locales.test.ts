import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { liquidJson, renderChatEmbed } from "../dev/embed";
import { parseConfig } from "./config";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../extensions/chat-widget");
const block = readFileSync(join(root, "blocks/chat.liquid"), "utf8");
const locales = readdirSync(join(root, "locales")).filter((f) => f.endsWith(".json"));
const chatStrings = (file: string) =>
  (JSON.parse(readFileSync(join(root, "locales", file), "utf8")) as { chat: Record<string, string> }).chat;

describe("strings handed from Liquid to the script", () => {
  // `"title": {{ 'chat.title' | t | json }}` → ["title", "title"]
  const fromBlock = [...block.matchAll(/"(\w+)": \{\{ '(?:chat\.)(\w+)' \| t \| json \}\}/g)].map((m) => [m[1], m[2]]);
  const scriptKeys = Object.keys(parseConfig({}).strings).sort();

  it("hands over every string the script uses, plus the two the merchant can override", () => {
    const handed = [...fromBlock.map(([key]) => key), "launcherLabel", "greeting"].sort();
    expect(handed).toEqual(scriptKeys);
  });

  it("has every translation key in all six languages", () => {
    expect(locales.sort()).toEqual(["de.json", "en.default.json", "es.json", "fr.json", "ja.json", "zh-CN.json"]);
    const english = Object.keys(chatStrings("en.default.json")).sort();
    for (const [, key] of fromBlock) expect(english).toContain(key);
    for (const file of locales) expect(Object.keys(chatStrings(file)).sort(), file).toEqual(english);
  });

  it("keeps the {placeholders} the script fills in every translation", () => {
    const english = chatStrings("en.default.json");
    for (const file of locales) {
      const strings = chatStrings(file);
      for (const [key, text] of Object.entries(english)) {
        const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(strings[key]), `${file} ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it("renders the same config shape in the dev embed as the block does", () => {
    const html = renderChatEmbed({ shop: "s.myshopify.com", locale: "fr", customerId: 42, scriptUrl: "/a.js" });
    const json = /<script type="application\/json" id="shopdesk-chat-config">(.*)<\/script>/.exec(html)![1];
    const config = JSON.parse(json);
    expect(Object.keys(config)).toEqual(["proxyPath", "shop", "locale", "customerId", "settings", "strings"]);
    expect(Object.keys(config.strings).sort()).toEqual(scriptKeys);
    expect(config.strings.title).toBe("Service client");
  });

  it("escapes merchant text the way Shopify's json filter does, so it cannot close the script element", () => {
    expect(liquidJson("</script><script>alert(1)</script>")).not.toContain("<");
    expect(JSON.parse(liquidJson("a</script>&"))).toBe("a</script>&");
  });
});

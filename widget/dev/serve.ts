// Static storefront + fake chat API for checking the widget by hand: `npx tsx widget/dev/serve.ts`
// then open http://localhost:4410/ (add ?widget=0 without the embed, ?locale=ja, ?accent=%23ffd400, ?position=left).
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, normalize } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildWidget } from "../build";
import { renderChatEmbed } from "./embed";
import { createFakeApi, type FakeApi } from "./fake-api";

const ASSETS = join(dirname(fileURLToPath(import.meta.url)), "../../extensions/chat-widget/assets");
const TYPES: Record<string, string> = { ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };

function page(url: URL): string {
  const embed =
    url.searchParams.get("widget") === "0"
      ? ""
      : renderChatEmbed({
          shop: "demo-shop.myshopify.com",
          locale: url.searchParams.get("locale") ?? "en",
          customerId: url.searchParams.get("customer"),
          scriptUrl: "/extensions/chat-widget/assets/shopdesk-chat.js?v=1",
          accentColor: url.searchParams.get("accent") ?? undefined,
          position: url.searchParams.get("position") === "left" ? "left" : "right",
        });
  // A theme-like page with hostile global CSS, to show it does not reach the widget.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Demo storefront</title>
<style>body{font-family:Georgia,serif;margin:0;padding:24px;color:#333} div,button{position:relative!important;color:red}
button{all:unset;background:hotpink} * {letter-spacing:.1em}</style></head>
<body><header><a href="/">Demo shop</a> · <a href="/?page=2">Page 2</a></header><main><h1>Spring collection</h1>
<p>Products…</p><button type="button" id="page-button">A theme button</button></main>
${embed}</body></html>`;
}

export interface Harness {
  url: string;
  api: FakeApi;
  server: Server;
  close(): Promise<void>;
}

/** Builds the widget and serves the storefront page, the extension's assets and the fake API. */
export async function startHarness(port = 0): Promise<Harness> {
  await buildWidget();
  const api = createFakeApi();
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (await api.handle(req, res)) return;
      if (url.pathname.startsWith("/extensions/chat-widget/assets/")) {
        const file = normalize(join(ASSETS, url.pathname.slice("/extensions/chat-widget/assets/".length)));
        const type = TYPES[file.slice(file.lastIndexOf("."))];
        if (!file.startsWith(ASSETS) || !type) return void res.writeHead(404).end();
        try {
          res.writeHead(200, { "Content-Type": type }).end(await readFile(file));
        } catch {
          res.writeHead(404).end();
        }
        return;
      }
      if (url.pathname === "/") {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page(url));
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    api,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const harness = await startHarness(Number(process.env.PORT ?? 4410));
  console.log(`widget harness on ${harness.url}`);
}

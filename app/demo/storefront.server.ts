import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { signProxyQuery } from "./app-proxy";
import type { DemoShop } from "./shop-data";
import { renderEmbed } from "./embed.server";

export interface StorefrontOptions {
  port: number;
  appUrl: string;
  shop: DemoShop;
  apiSecret: string;
  widgetAssetsDir: string;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) =>
      ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[
        c
      ]!)
  );

function cookies(req: http.IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    (req.headers.cookie ?? "")
      .split(";")
      .map((c) => c.trim().split("="))
      .filter(([k]) => k)
      .map(([k, ...v]) => [k, decodeURIComponent(v.join("="))])
  );
}

function page(opts: {
  title: string;
  body: string;
  locale: string;
  customerName: string | null;
  embed: string;
}) {
  return `<!doctype html>
<html lang="${esc(opts.locale)}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(opts.title)} – Northwind Outfitters (demo storefront)</title>
<style>
  body{margin:0;font:16px/1.5 Georgia,serif;color:#222;background:#faf8f5}
  header{display:flex;gap:16px;align-items:center;padding:16px 24px;background:#2f3e46;color:#fff}
  header a{color:#fff} header .shop{font-size:22px;font-weight:bold;margin-right:auto;text-decoration:none}
  main{max-width:1100px;margin:0 auto;padding:24px}
  .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px}
  .card{background:#fff;border:1px solid #e5e0d8;border-radius:8px;padding:16px}
  .card a{color:#2f3e46;font-weight:bold}
  .note{background:#fff6d6;border:1px solid #e8d48a;padding:8px 12px;border-radius:6px;font:14px/1.4 system-ui,sans-serif}
  button,select{font:inherit}
</style>
</head>
<body>
<header>
  <a class="shop" href="/">Northwind Outfitters</a>
  <a href="/?locale=en">EN</a><a href="/?locale=fr">FR</a><a href="/?locale=es">ES</a><a href="/?locale=de">DE</a><a href="/?locale=zh-CN">中文</a><a href="/?locale=ja">日本語</a>
  ${
    opts.customerName
      ? `<span>Signed in as ${esc(
          opts.customerName
        )}</span> <a href="/account/logout">Sign out</a>`
      : `<a href="/account/login">Sign in</a>`
  }
</header>
<main>
${opts.body}
</main>
${opts.embed}
</body>
</html>`;
}

/**
 * A plain storefront standing in for a Shopify theme: product pages, a demo customer login, the chat widget's app
 * embed rendered as Shopify would render the block, and an App Proxy that forwards /apps/shopdesk/* to the app
 * with the same signed query parameters Shopify adds.
 */
export function startStorefront(opts: StorefrontOptions): Promise<http.Server> {
  const { shop } = opts;
  const customers = new Map(
    shop.customers.map((c) => [c.id.split("/").pop()!, c])
  );

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://localhost:${opts.port}`);
      const jar = cookies(req);
      const locale = url.searchParams.get("locale") ?? jar.sd_locale ?? "en";
      const customerId =
        jar.sd_customer && customers.has(jar.sd_customer)
          ? jar.sd_customer
          : "";
      const customer = customerId ? customers.get(customerId)! : null;
      const setCookies: string[] = [];
      if (url.searchParams.get("locale"))
        setCookies.push(
          `sd_locale=${encodeURIComponent(locale)}; Path=/; SameSite=Lax`
        );

      if (url.pathname.startsWith("/apps/shopdesk"))
        return await proxy(req, res, url, customerId);
      // Browsers that ignore the page's icon still ask for /favicon.ico; a 404 there is a console error on every load.
      if (url.pathname === "/favicon.ico") {
        res.writeHead(204, { "Cache-Control": "public, max-age=86400" });
        return res.end();
      }
      if (url.pathname.startsWith("/cdn/shopdesk/"))
        return serveAsset(res, url.pathname.slice("/cdn/shopdesk/".length));

      if (url.pathname === "/account/login" && req.method === "POST") {
        const body = new URLSearchParams(await readBody(req));
        const id = body.get("customer") ?? "";
        res.writeHead(303, {
          Location: "/",
          "Set-Cookie": customers.has(id)
            ? `sd_customer=${id}; Path=/; HttpOnly; SameSite=Lax`
            : "sd_customer=; Path=/; Max-Age=0",
        });
        return res.end();
      }
      if (url.pathname === "/account/logout") {
        res.writeHead(303, {
          Location: "/",
          "Set-Cookie": "sd_customer=; Path=/; Max-Age=0",
        });
        return res.end();
      }

      const embed =
        url.searchParams.get("widget") === "0"
          ? ""
          : renderEmbed({
              locale,
              customerId: customerId || null,
              shop: shop.shop.myshopifyDomain,
            });
      let title = "Home";
      let body: string;
      if (url.pathname === "/account/login") {
        title = "Sign in";
        body = `<h1>Sign in</h1><p class="note">Demo storefront: choose a demo customer instead of a password. The chat then recognises you through the App Proxy's signed <code>logged_in_customer_id</code>.</p>
<form method="post" action="/account/login"><label for="customer">Customer</label>
<select id="customer" name="customer">${shop.customers
          .slice(0, 40)
          .map(
            (c) =>
              `<option value="${c.id.split("/").pop()}">${esc(
                c.displayName
              )} (${esc(c.email)})</option>`
          )
          .join("")}</select>
<button type="submit">Sign in</button></form>`;
      } else if (url.pathname.startsWith("/products/")) {
        const product = shop.products.find(
          (p) => p.handle === url.pathname.slice("/products/".length)
        );
        if (!product) {
          res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
          return res.end(
            page({
              title: "Not found",
              body: "<h1>Product not found</h1>",
              locale,
              customerName: customer?.displayName ?? null,
              embed,
            })
          );
        }
        title = product.title;
        body = `<p><a href="/">← All products</a></p><h1>${esc(
          product.title
        )}</h1><p>${esc(product.description)}</p>
<ul>${product.variants
          .map(
            (v) =>
              `<li>${esc(v.title)}: $${esc(v.price)} · ${
                v.inventoryQuantity > 0
                  ? `${v.inventoryQuantity} in stock`
                  : "sold out"
              }</li>`
          )
          .join("")}</ul>`;
      } else if (url.pathname === "/") {
        body = `<h1>New season essentials</h1>
<p class="note">This is Shopdesk's demo storefront. Open the chat in the corner and ask “where is my order?”. The README lists demo orders with their emails.</p>
<div class="grid">${shop.products
          .filter((p) => p.status === "ACTIVE")
          .slice(0, 24)
          .map(
            (p) =>
              `<div class="card"><a href="/products/${esc(p.handle)}">${esc(
                p.title
              )}</a><div>from $${esc(
                p.variants[0]?.price ?? ""
              )}</div><div>${esc(p.productType)}</div></div>`
          )
          .join("")}</div>`;
      } else {
        res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
        return res.end(
          page({
            title: "Not found",
            body: "<h1>Page not found</h1>",
            locale,
            customerName: customer?.displayName ?? null,
            embed,
          })
        );
      }
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        ...(setCookies.length ? { "Set-Cookie": setCookies } : {}),
      });
      res.end(
        page({
          title,
          body,
          locale,
          customerName: customer?.displayName ?? null,
          embed,
        })
      );
    } catch (error) {
      res.writeHead(502, { "Content-Type": "text/plain" });
      res.end(`Demo storefront error: ${String(error)}`);
    }
  });

  async function proxy(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    customerId: string
  ) {
    const rest = url.pathname.slice("/apps/shopdesk".length) || "/";
    const query = signProxyQuery(url.searchParams, {
      shop: shop.shop.myshopifyDomain,
      secret: opts.apiSecret,
      loggedInCustomerId: customerId,
    });
    const body =
      req.method === "GET" || req.method === "HEAD"
        ? undefined
        : await readBody(req);
    const upstream = await fetch(`${opts.appUrl}/proxy${rest}?${query}`, {
      method: req.method,
      headers: {
        "Content-Type":
          req.headers["content-type"] ?? "application/octet-stream",
        "User-Agent": req.headers["user-agent"] ?? "Shopify App Proxy",
        "X-Forwarded-For": req.socket.remoteAddress ?? "",
      },
      body,
      redirect: "manual",
    });
    const headers: Record<string, string> = {
      "Content-Type": upstream.headers.get("content-type") ?? "text/plain",
    };
    const retry = upstream.headers.get("retry-after");
    if (retry) headers["Retry-After"] = retry;
    res.writeHead(upstream.status, headers);
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }

  function serveAsset(res: http.ServerResponse, name: string) {
    const file = path.join(opts.widgetAssetsDir, path.basename(name));
    if (!fs.existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    const type = file.endsWith(".js")
      ? "text/javascript"
      : file.endsWith(".css")
      ? "text/css"
      : "application/octet-stream";
    res.writeHead(200, {
      "Content-Type": `${type}; charset=utf-8`,
      "Cache-Control": "public, max-age=300",
    });
    fs.createReadStream(file).pipe(res);
  }

  return new Promise((resolve) =>
    server.listen(opts.port, "127.0.0.1", () => resolve(server))
  );
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      data += chunk;
      // The App Proxy does not forward huge bodies either.
      if (data.length > 1_000_000) req.destroy();
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

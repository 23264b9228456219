import http, { type Server } from "node:http";
import { http as mswHttp, HttpResponse, type HttpHandler } from "msw";
import { ADMIN_API_VERSION, type AdminStandIn } from "./admin-api";
import { GRAPHQL_URL } from "./msw";

const GRAPHQL_PATH = /^\/admin\/api\/([^/]+)\/graphql\.json$/;

/**
 * The demo shop's Admin API as a local HTTP service, for several app instances at once (`npm run start:cluster`):
 * one stand-in, so a cancellation made through one instance is seen by the others, as with Shopify. Each instance
 * forwards its Admin API calls here (forwardingAdminHandlers); the shop comes in the X-Shopify-Shop-Domain header.
 */
export function startAdminService(standIn: AdminStandIn, port = 0): Promise<{ server: Server; url: string }> {
  const server = http.createServer((req, res) => {
    const match = GRAPHQL_PATH.exec(req.url ?? "");
    if (req.method !== "POST" || !match || match[1] !== ADMIN_API_VERSION) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ errors: "Not Found" }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const payload = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as {
          query?: unknown;
          variables?: Record<string, unknown>;
          operationName?: unknown;
        };
        const answer = await standIn.execute({
          query: String(payload.query ?? ""),
          variables: payload.variables,
          operationName: typeof payload.operationName === "string" ? payload.operationName : undefined,
          accessToken: String(req.headers["x-shopify-access-token"] ?? ""),
        });
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
        res.end(JSON.stringify(answer.body));
      } catch {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: { query: "Required parameter missing or invalid" } }));
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}` });
    });
  });
}

/** msw handlers for an app instance: Shopify Admin API calls go to the shared local service instead. */
export function forwardingAdminHandlers(serviceUrl: string, shop: string): HttpHandler[] {
  return [
    mswHttp.post(GRAPHQL_URL, async ({ request }) => {
      const url = new URL(request.url);
      const [, requestShop, version] = GRAPHQL_URL.exec(url.origin + url.pathname)!;
      // Only the demo shop exists; any other shop gets Shopify's bare 404.
      if (requestShop !== shop) return HttpResponse.json({ errors: "Not Found" }, { status: 404 });
      const answer = await fetch(`${serviceUrl}/admin/api/${version}/graphql.json`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-shopify-access-token": request.headers.get("X-Shopify-Access-Token") ?? "",
        },
        body: await request.text(),
      });
      return new HttpResponse(await answer.text(), {
        status: answer.status,
        headers: Object.fromEntries(answer.headers.entries()),
      });
    }),
  ];
}

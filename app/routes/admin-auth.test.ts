import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { loader as home } from "./app._index";
import { loader as inbox } from "./app.inbox._index";

// Outside demo mode (tests run with SHOPDESK_DEMO unset), admin pages need Shopify's session token.
async function status(loader: (args: LoaderFunctionArgs) => Promise<unknown>, url: string) {
  try {
    const res = (await loader({ request: new Request(url, { headers: { "User-Agent": "Mozilla/5.0 Chrome/120" } }), params: {}, context: {} })) as unknown;
    return res instanceof Response ? res.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("admin pages outside demo mode", () => {
  it("refuse a request without a Shopify session token", async () => {
    // No shop, no token: sent to the login page. A shop but no token: sent through Shopify's auth (bounce or login).
    expect(await status(home, "http://localhost:3000/app")).toBe(302);
    expect([302, 401]).toContain(await status(inbox, "http://localhost:3000/app/inbox?shop=shopdesk-demo.myshopify.com"));
  });

  it("refuse a forged session token", async () => {
    const forged = "eyJhbGciOiJIUzI1NiJ9.eyJkZXN0IjoiaHR0cHM6Ly9zaG9wZGVzay1kZW1vLm15c2hvcGlmeS5jb20ifQ.forged";
    const res = await (async () => {
      try {
        return (await home({
          request: new Request("http://localhost:3000/app?embedded=1&shop=shopdesk-demo.myshopify.com", {
            headers: { Authorization: `Bearer ${forged}`, "User-Agent": "Mozilla/5.0 Chrome/120" },
          }),
          params: {},
          context: {},
        })) as unknown;
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(res).toBeInstanceOf(Response);
    expect([302, 401, 403, 410]).toContain((res as Response).status);
  });
});

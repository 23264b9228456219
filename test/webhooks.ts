import type { ActionFunctionArgs } from "@remix-run/node";
import { createHmac, randomUUID } from "node:crypto";
import { DEMO_API_SECRET } from "../app/env.server";

/** A webhook request as Shopify sends it, signed with the app secret (or a wrong one, to test refusal). */
export function webhookRequest(opts: {
  topic: string;
  shop: string;
  payload: unknown;
  webhookId?: string;
  secret?: string;
}): Request {
  const body = JSON.stringify(opts.payload);
  const hmac = createHmac("sha256", opts.secret ?? DEMO_API_SECRET).update(body).digest("base64");
  return new Request(`http://localhost:3000/webhooks/${opts.topic}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Hmac-Sha256": hmac,
      "X-Shopify-Topic": opts.topic,
      "X-Shopify-Shop-Domain": opts.shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": opts.webhookId ?? randomUUID(),
      "X-Shopify-Triggered-At": new Date().toISOString(),
    },
  });
}

/** Calls a route action and returns its Response, whether it returned or threw one. */
export async function callAction(
  action: (args: ActionFunctionArgs) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    return (await action({ request, params, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

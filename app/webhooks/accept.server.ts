import { authenticate } from "../shopify.server";
import { receiveWebhook } from "./jobs.server";

/**
 * The whole of a webhook route: the library verifies the HMAC (401 otherwise, before anything is written), the
 * delivery is recorded once by webhook id, and Shopify gets its 200 before any slow work runs.
 */
export async function acceptWebhook(request: Request, expectedTopic: string): Promise<Response> {
  const { shop, topic, payload, webhookId } = await authenticate.webhook(request);
  if (topic !== expectedTopic) {
    return new Response(`This endpoint handles ${expectedTopic}, not ${topic}`, { status: 400 });
  }
  await receiveWebhook({ shop, topic, payload, webhookId });
  return new Response(null, { status: 200 });
}

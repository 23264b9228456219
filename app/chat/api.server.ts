import type { z } from "zod";
import { createAdminClient } from "../shopify/client.server";
import { deliverPending } from "../proactive/proactive.server";
import { jsonError, jsonOk } from "./http.server";
import { authenticateProxy } from "./proxy.server";
import { hit, LIMITS } from "./rate-limit.server";
import { CsatInput, MAX_MESSAGE_LENGTH, PollInput, SendInput, pollMessages, rateConversation, sendMessage } from "./service.server";
import type { AdminGraphql } from "./types";

const MAX_BODY_BYTES = 16 * 1024;

function firstIssue(error: z.ZodError) {
  const issue = error.issues[0];
  return `${issue.path.join(".") || "body"}: ${issue.message}`;
}

async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) {
    return { ok: false, response: jsonError(415, "invalid_request", "Send JSON (Content-Type: application/json).") };
  }
  const raw = await request.text();
  if (raw.length > MAX_BODY_BYTES) {
    return { ok: false, response: jsonError(413, "message_too_long", `Messages can be at most ${MAX_MESSAGE_LENGTH} characters.`) };
  }
  try {
    return { ok: true, body: JSON.parse(raw) };
  } catch {
    return { ok: false, response: jsonError(400, "invalid_request", "The request body is not valid JSON.") };
  }
}

function limited(seconds: number) {
  return jsonError(429, "rate_limited", `You're sending messages too quickly. Please wait ${seconds} s.`, {
    retryAfter: seconds,
  });
}

/** POST /apps/shopdesk/chat: a shopper's message, answered by the bot unless a person has the conversation. */
export async function handleSend(request: Request): Promise<Response> {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed", "Use POST to send a message.");
  const proxy = await authenticateProxy(request);
  const json = await readJson(request);
  if (!json.ok) return json.response;
  const text = (json.body as { text?: unknown })?.text;
  if (typeof text === "string" && text.length > MAX_MESSAGE_LENGTH) {
    return jsonError(400, "message_too_long", `Messages can be at most ${MAX_MESSAGE_LENGTH} characters.`);
  }
  const parsed = SendInput.safeParse(json.body);
  if (!parsed.success) return jsonError(400, "invalid_request", firstIssue(parsed.error));
  const wait =
    (await hit(proxy.shop, `send:${parsed.data.visitorId}`, LIMITS.sendPerVisitor)) ||
    (await hit(proxy.shop, "send", LIMITS.sendPerShop));
  if (wait) return limited(wait);
  // A chat turn cannot wait long for Shopify: short timeouts, and an honest reply when it does not answer.
  const graphql: AdminGraphql | null = proxy.admin
    ? createAdminClient(proxy.admin.graphql, { timeoutMs: 6000, maxThrottleWaitMs: 3000 }).request
    : null;
  return jsonOk(await sendMessage(proxy.shop, proxy.customerId, parsed.data, graphql));
}

/** GET /apps/shopdesk/chat?visitorId=…&after=…: what arrived since the last message the widget has. */
export async function handlePoll(request: Request): Promise<Response> {
  const proxy = await authenticateProxy(request);
  const url = new URL(request.url);
  const parsed = PollInput.safeParse({
    visitorId: url.searchParams.get("visitorId") ?? "",
    after: url.searchParams.get("after") ?? 0,
  });
  if (!parsed.success) return jsonError(400, "invalid_request", firstIssue(parsed.error));
  const wait = await hit(proxy.shop, `poll:${parsed.data.visitorId}`, LIMITS.pollPerVisitor);
  if (wait) return limited(wait);
  if (proxy.customerId) {
    const locale = (url.searchParams.get("locale") ?? "en").slice(0, 20);
    await deliverPending(proxy.shop, proxy.customerId, parsed.data.visitorId, locale);
  }
  return jsonOk(await pollMessages(proxy.shop, parsed.data.visitorId, parsed.data.after));
}

/** POST /apps/shopdesk/chat/csat: the shopper's rating of a closed conversation. */
export async function handleCsat(request: Request): Promise<Response> {
  if (request.method !== "POST") return jsonError(405, "method_not_allowed", "Use POST to rate a conversation.");
  const proxy = await authenticateProxy(request);
  const json = await readJson(request);
  if (!json.ok) return json.response;
  const parsed = CsatInput.safeParse(json.body);
  if (!parsed.success) return jsonError(400, "invalid_request", firstIssue(parsed.error));
  if (!(await rateConversation(proxy.shop, parsed.data))) {
    return jsonError(404, "not_found", "There is no conversation to rate yet.");
  }
  return jsonOk({ ok: true });
}

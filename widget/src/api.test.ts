import { describe, expect, it, vi } from "vitest";
import { ChatApiError, createChatApi } from "./api";

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

const okBody = {
  conversationId: "c1",
  status: "bot",
  messages: [{ id: 1, author: "shopper", text: "hi", createdAt: "2026-11-21T10:00:00Z", clientMessageId: "m-1" }],
};

async function failure(promise: Promise<unknown>): Promise<ChatApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(ChatApiError);
  return error as ChatApiError;
}

describe("chat API client", () => {
  it("posts the visitor, client message id, text and locale to the proxy path", async () => {
    const fetch = vi.fn(async () => jsonResponse(200, okBody));
    const api = createChatApi({ proxyPath: "/apps/shopdesk", locale: "fr", fetch });
    const response = await api.send({ visitorId: "v1", clientMessageId: "m-1", text: "hi" });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/apps/shopdesk/chat");
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({
      visitorId: "v1",
      clientMessageId: "m-1",
      text: "hi",
      locale: "fr",
    });
    expect(response.messages[0].clientMessageId).toBe("m-1");
  });

  it("asks for messages after the last id it holds", async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { conversationId: null, status: "bot", messages: [] }));
    await createChatApi({ proxyPath: "/apps/shopdesk", fetch }).history("v 1", 42);
    expect((fetch.mock.calls[0] as unknown as [string])[0]).toBe("/apps/shopdesk/chat?visitorId=v+1&after=42");
  });

  it("reports a 429 as rate limited with the server's wait and message", async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(429, { error: { code: "rate_limited", message: "Slow down" }, retryAfter: 7 })
    );
    const error = await failure(
      createChatApi({ proxyPath: "/p", fetch }).send({ visitorId: "v", clientMessageId: "m", text: "x" })
    );
    expect(error).toMatchObject({ kind: "rate_limited", retryAfter: 7, message: "Slow down", status: 429 });
  });

  it("falls back to the Retry-After header, then to a bounded default, for the 429 wait", async () => {
    const withHeader = vi.fn(async () => jsonResponse(429, {}, { "Retry-After": "3" }));
    const api = createChatApi({ proxyPath: "/p", fetch: withHeader });
    expect((await failure(api.send({ visitorId: "v", clientMessageId: "m", text: "x" }))).retryAfter).toBe(3);
    const silly = vi.fn(async () => jsonResponse(429, { retryAfter: 99999 }));
    const bounded = createChatApi({ proxyPath: "/p", fetch: silly });
    expect((await failure(bounded.send({ visitorId: "v", clientMessageId: "m", text: "x" }))).retryAfter).toBe(300);
  });

  it("tells a too-long message, a signature failure and a server error apart", async () => {
    const cases: [number, unknown, string][] = [
      [400, { error: { code: "message_too_long", message: "Too long" } }, "too_long"],
      [400, { error: { code: "invalid_request", message: "Bad" } }, "invalid"],
      [401, {}, "unauthorized"],
      [503, "not json at all", "server"],
    ];
    for (const [status, body, kind] of cases) {
      const fetch = vi.fn(async () => jsonResponse(status, body));
      const error = await failure(
        createChatApi({ proxyPath: "/p", fetch }).send({ visitorId: "v", clientMessageId: "m", text: "x" })
      );
      expect(error.kind).toBe(kind);
    }
  });

  it("reports a request that never got an answer as offline", async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const error = await failure(
      createChatApi({ proxyPath: "/p", fetch }).send({ visitorId: "v", clientMessageId: "m", text: "x" })
    );
    expect(error.kind).toBe("offline");
  });

  it("drops malformed messages instead of handing them to the view", async () => {
    const fetch = vi.fn(async () =>
      jsonResponse(200, {
        conversationId: "c1",
        status: "nonsense",
        messages: [{ id: "1", author: "bot", text: "x" }, { id: 2, author: "bot", text: "<b>ok</b>" }, null],
      })
    );
    const response = await createChatApi({ proxyPath: "/p", fetch }).history("v", 0);
    expect(response.status).toBe("bot");
    expect(response.messages.map((m) => m.id)).toEqual([2]);
    expect(response.messages[0].text).toBe("<b>ok</b>");
  });

  it("sends a rating with its optional comment", async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { ok: true }));
    await createChatApi({ proxyPath: "/p", fetch }).rate("v", 4, "quick");
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/p/chat/csat");
    expect(JSON.parse(String(init.body))).toEqual({ visitorId: "v", score: 4, comment: "quick" });
  });
});

// An in-memory stand-in for the app's chat API at the App Proxy path, for the harness and the browser test.
// Special texts trigger the states the widget must handle: /fail, /limit, /slow, /close, /agent, /html.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatStatus, Message } from "../src/types";

interface Conversation {
  id: string;
  status: ChatStatus;
  messages: Message[];
}

export interface FakeApi {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Every POST /chat body received, in order. */
  sends: { visitorId: string; clientMessageId: string; text: string }[];
  ratings: { visitorId: string; score: number; comment?: string }[];
  /** Adds a message as if an agent wrote it in the inbox. */
  agentSays(visitorId: string, text: string): void;
  /** While true, every POST /chat is recorded and answered 503, as when the app is down. */
  failing: boolean;
  /** The visitor's stored messages, to check a retried message was kept once. */
  stored(visitorId: string): Message[];
}

export function createFakeApi(proxyPath = "/apps/shopdesk"): FakeApi {
  let nextId = 1;
  const conversations = new Map<string, Conversation>();
  const failedOnce = new Set<string>();
  const sends: FakeApi["sends"] = [];
  const ratings: FakeApi["ratings"] = [];

  const add = (c: Conversation, message: Omit<Message, "id" | "createdAt">) => {
    const stored = { ...message, id: nextId++, createdAt: new Date().toISOString() };
    c.messages.push(stored);
    return stored;
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    return JSON.parse(raw || "{}") as Record<string, unknown>;
  };
  const conversationFor = (visitorId: string) => {
    let c = conversations.get(visitorId);
    if (!c || c.status === "closed") {
      c = { id: `conv-${nextId}`, status: "bot", messages: [] };
      conversations.set(visitorId, c);
    }
    return c;
  };

  const api: FakeApi = {
    sends,
    ratings,
    failing: false,
    stored: (visitorId) => conversations.get(visitorId)?.messages ?? [],
    agentSays(visitorId, text) {
      const c = conversations.get(visitorId);
      if (c) add(c, { author: "agent", text, agentName: "Maya" });
    },
    async handle(req, res) {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!url.pathname.startsWith(proxyPath + "/chat")) return false;
      if (url.pathname === `${proxyPath}/chat` && req.method === "GET") {
        const c = conversations.get(url.searchParams.get("visitorId") ?? "");
        const after = Number(url.searchParams.get("after") ?? 0);
        json(res, 200, {
          conversationId: c?.id ?? null,
          status: c?.status ?? "bot",
          messages: c ? c.messages.filter((m) => m.id > after) : [],
        });
        return true;
      }
      if (url.pathname === `${proxyPath}/chat/csat` && req.method === "POST") {
        ratings.push((await readBody(req)) as unknown as FakeApi["ratings"][number]);
        json(res, 200, { ok: true });
        return true;
      }
      if (url.pathname !== `${proxyPath}/chat` || req.method !== "POST") return false;
      const body = (await readBody(req)) as unknown as FakeApi["sends"][number];
      sends.push(body);
      if (api.failing) {
        json(res, 503, { error: { code: "unavailable", message: "Try again" } });
        return true;
      }
      const text = String(body.text ?? "").trim();
      if (text.length > 2000) {
        json(res, 400, { error: { code: "message_too_long", message: "Messages can be at most 2000 characters." } });
        return true;
      }
      if ((text === "/fail" || text === "/limit") && !failedOnce.has(body.clientMessageId)) {
        failedOnce.add(body.clientMessageId);
        if (text === "/fail") json(res, 503, { error: { code: "unavailable", message: "Try again" } });
        else
          json(res, 429, {
            error: { code: "rate_limited", message: "You're sending messages too quickly." },
            retryAfter: 2,
          });
        return true;
      }
      if (text === "/slow") await new Promise((resolve) => setTimeout(resolve, 1500));
      const c = conversationFor(body.visitorId);
      // Idempotent on clientMessageId, as the real API is: a retried message is stored once.
      const existing = c.messages.find((m) => m.clientMessageId === body.clientMessageId);
      const fresh: Message[] = [];
      if (!existing) {
        fresh.push(add(c, { author: "shopper", text, clientMessageId: body.clientMessageId }));
        if (text === "/close") {
          c.status = "closed";
          fresh.push(add(c, { author: "system", text: "Conversation closed." }));
        } else if (text === "/agent") {
          c.status = "waiting";
          fresh.push(add(c, { author: "bot", text: "Connecting you with a person." }));
        } else if (text === "/html") {
          fresh.push(
            add(c, {
              author: "bot",
              text: '<img src=x onerror="window.__xss=1"> javascript:alert(1) https://example.com/track?o=1.',
            })
          );
        } else {
          fresh.push(
            add(c, {
              author: "bot",
              text: `You said: ${text}`,
              quickReplies: ["Track my order", "Talk to a person"],
            })
          );
        }
      }
      json(res, 200, { conversationId: c.id, status: c.status, messages: existing ? [existing] : fresh });
      return true;
    },
  };
  return api;
}

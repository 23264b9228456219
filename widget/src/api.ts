import type { Author, ChatResponse, ChatStatus, Message } from "./types";

/** What went wrong, in the terms the UI reacts to (retry button, countdown, counter, ...). */
export type ApiErrorKind = "offline" | "rate_limited" | "too_long" | "invalid" | "unauthorized" | "server";

export class ChatApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status = 0,
    /** Seconds to wait before retrying; only for `rate_limited`. */
    readonly retryAfter = 0
  ) {
    super(message);
    this.name = "ChatApiError";
  }
}

export interface SendInput {
  visitorId: string;
  clientMessageId: string;
  text: string;
}

export interface ChatApi {
  send(input: SendInput): Promise<ChatResponse>;
  /** Messages with an id greater than `after` (0 for the whole conversation). */
  history(visitorId: string, after: number): Promise<ChatResponse>;
  rate(visitorId: string, score: number, comment?: string): Promise<void>;
}

export interface ApiOptions {
  proxyPath: string;
  locale?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const AUTHORS: Author[] = ["shopper", "bot", "agent", "system"];
const STATUSES: ChatStatus[] = ["bot", "waiting", "assigned", "closed"];

function toMessage(value: unknown): Message | null {
  if (typeof value !== "object" || value === null) return null;
  const m = value as Record<string, unknown>;
  if (typeof m.id !== "number" || typeof m.text !== "string" || !AUTHORS.includes(m.author as Author)) return null;
  return {
    id: m.id,
    author: m.author as Author,
    text: m.text,
    createdAt: typeof m.createdAt === "string" ? m.createdAt : "",
    quickReplies: Array.isArray(m.quickReplies)
      ? m.quickReplies.filter((r): r is string => typeof r === "string")
      : undefined,
    clientMessageId: typeof m.clientMessageId === "string" ? m.clientMessageId : null,
    agentName: typeof m.agentName === "string" ? m.agentName : null,
  };
}

// The proxy is another team's code: a malformed answer must not break the page, only drop what is unusable.
function toChatResponse(body: unknown): ChatResponse {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const messages = Array.isArray(b.messages) ? b.messages.map(toMessage).filter((m): m is Message => !!m) : [];
  return {
    conversationId: typeof b.conversationId === "string" ? b.conversationId : null,
    status: STATUSES.includes(b.status as ChatStatus) ? (b.status as ChatStatus) : "bot",
    messages,
  };
}

function errorFor(status: number, body: unknown, headers: Headers): ChatApiError {
  const b = (typeof body === "object" && body !== null ? body : {}) as {
    error?: { code?: unknown; message?: unknown };
    retryAfter?: unknown;
  };
  const code = typeof b.error?.code === "string" ? b.error.code : "";
  const message = typeof b.error?.message === "string" ? b.error.message : "";
  if (status === 429) {
    const seconds = Number(b.retryAfter ?? headers.get("Retry-After"));
    // Bounded so a bad header can neither hammer the proxy nor leave the shopper waiting for an hour.
    const retryAfter = Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds), 300) : 5;
    return new ChatApiError("rate_limited", message, status, retryAfter);
  }
  if (code === "message_too_long") return new ChatApiError("too_long", message, status); // 400, or 413 for the body
  if (status === 401 || status === 403) return new ChatApiError("unauthorized", message, status);
  if (status >= 400 && status < 500) return new ChatApiError("invalid", message, status);
  return new ChatApiError("server", message, status);
}

/** Client for the App Proxy chat API; every request is same-origin to the storefront. */
export function createChatApi(options: ApiOptions): ChatApi {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 15_000;

  async function request(path: string, init: RequestInit): Promise<unknown> {
    const controller = typeof AbortController === "function" ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), timeoutMs) : null;
    let response: Response;
    try {
      response = await doFetch(options.proxyPath + path, {
        ...init,
        credentials: "same-origin",
        headers: { Accept: "application/json", ...(init.body ? { "Content-Type": "application/json" } : {}) },
        signal: controller?.signal,
      });
    } catch {
      // fetch rejects only when no HTTP answer arrived: no network, DNS, or our own timeout.
      throw new ChatApiError("offline", "");
    } finally {
      if (timer) clearTimeout(timer);
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    if (!response.ok) throw errorFor(response.status, body, response.headers);
    return body;
  }

  return {
    async send({ visitorId, clientMessageId, text }) {
      const body = { visitorId, clientMessageId, text, ...(options.locale ? { locale: options.locale } : {}) };
      return toChatResponse(await request("/chat", { method: "POST", body: JSON.stringify(body) }));
    },
    async history(visitorId, after) {
      // The locale lets a message the shop starts (proactive outreach) open in the shopper's language.
      const query = new URLSearchParams({ visitorId, after: String(after), ...(options.locale ? { locale: options.locale } : {}) });
      return toChatResponse(await request(`/chat?${query}`, { method: "GET", cache: "no-store" }));
    },
    async rate(visitorId, score, comment) {
      const body = { visitorId, score, ...(comment ? { comment } : {}) };
      await request("/chat/csat", { method: "POST", body: JSON.stringify(body) });
    },
  };
}

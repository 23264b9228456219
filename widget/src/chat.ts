import { ChatApiError, type ChatApi } from "./api";
import { MAX_MESSAGE_LENGTH } from "./config";
import { applyResponse, maxId, type Store } from "./store";

export interface ChatDeps {
  api: ChatApi;
  store: Store;
  uuid: () => string;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

/** Shopper actions and server sync, independent of how the conversation is drawn. */
export interface Chat {
  /** Queues a new message; returns false when it is empty or too long (the UI explains which). */
  send(text: string): boolean;
  /** Sends a failed message again with the same clientMessageId, so the server can deduplicate it. */
  retry(clientMessageId: string): void;
  /** Retries every message that failed for lack of network (on the browser's `online` event). */
  retryOffline(): void;
  /** Fetches the whole conversation once per page view. */
  loadHistory(): Promise<void>;
  /** Fetches what arrived since the newest message we hold; resolves false on failure. */
  poll(): Promise<boolean>;
  rate(score: number, comment?: string): Promise<boolean>;
  /** Everything currently held counts as read (the panel is open and showing it). */
  markSeen(): void;
  visitorId(): string;
}

/** Creates the chat controller; sends go out one at a time so the bot sees messages in the order typed. */
export function createChat({ api, store, uuid, now = Date.now, setTimer = setTimeout }: ChatDeps): Chat {
  let queue: Promise<void> = Promise.resolve();
  let polling: Promise<boolean> | null = null;

  function visitorId(): string {
    let id = store.get().visitorId;
    if (!id) {
      id = uuid();
      const created = id;
      store.update((s) => ({ ...s, visitorId: created }));
    }
    return id;
  }

  async function deliver(clientMessageId: string): Promise<void> {
    const item = store.get().outbox.find((o) => o.clientMessageId === clientMessageId);
    if (!item) return;
    store.update((s) => ({
      ...s,
      outbox: s.outbox.map((o) =>
        o.clientMessageId === clientMessageId ? { clientMessageId, text: o.text, state: "sending" } : o
      ),
    }));
    try {
      const response = await api.send({ visitorId: visitorId(), clientMessageId, text: item.text });
      store.update((s) => {
        const next = applyResponse(s, response);
        // The server's copy normally carries our clientMessageId; if it does not, the 200 still confirms it.
        return { ...next, outbox: next.outbox.filter((o) => o.clientMessageId !== clientMessageId) };
      });
    } catch (error) {
      const e = error instanceof ChatApiError ? error : new ChatApiError("server", "");
      const retryAt = e.kind === "rate_limited" ? now() + e.retryAfter * 1000 : undefined;
      store.update((s) => ({
        ...s,
        outbox: s.outbox.map((o) =>
          o.clientMessageId === clientMessageId
            ? { clientMessageId, text: o.text, state: "failed", error: { kind: e.kind, message: e.message }, retryAt }
            : o
        ),
      }));
      if (retryAt !== undefined) setTimer(() => retry(clientMessageId), retryAt - now());
    }
  }

  function enqueue(clientMessageId: string): void {
    queue = queue.then(() => deliver(clientMessageId));
  }

  function retry(clientMessageId: string): void {
    const item = store.get().outbox.find((o) => o.clientMessageId === clientMessageId);
    // Ignore a second click, or the 429 timer firing after a manual retry already went through.
    if (!item || item.state !== "failed") return;
    store.update((s) => ({
      ...s,
      outbox: s.outbox.map((o) =>
        o.clientMessageId === clientMessageId ? { clientMessageId, text: o.text, state: "sending" } : o
      ),
    }));
    enqueue(clientMessageId);
  }

  return {
    send(raw) {
      const text = raw.trim();
      if (!text || text.length > MAX_MESSAGE_LENGTH) return false;
      const clientMessageId = uuid();
      store.update((s) => ({ ...s, outbox: [...s.outbox, { clientMessageId, text, state: "sending" }] }));
      enqueue(clientMessageId);
      return true;
    },
    retry,
    retryOffline() {
      for (const o of store.get().outbox) if (o.error?.kind === "offline") retry(o.clientMessageId);
    },
    async loadHistory() {
      const s = store.get();
      if (s.historyLoaded || !s.visitorId) {
        if (!s.historyLoaded) store.update((x) => ({ ...x, historyLoaded: true }));
        return;
      }
      try {
        const response = await api.history(s.visitorId, 0);
        store.update((x) => ({ ...applyResponse(x, response), historyLoaded: true, loadError: false }));
      } catch {
        store.update((x) => ({ ...x, loadError: true }));
      }
    },
    poll() {
      const s = store.get();
      if (!s.visitorId) return Promise.resolve(true);
      // While closed and before the history is loaded, only what came after the last seen message matters.
      const after = maxId(s.messages) || (s.historyLoaded ? 0 : s.lastSeenId);
      polling ??= api
        .history(s.visitorId, after)
        .then((response) => {
          store.update((x) => applyResponse(x, response));
          return true;
        })
        .catch(() => false)
        .finally(() => {
          polling = null;
        });
      return polling;
    },
    async rate(score, comment) {
      const s = store.get();
      if (!s.visitorId) return false;
      try {
        await api.rate(s.visitorId, score, comment);
        store.update((x) => ({ ...x, ratedConversationId: s.conversationId }));
        return true;
      } catch {
        return false;
      }
    },
    markSeen() {
      store.update((s) => {
        const id = maxId(s.messages);
        return id > s.lastSeenId ? { ...s, lastSeenId: id } : s;
      });
    },
    visitorId,
  };
}

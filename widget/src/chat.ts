import { ChatApiError, type ApiErrorKind, type ChatApi } from "./api";
import { MAX_MESSAGE_LENGTH } from "./config";
import { applyResponse, maxId, type Store } from "./store";

// Failures that may pass by themselves (no network, a 5xx) are retried automatically, further apart each time.
const TRANSIENT: ApiErrorKind[] = ["offline", "server"];
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

export interface ChatDeps {
  api: ChatApi;
  store: Store;
  uuid: () => string;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Shopper actions and server sync, independent of how the conversation is drawn. */
export interface Chat {
  /** Queues a new message; returns false when it is empty or too long (the UI explains which). */
  send(text: string): boolean;
  /** Sends a failed message again with the same clientMessageId, so the server can deduplicate it. */
  retry(clientMessageId: string): void;
  /** Retries every message that failed for lack of network (on the browser's `online` event). */
  retryOffline(): void;
  /**
   * Picks up the outbox restored from storage after a reload or navigation: what was still sending or failed for
   * a passing reason goes out again (same clientMessageId, so the server stores it once), a 429 waits its turn.
   */
  resume(): void;
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
export function createChat({
  api,
  store,
  uuid,
  now = Date.now,
  setTimer = setTimeout,
  clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}: ChatDeps): Chat {
  let queue: Promise<void> = Promise.resolve();
  let polling: Promise<boolean> | null = null;
  /** Automatic retries so far per message in this page view, for the backoff. */
  const attempts = new Map<string, number>();
  const timers = new Map<string, unknown>();

  /** One pending automatic retry per message: a manual Retry that fails again replaces it instead of adding one. */
  function retryLater(clientMessageId: string, ms: number): void {
    if (timers.has(clientMessageId)) clearTimer(timers.get(clientMessageId));
    timers.set(
      clientMessageId,
      setTimer(() => {
        timers.delete(clientMessageId);
        retry(clientMessageId);
      }, ms)
    );
  }

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
      const attempt = (attempts.get(clientMessageId) ?? 0) + 1;
      attempts.set(clientMessageId, attempt);
      store.update((s) => ({
        ...s,
        outbox: s.outbox.map((o) =>
          o.clientMessageId === clientMessageId
            ? { clientMessageId, text: o.text, state: "failed", error: { kind: e.kind, message: e.message }, retryAt }
            : o
        ),
      }));
      if (retryAt !== undefined) retryLater(clientMessageId, retryAt - now());
      else if (TRANSIENT.includes(e.kind)) {
        retryLater(clientMessageId, Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS));
      }
      return;
    }
    attempts.delete(clientMessageId);
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
      // The visitor id first: the outbox is only persisted for a known visitor, and this message must survive a reload.
      visitorId();
      const clientMessageId = uuid();
      store.update((s) => ({ ...s, outbox: [...s.outbox, { clientMessageId, text, state: "sending" }] }));
      enqueue(clientMessageId);
      return true;
    },
    retry,
    retryOffline() {
      for (const o of store.get().outbox) if (o.error?.kind === "offline") retry(o.clientMessageId);
    },
    resume() {
      for (const o of store.get().outbox) {
        const id = o.clientMessageId;
        if (o.state === "sending") enqueue(id); // the page went away mid-request: it may or may not have arrived
        else if (o.retryAt !== undefined) retryLater(id, Math.max(0, o.retryAt - now()));
        else if (o.error && TRANSIENT.includes(o.error.kind)) retry(id);
      }
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

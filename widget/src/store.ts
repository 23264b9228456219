import type { ApiErrorKind } from "./api";
import type { ChatResponse, ChatStatus, Message } from "./types";

/** A shopper message the server has not confirmed yet; it keeps its id so a retry cannot duplicate it. */
export interface Outgoing {
  clientMessageId: string;
  text: string;
  state: "sending" | "failed";
  error?: { kind: ApiErrorKind; message: string };
  /** Epoch ms of the automatic retry after a 429, for the countdown. */
  retryAt?: number;
}

export interface ChatState {
  visitorId: string | null;
  conversationId: string | null;
  status: ChatStatus;
  /** Confirmed messages, unique by id, ascending. */
  messages: Message[];
  outbox: Outgoing[];
  open: boolean;
  lastSeenId: number;
  ratedConversationId: string | null;
  historyLoaded: boolean;
  loadError: boolean;
}

/** The part that survives navigation and reloads. */
type Persisted = Pick<
  ChatState,
  "visitorId" | "conversationId" | "open" | "lastSeenId" | "ratedConversationId" | "outbox"
>;

// A runaway outbox (hours offline, a stuck API) must not fill the storage quota the theme shares with us.
const MAX_STORED_OUTBOX = 20;
const OUTBOX_STATES: Outgoing["state"][] = ["sending", "failed"];
const ERROR_KINDS: ApiErrorKind[] = ["offline", "rate_limited", "too_long", "invalid", "unauthorized", "server"];

export type StorageLike = Pick<Storage, "getItem" | "setItem">;

export const initialState: ChatState = {
  visitorId: null,
  conversationId: null,
  status: "bot",
  messages: [],
  outbox: [],
  open: false,
  lastSeenId: 0,
  ratedConversationId: null,
  historyLoaded: false,
  loadError: false,
};

/** Adds incoming messages to the list: a message seen twice (poll racing a send) is kept once, newest copy wins. */
export function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Highest confirmed message id, 0 when there is none. */
export function maxId(messages: Message[]): number {
  return messages.length ? messages[messages.length - 1].id : 0;
}

/** Applies an API answer: merges messages and drops outbox entries the server has now stored. */
export function applyResponse(state: ChatState, response: ChatResponse): ChatState {
  const messages = mergeMessages(state.messages, response.messages);
  const confirmed = new Set(response.messages.map((m) => m.clientMessageId).filter(Boolean));
  return {
    ...state,
    messages,
    outbox: confirmed.size ? state.outbox.filter((o) => !confirmed.has(o.clientMessageId)) : state.outbox,
    conversationId: response.conversationId,
    status: response.status,
  };
}

/** Replies the shopper has not seen yet (their own messages never count). */
export function unreadCount(state: ChatState): number {
  return state.messages.filter((m) => m.id > state.lastSeenId && m.author !== "shopper").length;
}

/** The 1-5 rating prompt shows once per ended conversation. */
export function needsRating(state: ChatState): boolean {
  return state.status === "closed" && !!state.conversationId && state.ratedConversationId !== state.conversationId;
}

export interface Store {
  get(): ChatState;
  /** Writes the persisted fields even if unchanged (another tab may have overwritten them); for `pagehide`. */
  flush(): void;
  update(change: (state: ChatState) => ChatState): void;
  subscribe(listener: (state: ChatState) => void): () => void;
}

// Stored values come from an older widget version or another script on the page: keep only well-formed entries.
function toOutgoing(value: unknown): Outgoing | null {
  if (typeof value !== "object" || value === null) return null;
  const o = value as Record<string, unknown>;
  if (typeof o.clientMessageId !== "string" || typeof o.text !== "string") return null;
  if (!OUTBOX_STATES.includes(o.state as Outgoing["state"])) return null;
  const item: Outgoing = { clientMessageId: o.clientMessageId, text: o.text, state: o.state as Outgoing["state"] };
  const error = o.error as Record<string, unknown> | undefined;
  if (error && ERROR_KINDS.includes(error.kind as ApiErrorKind)) {
    item.error = { kind: error.kind as ApiErrorKind, message: typeof error.message === "string" ? error.message : "" };
  }
  if (typeof o.retryAt === "number") item.retryAt = o.retryAt;
  return item;
}

function load(storage: StorageLike | null, key: string): Partial<Persisted> {
  try {
    const raw = storage?.getItem(key);
    const value = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    return {
      visitorId: typeof value.visitorId === "string" ? value.visitorId : null,
      conversationId: typeof value.conversationId === "string" ? value.conversationId : null,
      open: value.open === true,
      lastSeenId: typeof value.lastSeenId === "number" ? value.lastSeenId : 0,
      ratedConversationId: typeof value.ratedConversationId === "string" ? value.ratedConversationId : null,
      outbox: Array.isArray(value.outbox) ? value.outbox.map(toOutgoing).filter((o): o is Outgoing => !!o) : [],
    };
  } catch {
    // Blocked storage (privacy modes, sandboxed frames) or a corrupt value: start fresh rather than fail.
    return {};
  }
}

/** State container that persists the navigation-surviving fields to `storage` under `key`. */
export function createStore(storage: StorageLike | null, key: string): Store {
  let state: ChatState = { ...initialState, ...load(storage, key) };
  const listeners = new Set<(state: ChatState) => void>();
  let saved = "";
  const persist = (force = false) => {
    const { visitorId, conversationId, open, lastSeenId, ratedConversationId } = state;
    // Nothing is written for a visitor who never opened the chat.
    if (!visitorId) return;
    // Unsent messages survive a reload or navigation and are sent again with the same clientMessageId.
    const outbox = state.outbox.slice(-MAX_STORED_OUTBOX);
    const value = JSON.stringify({ visitorId, conversationId, open, lastSeenId, ratedConversationId, outbox });
    if (value === saved && !force) return;
    saved = value;
    try {
      storage?.setItem(key, value);
    } catch {
      // Quota or blocked storage: the chat keeps working for this page view.
    }
  };
  return {
    get: () => state,
    flush: () => persist(true),
    update(change) {
      const next = change(state);
      if (next === state) return;
      state = next;
      persist();
      for (const listener of listeners) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

import { describe, expect, it } from "vitest";
import { applyResponse, createStore, initialState, mergeMessages, needsRating, unreadCount } from "./store";
import type { Message } from "./types";

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

const msg = (id: number, author: Message["author"] = "bot", extra: Partial<Message> = {}): Message => ({
  id,
  author,
  text: `m${id}`,
  createdAt: "",
  ...extra,
});

describe("chat store", () => {
  it("keeps the visitor, open state and last seen message across page loads", () => {
    const storage = memoryStorage();
    const first = createStore(storage, "shopdesk-chat:shop");
    first.update((s) => ({ ...s, visitorId: "v1", open: true, lastSeenId: 12, conversationId: "c1" }));
    const afterReload = createStore(storage, "shopdesk-chat:shop").get();
    expect(afterReload).toMatchObject({ visitorId: "v1", open: true, lastSeenId: 12, conversationId: "c1" });
    // Messages are fetched again on load, never read from storage.
    expect(afterReload.messages).toEqual([]);
  });

  it("keeps unsent messages, with their client ids and state, across page loads", () => {
    const storage = memoryStorage();
    const first = createStore(storage, "k");
    first.update((s) => ({
      ...s,
      visitorId: "v1",
      outbox: [
        { clientMessageId: "a", text: "still sending", state: "sending" },
        { clientMessageId: "b", text: "failed", state: "failed", error: { kind: "server", message: "" } },
      ],
    }));
    expect(createStore(storage, "k").get().outbox).toEqual([
      { clientMessageId: "a", text: "still sending", state: "sending" },
      { clientMessageId: "b", text: "failed", state: "failed", error: { kind: "server", message: "" } },
    ]);
    first.update((s) => ({ ...s, outbox: [] }));
    expect(createStore(storage, "k").get().outbox).toEqual([]);
  });

  it("drops stored outbox entries it does not understand", () => {
    const storage = memoryStorage();
    storage.setItem(
      "k",
      JSON.stringify({
        visitorId: "v1",
        outbox: [
          { clientMessageId: "a", text: "ok", state: "failed", error: { kind: "teapot" }, retryAt: 5 },
          { clientMessageId: 7, text: "bad id", state: "failed" },
          { clientMessageId: "c", text: "bad state", state: "delivered" },
          null,
        ],
      })
    );
    expect(createStore(storage, "k").get().outbox).toEqual([
      { clientMessageId: "a", text: "ok", state: "failed", retryAt: 5 },
    ]);
  });

  it("writes its outbox again on flush after another tab overwrote the stored value", () => {
    const storage = memoryStorage();
    const store = createStore(storage, "k");
    store.update((s) => ({ ...s, visitorId: "v1", outbox: [{ clientMessageId: "a", text: "hi", state: "sending" }] }));
    storage.setItem("k", JSON.stringify({ visitorId: "v1", outbox: [] }));
    store.flush();
    expect(
      createStore(storage, "k")
        .get()
        .outbox.map((o) => o.clientMessageId)
    ).toEqual(["a"]);
  });

  it("writes nothing for a visitor who never opened the chat", () => {
    const storage = memoryStorage();
    createStore(storage, "k").update((s) => ({ ...s, open: false, lastSeenId: 3 }));
    expect(storage.data.size).toBe(0);
  });

  it("starts fresh when storage is blocked or holds garbage", () => {
    const throwing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceeded");
      },
    };
    const store = createStore(throwing, "k");
    expect(store.get()).toEqual(initialState);
    expect(() => store.update((s) => ({ ...s, visitorId: "v" }))).not.toThrow();
    const garbage = memoryStorage();
    garbage.setItem("k", "{not json");
    expect(createStore(garbage, "k").get().visitorId).toBeNull();
  });

  it("notifies subscribers only when the state changes", () => {
    const store = createStore(null, "k");
    let calls = 0;
    store.subscribe(() => calls++);
    store.update((s) => s);
    store.update((s) => ({ ...s, open: true }));
    expect(calls).toBe(1);
  });
});

describe("merging messages", () => {
  it("keeps each message once when a poll overlaps what a send already returned", () => {
    const merged = mergeMessages([msg(1, "shopper"), msg(2)], [msg(2), msg(3)]);
    expect(merged.map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it("puts older history before newer messages whatever order they arrive in", () => {
    expect(mergeMessages([msg(5), msg(6)], [msg(1), msg(2), msg(5)]).map((m) => m.id)).toEqual([1, 2, 5, 6]);
  });

  it("drops a pending message once the server's copy with its client id arrives", () => {
    const state = {
      ...initialState,
      outbox: [
        { clientMessageId: "a", text: "hi", state: "sending" as const },
        { clientMessageId: "b", text: "later", state: "sending" as const },
      ],
    };
    const next = applyResponse(state, {
      conversationId: "c1",
      status: "bot",
      messages: [msg(1, "shopper", { clientMessageId: "a", text: "hi" }), msg(2)],
    });
    expect(next.outbox.map((o) => o.clientMessageId)).toEqual(["b"]);
    expect(next.messages.map((m) => m.id)).toEqual([1, 2]);
    expect(next.conversationId).toBe("c1");
  });

  it("counts unread replies but never the shopper's own messages", () => {
    const state = {
      ...initialState,
      lastSeenId: 2,
      messages: [msg(1), msg(2), msg(3, "shopper"), msg(4), msg(5, "agent")],
    };
    expect(unreadCount(state)).toBe(2);
  });

  it("asks for a rating once per closed conversation", () => {
    const closed = { ...initialState, status: "closed" as const, conversationId: "c1" };
    expect(needsRating(closed)).toBe(true);
    expect(needsRating({ ...closed, ratedConversationId: "c1" })).toBe(false);
    expect(needsRating({ ...closed, status: "assigned" })).toBe(false);
  });
});

import { describe, expect, it, vi } from "vitest";
import { ChatApiError, type ChatApi, type SendInput } from "./api";
import { createChat } from "./chat";
import { createStore } from "./store";
import type { ChatResponse } from "./types";

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

function reply(input: SendInput, id: number): ChatResponse {
  return {
    conversationId: "c1",
    status: "bot",
    messages: [
      { id, author: "shopper", text: input.text, createdAt: "", clientMessageId: input.clientMessageId },
      { id: id + 1, author: "bot", text: `re: ${input.text}`, createdAt: "" },
    ],
  };
}

function setup(send: (input: SendInput) => Promise<ChatResponse>, storage = memoryStorage()) {
  const store = createStore(storage, "k");
  let n = 0;
  const api: ChatApi = {
    send: vi.fn(send),
    history: vi.fn(async () => ({ conversationId: "c1", status: "bot" as const, messages: [] })),
    rate: vi.fn(async () => undefined),
  };
  const timers: { fn: () => void; ms: number; cleared?: boolean }[] = [];
  const chat = createChat({
    api,
    store,
    uuid: () => `id-${++n}`,
    now: () => 1_000,
    setTimer: (fn, ms) => timers.push({ fn, ms }) - 1,
    clearTimer: (index) => void (timers[index as number].cleared = true),
  });
  return { store, api, chat, timers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("sending messages", () => {
  it("keeps a failed message's text and id, and a retry re-sends that same id", async () => {
    let fail = true;
    const { store, api, chat } = setup(async (input) => {
      if (fail) throw new ChatApiError("server", "", 502);
      return reply(input, 1);
    });
    chat.send("  where is my order?  ");
    await settle();
    const [failed] = store.get().outbox;
    expect(failed).toMatchObject({ state: "failed", text: "where is my order?", error: { kind: "server" } });

    fail = false;
    chat.retry(failed.clientMessageId);
    await settle();
    const calls = vi.mocked(api.send).mock.calls.map(([input]) => input.clientMessageId);
    expect(calls).toEqual([failed.clientMessageId, failed.clientMessageId]);
    expect(store.get().outbox).toEqual([]);
    expect(store.get().messages.map((m) => m.text)).toEqual(["where is my order?", "re: where is my order?"]);
  });

  it("retries by itself after a 429, with the same id, when the server says to", async () => {
    let calls = 0;
    const { store, api, chat, timers } = setup(async (input) => {
      if (++calls === 1) throw new ChatApiError("rate_limited", "Slow down", 429, 4);
      return reply(input, 1);
    });
    chat.send("hello");
    await settle();
    expect(store.get().outbox[0]).toMatchObject({ state: "failed", retryAt: 5_000, error: { kind: "rate_limited" } });
    expect(timers.map((t) => t.ms)).toEqual([4_000]);
    timers[0].fn();
    await settle();
    const ids = vi.mocked(api.send).mock.calls.map(([input]) => input.clientMessageId);
    expect(ids[0]).toBe(ids[1]);
    expect(store.get().outbox).toEqual([]);
  });

  it("sends one message at a time, in the order typed", async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const { chat } = setup(async (input) => {
      order.push(`start ${input.text}`);
      if (input.text === "first") await new Promise<void>((resolve) => (release = resolve));
      order.push(`end ${input.text}`);
      return reply(input, input.text === "first" ? 1 : 3);
    });
    chat.send("first");
    chat.send("second");
    await settle();
    expect(order).toEqual(["start first"]);
    release();
    await settle();
    expect(order).toEqual(["start first", "end first", "start second", "end second"]);
  });

  it("refuses empty and over-long text without calling the server", async () => {
    const { chat, api } = setup(async (input) => reply(input, 1));
    expect(chat.send("   ")).toBe(false);
    expect(chat.send("x".repeat(2001))).toBe(false);
    expect(chat.send("x".repeat(2000))).toBe(true);
    await settle();
    expect(api.send).toHaveBeenCalledTimes(1);
  });

  it("does not send twice when Retry is pressed twice", async () => {
    let fail = true;
    const { store, api, chat } = setup(async (input) => {
      if (fail) throw new ChatApiError("offline", "");
      return reply(input, 1);
    });
    chat.send("hi");
    await settle();
    fail = false;
    const id = store.get().outbox[0].clientMessageId;
    chat.retry(id);
    chat.retry(id);
    await settle();
    expect(api.send).toHaveBeenCalledTimes(2);
  });
});

describe("unsent messages after a reload or navigation", () => {
  function storageWith(outbox: unknown[]) {
    const storage = memoryStorage();
    storage.setItem("k", JSON.stringify({ visitorId: "v1", conversationId: "c1", open: true, lastSeenId: 0, outbox }));
    return storage;
  }

  it("sends again, with the same id, a message that was still sending when the page went away", async () => {
    const storage = storageWith([{ clientMessageId: "kept", text: "hello?", state: "sending" }]);
    const { store, api, chat } = setup(async (input) => reply(input, 1), storage);
    expect(store.get().outbox).toMatchObject([{ clientMessageId: "kept", text: "hello?" }]);
    chat.resume();
    await settle();
    expect(vi.mocked(api.send).mock.calls.map(([input]) => input)).toEqual([
      { visitorId: "v1", clientMessageId: "kept", text: "hello?" },
    ]);
    expect(store.get().outbox).toEqual([]);
    expect(store.get().messages.map((m) => m.clientMessageId)).toContain("kept");
  });

  it("sends again a message that failed for lack of network or a server error, and waits out a 429", async () => {
    const storage = storageWith([
      { clientMessageId: "offline", text: "a", state: "failed", error: { kind: "offline", message: "" } },
      {
        clientMessageId: "limited",
        text: "b",
        state: "failed",
        error: { kind: "rate_limited", message: "" },
        retryAt: 4_000,
      },
      { clientMessageId: "server", text: "c", state: "failed", error: { kind: "server", message: "" } },
      { clientMessageId: "long", text: "d", state: "failed", error: { kind: "too_long", message: "" } },
    ]);
    let id = 1;
    const { store, api, chat, timers } = setup(async (input) => reply(input, (id += 2)), storage);
    chat.resume();
    await settle();
    expect(vi.mocked(api.send).mock.calls.map(([input]) => input.clientMessageId)).toEqual(["offline", "server"]);
    expect(timers.map((t) => t.ms)).toEqual([3_000]);
    timers[0].fn();
    await settle();
    expect(vi.mocked(api.send).mock.calls.map(([input]) => input.clientMessageId)).toContain("limited");
    // A message the server refused as too long cannot succeed by sending it again: it stays for the shopper to see.
    expect(store.get().outbox.map((o) => o.clientMessageId)).toEqual(["long"]);
  });

  it("keeps retrying a message while the API fails, further apart each time, with one timer at a time", async () => {
    let fail = true;
    const { store, api, chat, timers } = setup(async (input) => {
      if (fail) throw new ChatApiError("server", "", 503);
      return reply(input, 1);
    });
    chat.send("anyone there?");
    await settle();
    const pending = () => timers.filter((t) => !t.cleared);
    // A timer that has fired is spent, like a real one.
    const fire = () => {
      const [timer] = pending();
      timer.cleared = true;
      timer.fn();
    };
    expect(pending().map((t) => t.ms)).toEqual([5_000]);
    fire();
    await settle();
    expect(pending().map((t) => t.ms)).toEqual([10_000]);
    // A manual Retry that fails too replaces the scheduled one rather than adding a second.
    chat.retry(store.get().outbox[0].clientMessageId);
    await settle();
    expect(pending().map((t) => t.ms)).toEqual([20_000]);
    fail = false;
    fire();
    await settle();
    expect(store.get().outbox).toEqual([]);
    const ids = new Set(vi.mocked(api.send).mock.calls.map(([input]) => input.clientMessageId));
    expect(ids.size).toBe(1);
  });
});

describe("syncing with the server", () => {
  it("polls for what came after the newest message it holds", async () => {
    const { store, api, chat } = setup(async (input) => reply(input, 10));
    chat.send("hi");
    await settle();
    await chat.poll();
    expect(vi.mocked(api.history).mock.calls[0]).toEqual([store.get().visitorId, 11]);
  });

  it("polls from the last seen message while the history is not loaded, to count unread replies", async () => {
    const storage = memoryStorage();
    storage.setItem("k", JSON.stringify({ visitorId: "v1", conversationId: "c1", open: false, lastSeenId: 7 }));
    const store = createStore(storage, "k");
    const history = vi.fn(async () => ({ conversationId: "c1", status: "assigned" as const, messages: [] }));
    const chat = createChat({ api: { send: vi.fn(), history, rate: vi.fn() }, store, uuid: () => "x" });
    await chat.poll();
    expect(history).toHaveBeenCalledWith("v1", 7);
  });

  it("does not call the server for a visitor who never wrote", async () => {
    const { api, chat } = setup(async (input) => reply(input, 1));
    await chat.poll();
    await chat.loadHistory();
    expect(api.history).not.toHaveBeenCalled();
  });
});

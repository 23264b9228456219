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

function setup(send: (input: SendInput) => Promise<ChatResponse>) {
  const store = createStore(memoryStorage(), "k");
  let n = 0;
  const api: ChatApi = {
    send: vi.fn(send),
    history: vi.fn(async () => ({ conversationId: "c1", status: "bot" as const, messages: [] })),
    rate: vi.fn(async () => undefined),
  };
  const timers: { fn: () => void; ms: number }[] = [];
  const chat = createChat({
    api,
    store,
    uuid: () => `id-${++n}`,
    now: () => 1_000,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
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

import { describe, expect, it } from "vitest";
import { BEAT_MS, createBus, createElection, TIMEOUT_MS, type Bus, type BusMessage, type Election } from "./leader";

/** Fake clock and timers shared by all tabs, advanced by hand. */
function fakeTime() {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => void timers.push({ at: now + ms, fn }),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
  };
}

/** Tabs of one origin: a message posted by one reaches every other, synchronously, unless that tab closed. */
function fakeTabs() {
  const time = fakeTime();
  const tabs: { id: string; listeners: ((m: BusMessage) => void)[]; closed: boolean; visible: boolean }[] = [];
  const elections = new Map<string, Election>();
  const changes: string[] = [];

  function open(id: string, { visible = true } = {}) {
    const tab = { id, listeners: [] as ((m: BusMessage) => void)[], closed: false, visible };
    tabs.push(tab);
    const bus: Bus = {
      post: (message) => {
        if (tab.closed) return;
        for (const other of tabs) if (other !== tab && !other.closed) other.listeners.forEach((l) => l(message));
      },
      listen: (listener) => void tab.listeners.push(listener),
    };
    const election = createElection({
      bus,
      id,
      visible: () => tab.visible,
      onChange: (leading) => changes.push(`${id} ${leading ? "leads" : "follows"}`),
      now: time.now,
      random: () => 0.5,
      setTimer: time.setTimer,
    });
    elections.set(id, election);
    election.claim(); // as the loader does once it is wired
    return { election, tab };
  }

  const leaders = () => [...elections].filter(([id, e]) => e.leading() && !tabs.find((t) => t.id === id)!.closed);
  return { time, open, leaders: () => leaders().map(([id]) => id), changes };
}

describe("one poller for several tabs", () => {
  it("lets the newest tab lead and the others follow", () => {
    const { open, leaders, time } = fakeTabs();
    open("a");
    expect(leaders()).toEqual(["a"]);
    time.advance(100);
    open("b");
    expect(leaders()).toEqual(["b"]);
    time.advance(10 * BEAT_MS);
    expect(leaders()).toEqual(["b"]);
  });

  it("hands the lead to the tab the shopper comes back to", () => {
    const { open, leaders, time } = fakeTabs();
    const a = open("a");
    time.advance(100);
    open("b");
    a.election.claim(); // visibilitychange or focus in a
    expect(leaders()).toEqual(["a"]);
    time.advance(10 * BEAT_MS);
    expect(leaders()).toEqual(["a"]);
  });

  it("takes over at once when the leader closes and says goodbye", () => {
    const { open, leaders, time } = fakeTabs();
    open("a");
    time.advance(100);
    const b = open("b");
    b.election.resign(); // pagehide
    b.tab.closed = true;
    time.advance(200);
    expect(leaders()).toEqual(["a"]);
  });

  it("takes over within a few seconds when the leader vanishes without a word", () => {
    const { open, leaders, time } = fakeTabs();
    open("a");
    time.advance(100);
    const b = open("b");
    time.advance(5 * BEAT_MS);
    b.tab.closed = true; // crashed, or killed by the OS
    time.advance(TIMEOUT_MS - 100);
    expect(leaders()).toEqual([]);
    time.advance(BEAT_MS + 100);
    expect(leaders()).toEqual(["a"]);
  });

  it("never lets a hidden tab lead, and frees the lead when the leader is hidden", () => {
    const { open, leaders, time } = fakeTabs();
    const a = open("a");
    time.advance(100);
    const hiddenAtStart = open("b", { visible: false });
    expect(leaders()).toEqual(["a"]);
    time.advance(100);
    a.tab.visible = false;
    a.election.resign(); // visibilitychange to hidden
    time.advance(TIMEOUT_MS * 3);
    expect(leaders()).toEqual([]);
    hiddenAtStart.tab.visible = true;
    hiddenAtStart.election.claim();
    expect(leaders()).toEqual(["b"]);
  });

  it("settles on the later claim when two tabs both believe they lead", () => {
    const { open, leaders, time } = fakeTabs();
    const a = open("a");
    const b = open("b");
    // a's claim is lost on the way (a storage write over quota), so both believe they lead.
    a.tab.closed = true;
    a.election.claim();
    a.tab.closed = false;
    expect(leaders().sort()).toEqual(["a", "b"]);
    time.advance(BEAT_MS);
    expect(leaders()).toEqual(["a"]);
    time.advance(10 * BEAT_MS);
    expect(leaders()).toEqual(["a"]);
  });

  it("leads alone when there is no way to reach other tabs", () => {
    const changes: boolean[] = [];
    const election = createElection({ bus: null, id: "a", visible: () => false, onChange: (l) => changes.push(l) });
    expect(election.leading()).toBe(false);
    election.claim();
    expect(election.leading()).toBe(true);
    election.resign();
    expect(election.leading()).toBe(true);
    expect(changes).toEqual([true]);
  });
});

describe("the bus between tabs", () => {
  function fakeWindow(withChannel: boolean) {
    const storageListeners: ((e: Partial<StorageEvent>) => void)[] = [];
    const written: [string, string][] = [];
    const channels: { name: string; posted: unknown[]; onmessage: ((e: { data: unknown }) => void) | null }[] = [];
    class FakeChannel {
      posted: unknown[] = [];
      onmessage: ((e: { data: unknown }) => void) | null = null;
      constructor(readonly name: string) {
        channels.push(this);
      }
      postMessage(data: unknown) {
        this.posted.push(data);
      }
    }
    const win = {
      addEventListener: (type: string, fn: (e: Partial<StorageEvent>) => void) => {
        if (type === "storage") storageListeners.push(fn);
      },
      BroadcastChannel: withChannel ? (FakeChannel as unknown as typeof BroadcastChannel) : undefined,
    };
    const storage = { setItem: (k: string, v: string) => void written.push([k, v]) };
    return { win: win as unknown as Window, storage, written, channels, storageListeners };
  }

  const hello: BusMessage = { t: "claim", id: "a", at: 1 };

  it("uses a BroadcastChannel where there is one", () => {
    const { win, storage, written, channels } = fakeWindow(true);
    const bus = createBus(win, "shopdesk-chat:shop:tabs", storage)!;
    const received: BusMessage[] = [];
    bus.listen((m) => received.push(m));
    bus.post(hello);
    expect(channels[0].name).toBe("shopdesk-chat:shop:tabs");
    expect(channels[0].posted).toEqual([hello]);
    expect(written).toEqual([]);
    channels[0].onmessage?.({ data: hello });
    expect(received).toEqual([hello]);
  });

  it("falls back to storage events, writing a changed value for every message", () => {
    const { win, storage, written, storageListeners } = fakeWindow(false);
    const bus = createBus(win, "k:tabs", storage)!;
    const received: BusMessage[] = [];
    bus.listen((m) => received.push(m));
    bus.post(hello);
    bus.post(hello);
    expect(written.map(([k]) => k)).toEqual(["k:tabs", "k:tabs"]);
    expect(written[0][1]).not.toBe(written[1][1]);
    for (const listener of storageListeners) {
      listener({ key: "k:tabs", newValue: written[0][1] });
      listener({ key: "other", newValue: written[0][1] });
      listener({ key: "k:tabs", newValue: "{not json" });
    }
    expect(received).toEqual([hello]);
  });

  it("gives up, so each tab polls for itself, when storage is blocked too", () => {
    const { win } = fakeWindow(false);
    expect(createBus(win, "k:tabs", null)).toBeNull();
  });
});

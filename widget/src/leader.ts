// One poller for all of a shopper's tabs. The chat API allows 90 polls a minute per visitor, and every open tab
// polling every 1.5 s would exceed it with three tabs. So the tabs elect a leader that polls and shares what it
// receives; the others only listen. The tab the shopper is looking at takes the lead (it becomes visible, gets
// focus, opens the panel), so its replies still arrive within one poll interval. A hidden tab never leads: it would
// not poll anyway (the poller pauses while hidden), and leaving frees the lead for a visible tab at once.
import type { ChatResponse } from "./types";

/** A claim on the lead; the later claim wins, ties go to the greater tab id. */
interface Claim {
  id: string;
  at: number;
}

export type BusMessage =
  | ({ t: "claim" | "beat" | "bye" } & Claim)
  | { t: "data"; visitorId: string; response: ChatResponse; seen: number };

/** Messages between the tabs of one storefront origin; a tab never receives its own. */
export interface Bus {
  post(message: BusMessage): void;
  listen(listener: (message: BusMessage) => void): void;
}

type BusWindow = Pick<Window, "addEventListener"> & {
  BroadcastChannel?: typeof BroadcastChannel;
  localStorage?: Pick<Storage, "setItem">;
};

/**
 * A BroadcastChannel, or where there is none (old Safari) the `storage` event of a localStorage key, which fires in
 * every other tab of the origin. Null when neither works (blocked storage): each tab then polls for itself.
 */
export function createBus(win: BusWindow, name: string, storage: Pick<Storage, "setItem"> | null): Bus | null {
  const listeners: ((message: BusMessage) => void)[] = [];
  const emit = (message: BusMessage) => listeners.forEach((listener) => listener(message));
  const listen = (listener: (message: BusMessage) => void) => void listeners.push(listener);
  if (typeof win.BroadcastChannel === "function") {
    const channel = new win.BroadcastChannel(name);
    channel.onmessage = (event) => emit(event.data as BusMessage);
    return { post: (message) => channel.postMessage(message), listen };
  }
  if (!storage) return null;
  win.addEventListener("storage", (event) => {
    const e = event as StorageEvent;
    if (e.key !== name || !e.newValue) return;
    try {
      emit((JSON.parse(e.newValue) as { m: BusMessage }).m);
    } catch {
      // Someone else's value under our key: not a message.
    }
  });
  let n = 0;
  return {
    post(message) {
      try {
        // The counter makes each write a change, since an unchanged value fires no event.
        storage.setItem(name, JSON.stringify({ m: message, n: ++n + Math.random() }));
      } catch {
        // Quota: this message is lost; heartbeats repeat and a lost claim only means two pollers for a moment.
      }
    },
    listen,
  };
}

/** How often the leader says it is alive, and how long the others wait without hearing it before taking over. */
export const BEAT_MS = 1000;
export const TIMEOUT_MS = 3500;

export interface ElectionOptions {
  /** Null: no way to reach other tabs, so this tab always leads. */
  bus: Bus | null;
  /** Unique per tab. */
  id: string;
  visible: () => boolean;
  /** Called when this tab gains or loses the lead. */
  onChange: (leading: boolean) => void;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
}

export interface Election {
  leading(): boolean;
  /** Takes the lead (the shopper is using this tab, or it just loaded); a hidden tab cannot. */
  claim(): void;
  /** Gives up the lead (the tab is hidden or going away) and lets a visible tab take it at once. */
  resign(): void;
}

const beats = (a: Claim, b: Claim) => a.at > b.at || (a.at === b.at && a.id > b.id);

/**
 * Leader election among a shopper's tabs: last claim wins, heartbeats keep it, silence hands it on. Nobody leads
 * until the first `claim()`, so the caller can finish wiring `onChange` first.
 */
export function createElection({
  bus,
  id,
  visible,
  onChange,
  now = Date.now,
  random = Math.random,
  setTimer = setTimeout,
}: ElectionOptions): Election {
  let mine: Claim | null = null;
  /** The last leader heard from, and when. */
  let other: Claim | null = null;
  let heardAt = 0;

  const set = (claim: Claim | null) => {
    const was = !!mine;
    mine = claim;
    if (was !== !!mine) onChange(!!mine);
  };

  function claim(): void {
    if (!bus) return set({ id, at: 0 });
    if (!visible()) return;
    // Later than every claim heard so far, even if another tab's clock runs ahead of ours.
    const at = Math.max(now(), (other?.at ?? 0) + 1, (mine?.at ?? 0) + 1);
    set({ id, at });
    bus.post({ t: "claim", id, at });
  }

  function resign(): void {
    if (!mine || !bus) return;
    bus.post({ t: "bye", ...mine });
    set(null);
  }

  // Leaderless (the leader left or went silent): a visible tab takes over, after a random moment so that two
  // visible tabs rarely both claim; if they do, the later claim wins at the next heartbeat.
  function takeOver(): void {
    if (mine || !visible() || (other && now() - heardAt < TIMEOUT_MS)) return;
    claim();
  }

  bus?.listen((message) => {
    if (message.t === "data" || message.id === id) return;
    if (message.t === "bye") {
      if (other?.id !== message.id) return;
      other = null;
      setTimer(takeOver, random() * 200);
      return;
    }
    if (mine && !beats(message, mine)) {
      // A stale leader still beating, or a losing claim: remind it who leads so it steps down now.
      bus.post({ t: "beat", ...mine });
      return;
    }
    other = message;
    heardAt = now();
    set(null);
  });

  const tick = () => {
    if (mine) bus?.post({ t: "beat", ...mine });
    else takeOver();
    setTimer(tick, BEAT_MS);
  };
  if (bus) setTimer(tick, BEAT_MS);

  return { leading: () => !!mine, claim, resign };
}

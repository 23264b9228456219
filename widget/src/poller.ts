export interface PollerOptions {
  /** One fetch; resolves false on failure so the poller backs off. */
  poll: () => Promise<boolean>;
  /** Milliseconds until the next poll in the current state, or null to not poll at all. */
  interval: () => number | null;
  doc: Pick<Document, "hidden" | "addEventListener">;
  setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer?: (timer: ReturnType<typeof setTimeout>) => void;
}

export interface Poller {
  /** Re-reads `interval()` (the panel opened or closed, a conversation started); `now` polls at once. */
  reschedule(now?: boolean): void;
}

const MAX_BACKOFF = 8;

/**
 * Polls on a chain of timeouts (never overlapping requests), pauses while the tab is hidden and catches up
 * as soon as it is shown again; failures stretch the interval up to eightfold.
 */
export function createPoller({
  poll,
  interval,
  doc,
  setTimer = setTimeout,
  clearTimer = clearTimeout,
}: PollerOptions): Poller {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let backoff = 1;
  let running = false;

  const clear = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
  };

  const schedule = () => {
    clear();
    const ms = interval();
    if (doc.hidden || ms === null || running) return;
    timer = setTimer(tick, ms * backoff);
  };

  async function tick() {
    clear();
    if (doc.hidden || interval() === null || running) return;
    running = true;
    const ok = await poll();
    running = false;
    backoff = ok ? 1 : Math.min(backoff * 2, MAX_BACKOFF);
    schedule();
  }

  doc.addEventListener("visibilitychange", () => {
    if (doc.hidden) clear();
    else void tick();
  });

  return {
    reschedule(now = false) {
      if (now) void tick();
      else schedule();
    },
  };
}

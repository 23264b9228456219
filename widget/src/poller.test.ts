import { describe, expect, it, vi } from "vitest";
import { createPoller } from "./poller";

function fakeDocument() {
  let listener: () => void = () => undefined;
  const doc = {
    hidden: false,
    addEventListener: (_: string, fn: () => void) => {
      listener = fn;
    },
  };
  return { doc: doc as unknown as Pick<Document, "hidden" | "addEventListener">, raw: doc, fire: () => listener() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("polling", () => {
  function setup(interval: () => number | null, result = true) {
    const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
    const poll = vi.fn(async () => result);
    const { doc, raw, fire } = fakeDocument();
    const poller = createPoller({
      poll,
      interval,
      doc,
      setTimer: (fn, ms) => {
        timers.push({ fn, ms, cleared: false });
        return (timers.length - 1) as unknown as ReturnType<typeof setTimeout>;
      },
      clearTimer: (id) => {
        timers[id as unknown as number].cleared = true;
      },
    });
    const pending = () => timers.filter((t) => !t.cleared);
    return { poller, poll, raw, fire, timers, pending };
  }

  it("waits the interval of the current state between polls", async () => {
    let open = true;
    const { poller, poll, pending } = setup(() => (open ? 1500 : 10_000));
    poller.reschedule(true);
    await settle();
    expect(poll).toHaveBeenCalledTimes(1);
    expect(pending().map((t) => t.ms)).toEqual([1500]);
    open = false;
    poller.reschedule();
    expect(pending().map((t) => t.ms)).toEqual([10_000]);
  });

  it("does not poll when there is nothing to wait for", async () => {
    const { poller, poll, pending } = setup(() => null);
    poller.reschedule(true);
    await settle();
    expect(poll).not.toHaveBeenCalled();
    expect(pending()).toEqual([]);
  });

  it("stops while the tab is hidden and catches up when it is shown", async () => {
    const { poller, poll, raw, fire, pending } = setup(() => 1500);
    poller.reschedule();
    raw.hidden = true;
    fire();
    expect(pending()).toEqual([]);
    raw.hidden = false;
    fire();
    await settle();
    expect(poll).toHaveBeenCalledTimes(1);
    expect(pending().map((t) => t.ms)).toEqual([1500]);
  });

  it("backs off after failures", async () => {
    const { poller, pending } = setup(() => 1500, false);
    poller.reschedule(true);
    await settle();
    expect(pending().map((t) => t.ms)).toEqual([3000]);
    pending()[0].fn();
    await settle();
    expect(pending().map((t) => t.ms)).toEqual([6000]);
  });
});

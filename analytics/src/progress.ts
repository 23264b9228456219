/** A progress reporter: the CLI draws a bar, tests and the app pass nothing. */
export interface Progress {
  start(label: string, total: number): void;
  tick(done: number): void;
  end(): void;
}

export const silentProgress: Progress = { start() {}, tick() {}, end() {} };

/**
 * A one-line bar on stderr. On a terminal it redraws in place (at most ~10 times a second, so drawing never costs
 * more than the work); piped into a file it writes one line per phase, so logs stay readable.
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  let label = "";
  let total = 0;
  let done = 0;
  let started = 0;
  let lastDraw = 0;
  const draw = (final: boolean) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 28;
    const filled = Math.round(share * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    // A total of 0 means "unknown" (paged sources): show the count and rate without a percentage.
    const amount =
      total > 0
        ? `${String(Math.round(share * 100)).padStart(3)}%  ${done.toLocaleString("en-US")}/${total.toLocaleString(
            "en-US"
          )}`
        : `${done.toLocaleString("en-US")} rows`;
    const text = `${label.padEnd(22)} ${total > 0 ? bar : " ".repeat(width)} ${amount}  ${rate.toLocaleString(
      "en-US"
    )}/s  ${seconds.toFixed(1)}s`;
    if (stream.isTTY) stream.write(`\r${text}\x1b[K${final ? "\n" : ""}`);
    else if (final) stream.write(`${text}\n`);
  };
  return {
    start(l, t) {
      label = l;
      total = t;
      done = 0;
      started = Date.now();
      lastDraw = 0;
      draw(false);
    },
    tick(d) {
      done = d;
      const now = Date.now();
      if (now - lastDraw > 100) {
        lastDraw = now;
        draw(false);
      }
    },
    end() {
      draw(true);
    },
  };
}

/** What the benches that drive the whole app share: flags, quantiles, and the app started as its own processes. */
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../test/browser";
import { freshDatabaseUrl } from "../test/db";

/** `--name value` from the command line, or the fallback. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

export const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

export interface RunningApp {
  child: ChildProcess;
  appPort: number;
  storefrontPort: number;
  databaseUrl: string;
  /** Process ids of the app instances (the child itself is the demo primary). */
  instancePids: number[];
  stop(): Promise<void>;
}

/**
 * The demo as `instances` app processes (npm run start:cluster) on a fresh WAL SQLite file unless `database` is
 * given, with extra environment (e.g. SHOPDESK_ADMIN_FAULTS); resolves once every instance listens.
 */
export async function startApp(opts: { instances: number; database?: string; env?: Record<string, string> }): Promise<RunningApp> {
  const [appPort, storefrontPort] = [await freePort(), await freePort()];
  const databaseUrl = opts.database || freshDatabaseUrl("bench", { wal: true });
  let log = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "app/demo/cluster.ts", "--instances", String(opts.instances), "--port", String(appPort), "--storefront-port", String(storefrontPort)],
    {
      env: {
        ...process.env,
        // The production build, run in demo mode (which the configuration refuses under NODE_ENV=production).
        NODE_ENV: "development",
        SHOPDESK_DEMO: "1",
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "error",
        ...opts.env,
      },
    },
  );
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const started = Date.now();
  while (!/app instances? on/.test(log)) {
    if (Date.now() - started > 120_000 || child.exitCode !== null) throw new Error(`the app did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    appPort,
    storefrontPort,
    databaseUrl,
    instancePids: [...log.matchAll(/listening \(pid (\d+)\)/g)].map((m) => Number(m[1])),
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 700));
    },
  };
}

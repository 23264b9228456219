// Several app instances on one port (npm run start:cluster): connections spread over the instances, every message
// sent at once to any of them is stored once and answered once, an action through one instance is seen by the
// others, and an instance killed with SIGKILL is replaced while the others keep answering.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../browser";
import { freshDatabaseUrl } from "../db";

const ROOT = path.resolve(__dirname, "../..");
const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

describe("the app as three instances on one port", { timeout: 120_000 }, () => {
  let child: ChildProcess;
  let appUrl = "";
  let storefrontUrl = "";
  let log = "";
  let seq = 0;

  beforeAll(async () => {
    const [appPort, storefrontPort] = [await freePort(), await freePort()];
    appUrl = `http://127.0.0.1:${appPort}`;
    storefrontUrl = `http://127.0.0.1:${storefrontPort}`;
    child = spawn(
      process.execPath,
      ["--import", "tsx", "app/demo/cluster.ts", "--instances", "3", "--port", String(appPort), "--storefront-port", String(storefrontPort)],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: "development", DATABASE_URL: freshDatabaseUrl("cluster", { wal: true }), LOG_LEVEL: "warn" } },
    );
    child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    const started = Date.now();
    while (!/3 app instances on/.test(log)) {
      if (Date.now() - started > 90_000 || child.exitCode !== null) throw new Error(`the cluster did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(async () => {
    child?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 700));
    if (child && child.exitCode === null) child.kill("SIGKILL");
  });

  // A new connection each time (fetch would keep one alive, and one connection stays with one instance).
  const instanceOf = () =>
    new Promise<string | null>((resolve, reject) => {
      http
        .get(`${appUrl}/`, { agent: false }, (res) => {
          res.resume();
          resolve((res.headers["x-shopdesk-instance"] as string | undefined) ?? null);
        })
        .on("error", reject);
    });
  /**
   * One message, as the widget sends it. With `retries`, a failed send is sent again with the same client message id,
   * as the widget does: a request that was on a connection to an instance that just died fails once.
   */
  const chat = async (visitorId: string, text: string, retries = 0) => {
    const clientMessageId = `cluster-${++seq}-abcdefgh`;
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${storefrontUrl}/apps/shopdesk/chat`, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": UA },
        body: JSON.stringify({ visitorId, clientMessageId, text }),
      });
      if (res.status === 200) return (await res.json()) as { messages: { id: number; author: string; text: string }[] };
      if (attempt >= retries) throw new Error(`chat answered ${res.status}: ${await res.text()}\n${log.slice(-3000)}`);
    }
  };
  const history = async (visitorId: string) => {
    const res = await fetch(`${storefrontUrl}/apps/shopdesk/chat?visitorId=${visitorId}&after=0`, { headers: { "user-agent": UA } });
    return ((await res.json()) as { messages: { id: number; author: string; text: string }[] }).messages;
  };

  it("spreads connections over the three instances", async () => {
    const seen = new Set<string | null>();
    for (let i = 0; i < 12; i++) seen.add(await instanceOf());
    expect([...seen].sort()).toEqual(["1", "2", "3"]);
  });

  it("stores and answers every message sent at once, each once, whichever instance took it", async () => {
    const visitors = Array.from({ length: 6 }, (_, i) => `visitor-cluster-${Date.now()}-${i}`);
    await Promise.all(
      visitors.flatMap((v) => [chat(v, "where is order #1043 zoe.parker@example.org"), chat(v, "thanks!")]),
    );
    for (const v of visitors) {
      let messages = await history(v);
      for (let tries = 0; tries < 50 && messages.filter((m) => m.author === "bot").length < 2; tries++) {
        await new Promise((r) => setTimeout(r, 100));
        messages = await history(v);
      }
      const shopper = messages.filter((m) => m.author === "shopper").map((m) => m.text);
      expect(shopper.sort()).toEqual(["thanks!", "where is order #1043 zoe.parker@example.org"]);
      const bot = messages.filter((m) => m.author === "bot").map((m) => m.text);
      expect(bot.filter((t) => /Order #1043 \(placed/.test(t))).toHaveLength(1);
      expect(bot.filter((t) => /welcome/i.test(t))).toHaveLength(1);
    }
  });

  it("shares one shop: an order cancelled through one instance is cancelled for all", async () => {
    const v = `visitor-cluster-cancel-${Date.now()}`;
    await chat(v, "cancel order #1051, my email is yuki.tanaka@example.org");
    const done = await chat(v, "yes");
    expect(done.messages.map((m) => m.text).join("\n")).toMatch(/is cancelled/);
    for (let i = 0; i < 3; i++) {
      const other = await chat(`visitor-cluster-other-${Date.now()}-${i}`, "status of order #1051 yuki.tanaka@example.org");
      expect(other.messages.map((m) => m.text).join("\n")).toMatch(/was cancelled on/);
    }
  });

  it("replaces an instance killed with SIGKILL, and the others answer meanwhile", async () => {
    const pid = Number(/instance 2 listening \(pid (\d+)\)/.exec(log)?.[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, "SIGKILL");
    const killVisitor = `visitor-cluster-kill-${Date.now()}`;
    const answer = await chat(killVisitor, "where is order #1043 zoe.parker@example.org", 1);
    expect(answer.messages.map((m) => m.text).join("\n")).toMatch(/Order #1043/);
    // Sent twice at most, stored once.
    expect((await history(killVisitor)).filter((m) => m.author === "shopper")).toHaveLength(1);
    const started = Date.now();
    while (!/instance 4 listening/.test(log) && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 200));
    expect(log).toMatch(/instance 2 stopped \(SIGKILL\); starting a new one/);
    const seen = new Set<string | null>();
    for (let i = 0; i < 12; i++) seen.add(await instanceOf());
    expect([...seen].sort()).toEqual(["1", "3", "4"]);
  });
});

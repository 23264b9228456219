// The dialogue evaluation (issue 9): each written dialogue is played as a fresh storefront visitor through the real
// engine (sendMessage), against the demo shop behind the schema-true Admin API stand-in (msw at the network
// boundary), and every turn is scored from what the bot said. The caller owns the database: DATABASE_URL must name
// a migrated database before this module loads (cli.ts and the vitest setup both see to it).
import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, HttpResponseError, LogSeverity, Session, shopifyApi } from "@shopify/shopify-api";
import { setupServer } from "msw/node";
import prisma from "../../db.server";
import { createAdminStandIn, DEMO_ACCESS_TOKEN, type AdminStandIn } from "../../demo/admin-api";
import { routeShopifyFetchThroughGlobal, shopifyAdminHandlers } from "../../demo/msw";
import { createDemoShop, DEMO_SHOP_DOMAIN, type DemoShop } from "../../demo/shop-data";
import { htmlToText } from "../../knowledge/search";
import { createAdminClient, type AdminGraphqlFunction } from "../../shopify/client.server";
import { clearCatalogs } from "../catalog.server";
import { REPLY_LOCALES, t, type MessageKey, type ReplyLocale } from "../i18n";
import { identifyLanguage } from "../nlu";
import { sendMessage } from "../service.server";
import { clearShopProfiles } from "../shop-profile.server";
import { alternatives, createPlaceholderResolver, DIALOGUE_FILES, type Dialogue, type PlaceholderResolver } from "./format";

/** Replies that say the bot could not help (beside `meta.refusal`, which the engine sets on such replies). */
const REFUSAL_KEYS: MessageKey[] = ["unknown.first", "unknown.outOfScope", "product.notFound", "policy.none"];
/** A reply with fewer letters than this, once names and numbers are gone, says too little about its language. */
const MIN_LETTERS = 8;
/** The goals, checked by --strict. */
export const GOALS = { wrongFacts: 0, deadEnds: 0, resolvedShare: 0.85, rightLanguageShare: 0.98 };

export interface BotReplySeen {
  text: string;
  quickReplies: string[];
  meta: Record<string, unknown>;
}

export type Failure =
  | { kind: "missing fact"; fact: string }
  | { kind: "wrong fact"; fact: string }
  | { kind: "dead end" }
  | { kind: "refusals in a row" }
  | { kind: "wrong language"; detected: string; reply: string }
  | { kind: "handoff expected" }
  | { kind: "unexpected handoff" };

export interface TurnScore {
  /** 1-based, as people count turns. */
  turn: number;
  say: string;
  replies: BotReplySeen[];
  refusal: boolean;
  /** A person has the conversation after this turn. */
  handedOff: boolean;
  /** Bot replies with enough words of the bot's own to judge their language (failures say which were wrong). */
  languageChecked: number;
  failures: Failure[];
}

export interface DialogueScore {
  id: string;
  file: string;
  language: ReplyLocale;
  botResolvable: boolean;
  turns: TurnScore[];
  handedOff: boolean;
  /** Resolved without a person: bot-resolvable, no handoff, no missing or wrong fact, no dead end. */
  resolved: boolean;
}

const lower = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").toLowerCase();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{N}]/u;

/**
 * True when `needle` appears in `haystack`, case-insensitive. Where the needle starts or ends with a Latin letter or
 * digit it must not run on into one, so "No" is not found in "Not" and "#1027" not in "#10270"; CJK text has no
 * word boundaries to require.
 */
export function mentions(haystack: string, needle: string): boolean {
  const h = lower(haystack);
  const n = lower(needle);
  if (!n) return true;
  const before = LATIN_OR_DIGIT.test(n[0]) ? "(?<![\\p{Script=Latin}\\p{N}])" : "";
  const after = LATIN_OR_DIGIT.test(n[n.length - 1]) ? "(?![\\p{Script=Latin}\\p{N}])" : "";
  return new RegExp(`${before}${escapeRe(n)}${after}`, "u").test(h);
}

/** An `admin.graphql` for the demo shop built as @shopify/shopify-app-remix builds it (as test/shopify.ts does). */
function adminGraphqlFor(shop: string): AdminGraphqlFunction {
  const api = shopifyApi({
    apiKey: "eval-api-key",
    apiSecretKey: "eval-api-secret",
    hostName: "localhost:3000",
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
  const session = new Session({ id: `offline_${shop}`, shop, state: "eval", isOnline: false, accessToken: DEMO_ACCESS_TOKEN });
  return async (query, options) => {
    const client = new api.clients.Graphql({ session });
    try {
      const res = await client.request(query, { variables: options?.variables, retries: 0, signal: options?.signal });
      return new Response(JSON.stringify(res));
    } catch (error) {
      if (error instanceof HttpResponseError) {
        throw new Response(JSON.stringify(error.response.body), { status: error.response.code });
      }
      throw error;
    }
  };
}

/**
 * Judges the language of a reply from the bot's own words: URLs, emails, order and tracking numbers, and what the
 * merchant wrote and the bot quotes as it is (product and variant names, carriers, the shop's name, policy titles and
 * sentences quoted from the policies) are removed first. A reply with too few letters left is not judged (null).
 */
function languageJudge(shop: DemoShop) {
  const names = new Set<string>([shop.shop.name, ...shop.shop.shopPolicies.map((p) => p.title)]);
  for (const p of shop.products) {
    names.add(p.title);
    for (const o of p.options) for (const v of o.values) names.add(v);
    for (const v of p.variants) names.add(v.title);
  }
  const trackingNumbers = new Set<string>();
  for (const o of shop.orders) {
    for (const li of o.lineItems) names.add(li.title);
    for (const f of o.fulfillments)
      for (const ti of f.trackingInfo) {
        names.add(ti.company);
        trackingNumbers.add(ti.number);
      }
  }
  const nameRe = new RegExp(
    [...names]
      .filter((n) => n.trim())
      .sort((a, b) => b.length - a.length)
      .map((n) => `(?<![\\p{L}\\p{N}])${escapeRe(n)}(?![\\p{L}\\p{N}])`)
      .join("|"),
    "giu",
  );
  // The policies are the merchant's text in the merchant's language; the bot quotes them, it does not write them.
  const policyText = shop.shop.shopPolicies.map((p) => htmlToText(p.body)).join("\n");
  const policySentences = [...new Set(policyText.split(/\n+|(?<=[.!?])\s+/).map((x) => x.trim()))]
    .filter((x) => x.length >= 20)
    .sort((a, b) => b.length - a.length);
  const strip = (text: string) => {
    let s = text;
    for (const sentence of policySentences) if (s.includes(sentence)) s = s.split(sentence).join(" ");
    // An excerpt cut short ends in "…": drop the cut sentence when it is the policy's.
    s = s.replace(/[^.:!?\n]{20,}…/g, (cut) => (policyText.includes(cut.slice(0, -1).trim()) ? " " : cut));
    s = s.replace(/https?:\/\/\S+/g, " ").replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ");
    for (const n of trackingNumbers) s = s.split(n).join(" ");
    return s
      .replace(/#\d[\w-]*/g, " ")
      .replace(nameRe, " ")
      .replace(/\s+/g, " ")
      .trim();
  };
  return (text: string): string | null => {
    const rest = strip(text);
    if ((rest.match(/\p{L}/gu) ?? []).length < MIN_LETTERS) return null;
    return identifyLanguage(rest).language;
  };
}

/** The language code identifyLanguage gives for text in a reply locale. */
const expectedLanguage = (locale: ReplyLocale) => (locale === "zh-CN" ? "zh" : locale);

function refusalDetector(shopName: string) {
  const templates = REPLY_LOCALES.flatMap((locale) => REFUSAL_KEYS.map((key) => lower(t(locale, key, { shopName }))));
  const fallbacks = REPLY_LOCALES.map((locale) => lower(t(locale, "fallback.language")));
  return (reply: BotReplySeen): boolean => {
    if (reply.meta.refusal === true) return true;
    let text = lower(reply.text).trim();
    for (const f of fallbacks) if (text.startsWith(f)) text = text.slice(f.length).trim();
    // Every locale's templates, not only the dialogue's: a refusal in the wrong language is still a refusal.
    return templates.some((tpl) => text.startsWith(tpl));
  };
}

export interface DialogueRunner {
  /** Plays one dialogue as a new visitor against a fresh copy of the demo shop and scores it. */
  run(dialogue: Dialogue, file: string): Promise<DialogueScore>;
  /** The demo shop every dialogue starts from (placeholders resolve against it). */
  shop: DemoShop;
  resolver: PlaceholderResolver;
  close(): void;
}

/**
 * Starts the runner: msw answers the Admin API from the current dialogue's stand-in. `now` is the clock of the demo
 * shop, of the stand-in and of the bot alike (the demo's dates are relative to it), so a run gives the same figures
 * on any day; it defaults to EVAL_NOW.
 */
/** A Wednesday afternoon: business-day arithmetic (waits, stuck parcels, refund dates) is the same on every run. */
export const EVAL_NOW = new Date("2026-12-02T15:00:00Z");

export function startDialogueRunner(opts: { now?: Date } = {}): DialogueRunner {
  const now = opts.now ?? EVAL_NOW;
  const shopDomain = DEMO_SHOP_DOMAIN;
  const shop = createDemoShop({ shop: shopDomain, now });
  const resolver = createPlaceholderResolver(shop);
  const isRefusal = refusalDetector(shop.shop.name);
  const judgeLanguage = languageJudge(shop);
  let standIn: AdminStandIn | null = null;
  routeShopifyFetchThroughGlobal();
  const server = setupServer(
    ...shopifyAdminHandlers(() => {
      if (!standIn) throw new Error("no dialogue is running");
      return standIn;
    }),
  );
  server.listen({ onUnhandledRequest: "error" });
  let seq = 0;

  async function run(dialogue: Dialogue, file: string): Promise<DialogueScore> {
    // Mutations (a cancel, a return) must not leak into the next dialogue: each gets its own copy of the shop.
    standIn = createAdminStandIn(createDemoShop({ shop: shopDomain, now }), { now: () => now });
    clearShopProfiles();
    clearCatalogs();
    // Failed verifications count per order across visitors (a lock after ten an hour): one dialogue's wrong email
    // must not lock the next dialogue's order.
    await prisma.verificationAttempt.deleteMany({ where: { shop: shopDomain } });
    const graphql = createAdminClient(adminGraphqlFor(shopDomain), { backoffMs: 1, maxTries: 2 }).request;
    const locale = dialogue.language;
    const customerId = dialogue.loggedIn ? resolver.order(dialogue.loggedIn).customerId : null;
    const n = ++seq;
    const visitorId = `eval-${n}-${dialogue.id}`.slice(0, 64).padEnd(16, "x").replace(/[^A-Za-z0-9_-]/g, "_");

    const turns: TurnScore[] = [];
    let conversationId: string | null = null;
    for (const [i, turn] of dialogue.turns.entries()) {
      const say = resolver.resolve(turn.say, locale);
      const handoffsBefore = conversationId
        ? await prisma.conversationEvent.count({ where: { conversationId, kind: "handoff" } })
        : 0;
      const answer = await sendMessage(
        shopDomain,
        customerId,
        { visitorId, clientMessageId: `eval-${n}-${i + 1}`.padEnd(8, "x"), text: say, locale: dialogue.storefrontLocale },
        graphql,
        { now },
      );
      conversationId = answer.conversationId;
      const botIds = answer.messages.filter((m) => m.author === "bot").map((m) => m.id);
      const stored = await prisma.message.findMany({ where: { id: { in: botIds } }, orderBy: { id: "asc" } });
      const replies: BotReplySeen[] = stored.map((m) => {
        let meta: Record<string, unknown> = {};
        try {
          meta = m.meta ? (JSON.parse(m.meta) as Record<string, unknown>) : {};
        } catch {
          // A malformed meta says nothing; the text is still scored.
        }
        const quickReplies = Array.isArray(meta.quickReplies) ? (meta.quickReplies as string[]) : [];
        return { text: m.text, quickReplies, meta };
      });
      const handoffsAfter = conversationId
        ? await prisma.conversationEvent.count({ where: { conversationId, kind: "handoff" } })
        : 0;
      const handedOff = answer.status !== "bot" || handoffsAfter > handoffsBefore;
      const text = replies.map((r) => r.text).join("\n");
      const failures: Failure[] = [];
      for (const entry of turn.must) {
        const alts = alternatives(entry).map((a) => resolver.resolve(a, locale));
        if (!alts.some((a) => mentions(text, a))) failures.push({ kind: "missing fact", fact: alts.join(" || ") });
      }
      for (const entry of turn.mustNot) {
        const fact = resolver.resolve(entry, locale);
        if (mentions(text, fact)) failures.push({ kind: "wrong fact", fact });
      }
      const refusal = replies.some(isRefusal);
      const offersChoices = replies.some((r) => r.quickReplies.length > 0);
      if (refusal && !offersChoices && !handedOff) failures.push({ kind: "dead end" });
      if (refusal && turns[i - 1]?.refusal) failures.push({ kind: "refusals in a row" });
      let languageChecked = 0;
      for (const r of replies) {
        const detected = judgeLanguage(r.text);
        if (detected === null) continue;
        languageChecked += 1;
        if (detected !== expectedLanguage(locale)) failures.push({ kind: "wrong language", detected, reply: r.text });
      }
      if (turn.handoff === true && !handedOff) failures.push({ kind: "handoff expected" });
      if (turn.handoff === false && handedOff) failures.push({ kind: "unexpected handoff" });
      turns.push({ turn: i + 1, say, replies, refusal, handedOff, languageChecked, failures });
    }

    // A conversation that stops on a refusal nobody picks up leaves the shopper stuck, choices or not.
    const last = turns[turns.length - 1];
    const lastReply = last.replies[last.replies.length - 1];
    if (lastReply && isRefusal(lastReply) && !last.handedOff && !last.failures.some((f) => f.kind === "dead end")) {
      last.failures.push({ kind: "dead end" });
    }
    const handedOff = turns.some((t) => t.handedOff);
    const all = turns.flatMap((t) => t.failures);
    const resolved =
      dialogue.botResolvable &&
      !handedOff &&
      !all.some((f) => f.kind === "missing fact" || f.kind === "wrong fact" || f.kind === "dead end");
    return { id: dialogue.id, file, language: locale, botResolvable: dialogue.botResolvable, turns, handedOff, resolved };
  }

  return {
    run,
    shop,
    resolver,
    close: () => {
      server.close();
      standIn = null;
    },
  };
}

export interface Figures {
  dialogues: number;
  botResolvable: number;
  resolved: number;
  wrongFacts: number;
  deadEnds: number;
  refusalsInARow: number;
  repliesChecked: number;
  wrongLanguage: number;
  missingFacts: number;
  handoffMissed: number;
}

/** The figures over a set of scored dialogues. */
export function figuresOf(scores: DialogueScore[]): Figures {
  const failures = scores.flatMap((s) => s.turns.flatMap((t) => t.failures));
  const count = (kind: Failure["kind"]) => failures.filter((f) => f.kind === kind).length;
  return {
    dialogues: scores.length,
    botResolvable: scores.filter((s) => s.botResolvable).length,
    resolved: scores.filter((s) => s.resolved).length,
    wrongFacts: count("wrong fact"),
    deadEnds: count("dead end"),
    refusalsInARow: count("refusals in a row"),
    repliesChecked: scores.reduce((n, s) => n + s.turns.reduce((m, t) => m + t.languageChecked, 0), 0),
    wrongLanguage: count("wrong language"),
    missingFacts: count("missing fact"),
    handoffMissed: count("handoff expected") + count("unexpected handoff"),
  };
}

/** Figures per dialogue file (in the spec's order) and over all of them ("all"). */
export function figuresByFile(scores: DialogueScore[]): { file: string; figures: Figures }[] {
  const files = [...new Set(scores.map((s) => s.file))].sort((a, b) => {
    const rank = (f: string) => ((DIALOGUE_FILES as readonly string[]).includes(f) ? DIALOGUE_FILES.indexOf(f as never) : 99);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  return [
    ...files.map((file) => ({ file, figures: figuresOf(scores.filter((s) => s.file === file)) })),
    { file: "all", figures: figuresOf(scores) },
  ];
}

/** True when the figures meet the goals (what --strict checks). */
export function meetsGoals(f: Figures): boolean {
  const share = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return (
    f.wrongFacts <= GOALS.wrongFacts &&
    f.deadEnds <= GOALS.deadEnds &&
    share(f.resolved, f.botResolvable) >= GOALS.resolvedShare &&
    1 - share(f.wrongLanguage, f.repliesChecked) >= GOALS.rightLanguageShare
  );
}

const percent = (a: number, b: number) => (b === 0 ? `n/a (0/0)` : `${((100 * a) / b).toFixed(1)} % (${a}/${b})`);

/** The figures, one per line with its unit ("dialogue en dead ends 1"). */
export function formatFigures(rows: { file: string; figures: Figures }[]): string {
  const lines: string[] = [];
  for (const { file, figures: f } of rows) {
    const p = `dialogue ${file}`;
    lines.push(
      `${p} dialogues ${f.dialogues}`,
      `${p} resolved without a person ${percent(f.resolved, f.botResolvable)}`,
      `${p} wrong facts ${f.wrongFacts}`,
      `${p} dead ends ${f.deadEnds}`,
      `${p} refusals in a row ${f.refusalsInARow}`,
      `${p} replies in the wrong language ${percent(f.wrongLanguage, f.repliesChecked)}`,
      `${p} missing facts ${f.missingFacts}`,
      `${p} handoff expectations missed ${f.handoffMissed}`,
    );
  }
  return lines.join("\n");
}

const clip = (s: string, n = 200) => {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

function describe(f: Failure): string {
  switch (f.kind) {
    case "missing fact":
      return `missing fact "${f.fact}"`;
    case "wrong fact":
      return `wrong fact "${f.fact}"`;
    case "wrong language":
      return `reply in the wrong language (${f.detected}): "${clip(f.reply, 80)}"`;
    default:
      return f.kind;
  }
}

/** Every failure: dialogue, turn, what failed, what the shopper said and what the bot answered. */
export function formatFailures(scores: DialogueScore[]): string {
  const lines: string[] = [];
  for (const s of scores) {
    for (const t of s.turns) {
      for (const f of t.failures) {
        const reply = t.replies.map((r) => r.text).join(" | ");
        lines.push(
          `${s.id} turn ${t.turn}: ${describe(f)}`,
          `    shopper: ${clip(t.say)}`,
          `    bot: ${reply ? clip(reply) : t.handedOff ? "(a person has the conversation)" : "(no reply)"}`,
        );
      }
    }
    // A resolvable dialogue that went to a person without any turn saying it should is worth seeing on its own.
    const flagged = s.turns.some((t) => t.failures.some((f) => f.kind === "unexpected handoff"));
    if (s.botResolvable && s.handedOff && !flagged) {
      const t = s.turns.find((x) => x.handedOff)!;
      lines.push(
        `${s.id} turn ${t.turn}: handed to a person (the dialogue is bot-resolvable)`,
        `    shopper: ${clip(t.say)}`,
        `    bot: ${clip(t.replies.map((r) => r.text).join(" | ")) || "(no reply)"}`,
      );
    }
  }
  return lines.join("\n");
}

/** One dialogue as it went: what the shopper said, what the bot answered (with its buttons), what failed. */
export function formatTranscript(s: DialogueScore): string {
  const lines = [`== ${s.id} (${s.language}${s.botResolvable ? "" : ", needs a person"})${s.resolved ? " resolved" : ""}`];
  for (const t of s.turns) {
    lines.push(`  ${t.turn}> ${t.say}`);
    for (const r of t.replies) {
      lines.push(...r.text.split("\n").map((l) => `     ${l}`));
      if (r.quickReplies.length) lines.push(`     [${r.quickReplies.join("] [")}]`);
    }
    if (t.handedOff) lines.push("     (a person has the conversation)");
    for (const f of t.failures) lines.push(`     !! ${describe(f)}`);
  }
  return lines.join("\n");
}

import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { syntheticFiles, type CustomerRecord, type OrderRecord } from "./orders";
import { silentProgress, type Progress } from "./progress";

/**
 * A seeded, realistic synthetic history for the demo and the benchmark: conversations, messages, handoffs, CSAT and
 * outcomes written straight into the app's SQLite file (Prisma would take minutes for millions of rows), plus the
 * shop's orders and customers as NDJSON for the synthetic order source. The same seed and end date give the same
 * history. Patterns the marts should find are built in: a carrier that runs late, a product that arrives damaged in a
 * few weeks (a complaint spike), complaints handed to people more often, replacements bringing customers back.
 */
export interface GenerateOptions {
  sqlitePath: string;
  syntheticDir: string;
  shops: string[];
  /** Conversations per shop... */
  conversations?: number;
  /** ...or stop once this many messages are written in total (the benchmark's knob). */
  messages?: number;
  seed?: number;
  /** Last day of the history (default: now) and its length in days. */
  end?: Date;
  days?: number;
  progress?: Progress;
  /** A throw-away database (benchmark): no journal, no fsync. */
  unsafeFast?: boolean;
}

export interface GenerateReport {
  conversations: number;
  messages: number;
  events: number;
  outcomes: number;
  orders: number;
  customers: number;
  seconds: number;
}

/** mulberry32: tiny, fast and good enough for synthetic data. */
/**
 * Returns in the generated history carry a reason, weighted like apparel returns (sizing first). Picked from the
 * conversation id, not the random stream, so adding reasons changed no other generated value.
 */
const RETURN_REASON_MIX = [
  ...Array(6).fill("SIZE_TOO_SMALL"),
  ...Array(4).fill("SIZE_TOO_LARGE"),
  ...Array(3).fill("UNWANTED"),
  ...Array(2).fill("COLOR"),
  ...Array(2).fill("NOT_AS_DESCRIBED"),
  "DEFECTIVE",
  "WRONG_ITEM",
  "OTHER",
] as const;

function returnReasonFor(conversationId: string): string {
  let h = 0;
  for (const ch of conversationId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return RETURN_REASON_MIX[h % RETURN_REASON_MIX.length];
}

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
    weighted: <T extends string>(table: readonly (readonly [T, number])[]): T => {
      let total = 0;
      for (const [, w] of table) total += w;
      let r = next() * total;
      for (const [v, w] of table) if ((r -= w) < 0) return v;
      return table[table.length - 1][0];
    },
    /** Log-normal around a median (seconds), for waiting and handling times. */
    lognormal: (median: number, spread = 0.8) => {
      const u = Math.max(1e-9, next());
      const v = next();
      return median * Math.exp(spread * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    },
    id: (len: number) => {
      let s = "";
      for (let i = 0; i < len; i++) s += "abcdefghijklmnopqrstuvwxyz0123456789"[Math.floor(next() * 36)];
      return s;
    },
  };
}

const INTENTS = [
  ["order_status", 30],
  ["product_question", 12],
  ["return_request", 9],
  ["refund_request", 7],
  ["cancel_order", 8],
  ["change_address", 6],
  ["late_delivery", 7],
  ["damaged_item", 5],
  ["policy_question", 5],
  ["complaint", 4],
  ["missing_item", 3],
  ["wrong_item", 2],
  ["human_agent", 2],
] as const;
type Intent = (typeof INTENTS)[number][0];
/**
 * The scenarios above are finer than what the bot records: messages carry the app's own intent names (the NLU's
 * taxonomy), so the warehouse sees synthetic history exactly as it sees real conversations.
 */
const APP_INTENT: Record<Intent, string> = {
  order_status: "track_order",
  product_question: "product_question",
  return_request: "return_item",
  refund_request: "get_refund",
  cancel_order: "cancel_order",
  change_address: "change_shipping_address",
  late_delivery: "complaint",
  damaged_item: "complaint",
  policy_question: "check_refund_policy",
  complaint: "complaint",
  missing_item: "complaint",
  wrong_item: "complaint",
  human_agent: "contact_human_agent",
};
const COMPLAINTS = new Set<Intent>(["complaint", "damaged_item", "missing_item", "wrong_item", "late_delivery"]);

const LANGUAGES = [
  ["en", 70],
  ["es", 10],
  ["fr", 8],
  ["de", 7],
  ["zh", 5],
] as const;
const PRODUCTS = [
  "Alpine Down Jacket",
  "Trail Runner Shoes",
  "Merino Beanie",
  "Canvas Tote",
  "Ceramic Pour-Over Set",
  "Linen Shirt",
  "Waxed Backpack",
  "Wool Socks (3-pack)",
  "Glass Water Bottle",
  "Leather Wallet",
  "Yoga Mat",
  "Desk Lamp",
];
const CARRIERS = [
  ["UPS", 35],
  ["USPS", 30],
  ["FedEx", 20],
  ["DHL Express", 10],
  ["Canada Post", 5],
] as const;
const REGIONS = [
  ["US", "CA", 18],
  ["US", "NY", 12],
  ["US", "TX", 11],
  ["US", "FL", 8],
  ["US", "WA", 6],
  ["CA", "ON", 7],
  ["CA", "BC", 4],
  ["GB", "ENG", 9],
  ["DE", "BY", 5],
  ["FR", "IDF", 5],
  ["ES", "MD", 4],
  ["AU", "NSW", 6],
  ["MX", "CMX", 5],
] as const;
const AGENTS = [
  ["agent-ana", "Ana Ruiz"],
  ["agent-ben", "Ben Carter"],
  ["agent-chloe", "Chloé Martin"],
  ["agent-dev", "Dev Patel"],
] as const;

const OPENERS: Record<string, Partial<Record<Intent, string>> & { default: string }> = {
  en: {
    order_status: "Where is my order {o}?",
    late_delivery: "My order {o} is late, it should have arrived last week.",
    damaged_item: "The {p} arrived damaged.",
    complaint: "This is really disappointing, nobody answers my emails.",
    refund_request: "I want a refund for order {o}.",
    return_request: "How do I return the {p}?",
    cancel_order: "Please cancel order {o}.",
    change_address: "Can I change the shipping address on {o}?",
    human_agent: "I want to talk to a person.",
    default: "I have a question about the {p}.",
  },
  es: {
    order_status: "¿Dónde está mi pedido {o}?",
    damaged_item: "El {p} llegó dañado.",
    default: "Tengo una pregunta sobre {p}.",
  },
  fr: {
    order_status: "Où est ma commande {o} ?",
    damaged_item: "Le {p} est arrivé abîmé.",
    default: "J'ai une question sur {p}.",
  },
  de: {
    order_status: "Wo ist meine Bestellung {o}?",
    damaged_item: "Das {p} kam beschädigt an.",
    default: "Ich habe eine Frage zu {p}.",
  },
  zh: { order_status: "我的订单 {o} 在哪里？", damaged_item: "{p} 到货时坏了。", default: "我想问一下 {p}。" },
};
const SKILL: Partial<Record<Intent, string>> = {
  order_status: "order_status",
  late_delivery: "order_status",
  cancel_order: "cancel",
  change_address: "address",
  return_request: "return",
  refund_request: "refund",
  damaged_item: "return",
  wrong_item: "return",
  missing_item: "order_status",
  product_question: "product",
  policy_question: "policy",
  human_agent: "handoff",
  complaint: "handoff",
};

const DAY = 86_400_000;
const prismaTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Applies the committed Prisma migrations to an empty SQLite file (what `prisma migrate deploy` does). */
export function createAppDatabase(file: string, migrationsDir = path.resolve("prisma/migrations")): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    for (const dir of fs
      .readdirSync(migrationsDir)
      .filter((d) => /^\d+_/.test(d))
      .sort()) {
      db.exec(fs.readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8"));
    }
  } finally {
    db.close();
  }
}

// Synthetic visitors are named v_…; conversations people had in the app (and the demo's seeded chats) never are.
const GENERATED = `visitorId like 'v\\_%' escape '\\'`;

/** Generated conversations already in the app database, per shop (empty when there are none). */
export function generatedHistory(sqlitePath: string): { shop: string; conversations: number }[] {
  if (!fs.existsSync(sqlitePath)) return [];
  const db = new Database(sqlitePath, { readonly: true });
  try {
    return db
      .prepare(`select shop, count(*) as conversations from "Conversation" where ${GENERATED} group by shop order by shop`)
      .all() as { shop: string; conversations: number }[];
  } finally {
    db.close();
  }
}

/**
 * Removes every generated conversation (messages, events and outcomes go with it by cascade) and the synthetic
 * orders and customers of the same shops; nothing a real visitor wrote is touched. Returns what was removed.
 */
export function removeGeneratedHistory(sqlitePath: string, syntheticDir: string): { shop: string; conversations: number }[] {
  const removed = generatedHistory(sqlitePath);
  const db = new Database(sqlitePath);
  try {
    db.pragma("foreign_keys = ON");
    db.exec(`delete from "Conversation" where ${GENERATED}`);
  } finally {
    db.close();
  }
  for (const { shop } of removed) {
    for (const file of Object.values(syntheticFiles(syntheticDir, shop))) fs.rmSync(file, { force: true });
  }
  return removed;
}

interface Customer {
  id: string;
  email: string;
  phone: string;
  createdAt: number;
  orders: OrderRecord[];
  region: (typeof REGIONS)[number];
}

/** Writes the synthetic history; see GenerateOptions. */
export function generateHistory(options: GenerateOptions): GenerateReport {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const r = rng(options.seed ?? 42);
  const end = (options.end ?? new Date()).getTime();
  const days = options.days ?? 180;
  const start = end - days * DAY;
  // With a message budget, each shop gets an equal share; ~6 messages per conversation sizes the customer base.
  const perShop = options.conversations ?? Math.ceil((options.messages ?? 1000) / 6 / options.shops.length);
  const shopBudget = options.messages ? Math.ceil(options.messages / options.shops.length) : Infinity;
  const seedTag = String(options.seed ?? 42);
  const report: GenerateReport = {
    conversations: 0,
    messages: 0,
    events: 0,
    outcomes: 0,
    orders: 0,
    customers: 0,
    seconds: 0,
  };

  const db = new Database(options.sqlitePath, { fileMustExist: true });
  // Conversation ids are random (cuid-like), so every index on conversationId takes random inserts: with SQLite's
  // default 2 MB page cache that thrashes and generation turns quadratic-looking. A 1 GB cache keeps it linear.
  db.pragma("cache_size = -1000000");
  // A throw-away database (the benchmark) is filled without its secondary indexes, which are rebuilt at the end:
  // building an index by sorting once is several times cheaper than millions of random B-tree inserts.
  let droppedIndexes: string[] = [];
  if (options.unsafeFast) {
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    const indexes = db
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null
         and tbl_name in ('Conversation', 'Message', 'ConversationEvent', 'ConversationOutcome')`
      )
      .all() as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`drop index "${index.name}"`);
    droppedIndexes = indexes.map((i) => i.sql);
  } else {
    db.pragma("journal_mode = WAL");
  }
  const insConversation = db.prepare(
    `insert into "Conversation" (id, shop, channel, visitorId, customerId, customerEmail, status, language, assigneeId,
      assigneeName, tags, handoffReason, sentiment, csatScore, state, createdAt, updatedAt, lastMessageAt, firstHumanReplyAt, closedAt)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, '{}', ?, ?, ?, ?, ?)`
  );
  // One statement per conversation's messages (a multi-row insert per row count): a third of the per-row cost.
  const messageStatements = new Map<number, Database.Statement>();
  const insMessages = (rows: unknown[][]) => {
    let st = messageStatements.get(rows.length);
    if (!st) {
      st = db.prepare(
        `insert into "Message" (shop, conversationId, author, text, intent, confidence, sentiment, angry, language, agentId, agentName, meta, createdAt)
         values ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}`
      );
      messageStatements.set(rows.length, st);
    }
    st.run(rows.flat());
  };
  const insEvent = db.prepare(
    `insert into "ConversationEvent" (shop, conversationId, kind, reason, actorId, actorName, createdAt) values (?, ?, ?, ?, ?, ?, ?)`
  );
  const insOutcome = db.prepare(
    `insert into "ConversationOutcome" (shop, conversationId, kind, orderId, amount, currency, createdAt, reason) values (?, ?, ?, ?, ?, ?, ?, ?)`
  );
  const writtenAtIso = new Date().toISOString();
  // Each commit flushes dirty pages; without a journal there is nothing to protect, so commit rarely.
  const commitEvery = options.unsafeFast ? 50_000 : 2000;
  const writtenAt = writtenAtIso.replace("Z", "+00:00");
  const total = options.messages ?? perShop * options.shops.length;
  progress.start("generate", total);

  for (const [shopIndex, shop] of options.shops.entries()) {
    const shopStart = report.messages;
    // Shop-specific quirks, so shops differ and isolation tests can tell them apart.
    const lateCarrier = CARRIERS[(shopIndex + 1) % CARRIERS.length][0];
    const fragileProduct = PRODUCTS[(shopIndex * 5 + 3) % PRODUCTS.length];
    const spikeWeek = start + Math.floor(days * 0.6) * DAY;

    // Customers and their own (support-independent) orders.
    const customers: Customer[] = [];
    const orderById = new Map<string, OrderRecord>();
    let orderSeq = 0;
    const makeOrder = (c: Customer, at: number): OrderRecord => {
      const product = r.pick(PRODUCTS);
      const order: OrderRecord = {
        id: `gid://shopify/Order/${seedTag}${shopIndex}${String(++orderSeq).padStart(9, "0")}`,
        customerId: c.id,
        email: c.email,
        phone: c.phone,
        createdAt: new Date(at).toISOString(),
        // Written "now", as a shop's API would report records created by this run (the order source's watermark).
        updatedAt: writtenAtIso,
        cancelledAt: null,
        totalPrice: Math.round(r.lognormal(60, 0.6) * 100) / 100,
        currency: "USD",
        financialStatus: "PAID",
        fulfillmentStatus: "FULFILLED",
        carrier: r.weighted(CARRIERS),
        countryCode: c.region[0],
        provinceCode: c.region[1],
        product,
      };
      c.orders.push(order);
      orderById.set(order.id, order);
      return order;
    };
    const customerCount = Math.max(5, Math.ceil(perShop * 0.6));
    for (let i = 0; i < customerCount; i++) {
      const regionTable = REGIONS.map((x) => [x, x[2]] as const);
      let total = 0;
      for (const [, w] of regionTable) total += w;
      let pickAt = r.next() * total;
      let region: (typeof REGIONS)[number] = REGIONS[0];
      for (const [reg, w] of regionTable)
        if ((pickAt -= w) < 0) {
          region = reg;
          break;
        }
      const first = start - r.int(0, 60) * DAY + r.int(0, days + 40) * DAY;
      const c: Customer = {
        id: `gid://shopify/Customer/${seedTag}${shopIndex}${String(i + 1).padStart(9, "0")}`,
        email: `shopper${seedTag}.${shopIndex}.${i + 1}@example.com`,
        phone: `+1555${String(r.int(0, 9_999_999)).padStart(7, "0")}`,
        createdAt: first - r.int(0, 30) * DAY,
        orders: [],
        region,
      };
      makeOrder(c, Math.min(end, first));
      // Natural repurchase, independent of support: about a third buy again within 90 days.
      let at = first;
      while (r.chance(0.35)) {
        at += r.lognormal(40, 0.7) * DAY;
        if (at > end) break;
        makeOrder(c, at);
      }
      customers.push(c);
    }

    db.exec("begin");
    const limit = options.messages ? Infinity : perShop;
    for (let n = 0; n < limit && report.messages - shopStart < shopBudget; n++) {
      const conversationId = `c${r.id(24)}`;
      const known = r.chance(0.75) ? r.pick(customers) : null;
      const createdAt = start + r.next() * days * DAY;
      const order = known ? known.orders.filter((o) => Date.parse(o.createdAt) < createdAt).at(-1) ?? null : null;
      const language = r.weighted(LANGUAGES);
      let intent = r.weighted(INTENTS);
      // Built-in patterns: one carrier runs late; one product arrives damaged during a three-week stretch.
      if (order && order.carrier === lateCarrier && r.chance(0.25)) intent = "late_delivery";
      if (
        order &&
        order.product === fragileProduct &&
        createdAt >= spikeWeek &&
        createdAt < spikeWeek + 21 * DAY &&
        r.chance(0.5)
      ) {
        intent = "damaged_item";
      }
      const complaint = COMPLAINTS.has(intent);
      const confidence = Math.min(0.99, Math.max(0.2, r.lognormal(0.8, 0.25)));
      const angry = complaint && r.chance(0.25);
      const sentiment = Math.max(
        -1,
        Math.min(1, (complaint ? -0.45 : 0.1) + (r.next() - 0.5) * 0.8 - (angry ? 0.3 : 0))
      );
      const orderName = order ? `#${order.id.slice(-5)}` : "#1001";
      const product = order?.product ?? r.pick(PRODUCTS);
      const opener = (OPENERS[language][intent] ?? OPENERS[language].default)
        .replace("{o}", orderName)
        .replace("{p}", product);

      let t = createdAt;
      // Messages wait until the conversation row exists (foreign key), whose status depends on how they went.
      const pending: unknown[][] = [];
      const msg = (
        author: string,
        text: string,
        extra: Partial<{
          intent: string;
          confidence: number;
          sentiment: number;
          angry: boolean;
          agentId: string;
          agentName: string;
          meta: string;
        }> = {}
      ) => {
        pending.push([
          shop,
          conversationId,
          author,
          text,
          extra.intent ?? null,
          extra.confidence ?? null,
          extra.sentiment ?? null,
          extra.angry === undefined ? null : extra.angry ? 1 : 0,
          author === "shopper" ? language : null,
          extra.agentId ?? null,
          extra.agentName ?? null,
          extra.meta ?? null,
          prismaTime(t),
        ]);
      };
      const meta = JSON.stringify(
        order ? { skill: SKILL[intent] ?? "fallback", orderId: order.id } : { skill: SKILL[intent] ?? "fallback" }
      );
      msg("shopper", opener, { intent: APP_INTENT[intent], confidence, sentiment, angry });
      t += r.int(1, 3) * 1000;
      msg("bot", "Let me look that up for you.", { meta });
      const turns = r.int(0, 2);
      for (let k = 0; k < turns; k++) {
        t += r.lognormal(40, 0.6) * 1000;
        msg("shopper", "Thanks, and one more thing…", {
          intent: APP_INTENT[intent],
          confidence: Math.min(0.99, confidence + 0.05),
          sentiment: sentiment + 0.1,
          angry: false,
        });
        t += r.int(1, 3) * 1000;
        msg("bot", "Here is what I found.", { meta });
      }

      const handoffP = intent === "human_agent" ? 0.95 : complaint ? 0.55 : intent === "refund_request" ? 0.4 : 0.1;
      const handoff = r.chance(handoffP) || confidence < 0.45 || angry;
      // Still open only if it started in the last two days of real time: a history that ends days ago is settled.
      const recent = createdAt > Math.min(end, Date.now()) - 2 * DAY && end >= Date.now() - DAY;
      let status = "closed";
      let handoffReason: string | null = null;
      let assignee: (typeof AGENTS)[number] | null = null;
      let firstHumanReplyAt: number | null = null;
      let closedAt: number | null = null;
      let csat: number | null = null;
      const events: [string, string | null, string | null, string | null, number][] = [];
      if (handoff) {
        handoffReason = angry
          ? "angry"
          : intent === "human_agent"
          ? "explicit_request"
          : confidence < 0.45
          ? "low_confidence"
          : complaint
          ? "complaint"
          : "failed_action";
        t += 2000;
        events.push(["handoff", handoffReason, null, null, t]);
        msg("system", "Connecting you with a person.");
        assignee = r.pick(AGENTS);
        if (recent && r.chance(0.4)) status = "waiting";
        else {
          t += r.lognormal(240, 1) * 1000;
          events.push(["assigned", null, assignee[0], assignee[1], t]);
          t += r.lognormal(60, 0.8) * 1000;
          firstHumanReplyAt = t;
          const exchanges = r.int(1, 4);
          for (let k = 0; k < exchanges; k++) {
            msg("agent", "I'm sorry about this, let me sort it out.", { agentId: assignee[0], agentName: assignee[1] });
            t += r.lognormal(50, 0.7) * 1000;
            if (k < exchanges - 1) {
              msg("shopper", "Okay.", { intent: APP_INTENT[intent], confidence, sentiment: sentiment + 0.2, angry: false });
              t += r.lognormal(60, 0.7) * 1000;
            }
          }
          status = recent && r.chance(0.3) ? "assigned" : "closed";
        }
      } else if (recent && r.chance(0.3)) status = "bot";
      if (status === "closed") {
        t += r.lognormal(300, 1) * 1000;
        closedAt = t;
        events.push(["closed", null, assignee?.[0] ?? null, assignee?.[1] ?? null, t]);
        if (r.chance(0.45)) {
          csat = Math.max(
            1,
            Math.min(5, Math.round((complaint ? 3.3 : 4.3) + (handoff ? 0.2 : 0) + (r.next() - 0.5) * 2.5))
          );
          events.push(["csat", String(csat), null, null, t + 30_000]);
        }
      }

      insConversation.run(
        conversationId,
        shop,
        "web_chat",
        `v_${r.id(16)}`,
        known?.id ?? null,
        known?.email ?? null,
        status,
        language,
        assignee?.[0] ?? null,
        assignee?.[1] ?? null,
        handoffReason,
        sentiment,
        csat,
        prismaTime(createdAt),
        writtenAt,
        prismaTime(t),
        firstHumanReplyAt ? prismaTime(firstHumanReplyAt) : null,
        closedAt ? prismaTime(closedAt) : null
      );
      insMessages(pending);
      const messages = pending.length;
      for (const [kind, reason, actorId, actorName, at] of events) {
        insEvent.run(shop, conversationId, kind, reason, actorId, actorName, prismaTime(at));
        report.events++;
      }

      // Outcomes and what support does to the next purchase.
      let remedy: "refund" | "replacement" | null = null;
      const outcome = (kind: string, amount: number | null) => {
        insOutcome.run(
          shop,
          conversationId,
          kind,
          order?.id ?? null,
          amount,
          amount == null ? null : "USD",
          prismaTime(t),
          kind === "return" ? returnReasonFor(conversationId) : null
        );
        report.outcomes++;
      };
      if (status === "closed") {
        if (intent === "cancel_order" && order && r.chance(0.7)) outcome("cancel", null);
        else if (intent === "change_address" && order) outcome("address_change", null);
        else if (intent === "return_request" && order) outcome("return", null);
        else if ((intent === "refund_request" || complaint) && order && r.chance(0.45)) {
          remedy = intent === "refund_request" || r.chance(0.4) ? "refund" : "replacement";
          outcome(remedy, remedy === "refund" ? order.totalPrice : null);
        } else outcome("resolved", null);
      }
      if (known && status === "closed") {
        const p =
          0.12 +
          (remedy === "replacement" ? 0.2 : 0) +
          (remedy === "refund" ? 0.05 : 0) +
          (csat && csat >= 4 ? 0.08 : 0) -
          (complaint && !remedy ? 0.06 : 0);
        if (r.chance(p)) {
          const at = t + r.lognormal(25, 0.6) * DAY;
          if (at < end) makeOrder(known, at);
        }
      }
      report.conversations++;
      report.messages += messages;
      if (report.conversations % commitEvery === 0) {
        db.exec("commit");
        db.exec("begin");
        progress.tick(options.messages ? report.messages : report.conversations);
      }
    }
    db.exec("commit");

    const files = syntheticFiles(options.syntheticDir, shop);
    fs.mkdirSync(path.dirname(files.orders), { recursive: true });
    const orderLines: string[] = [];
    const customerLines: string[] = [];
    for (const c of customers) {
      const record: CustomerRecord = {
        id: c.id,
        email: c.email,
        phone: c.phone,
        createdAt: new Date(c.createdAt).toISOString(),
        updatedAt: writtenAtIso,
      };
      customerLines.push(JSON.stringify(record));
      for (const o of c.orders) orderLines.push(JSON.stringify(o));
    }
    // Appending keeps earlier generations (another seed) in the file, like a shop whose order history grows.
    fs.appendFileSync(files.orders, orderLines.join("\n") + "\n");
    fs.appendFileSync(files.customers, customerLines.join("\n") + "\n");
    report.orders += orderLines.length;
    report.customers += customerLines.length;
  }
  progress.tick(options.messages ? report.messages : report.conversations);
  progress.end();
  for (const sql of droppedIndexes) db.exec(sql);
  db.close();
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

// The dialogue evaluation's file format (see the spec in the README's "Dialogue evaluation" section): zod schemas,
// loading every app/chat/eval/dialogues/*.json, and the {{placeholders}} resolved from the deterministic demo shop.
// Pure: no database, no engine, so the files can be checked without running a conversation.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { RETURN_WINDOW_DAYS } from "../../demo/shop-data";
import type { DemoOrder, DemoOrderScenario, DemoProduct, DemoShop } from "../../demo/shop-data";
import { formatDate, formatMoney, REPLY_LOCALES, t, type ReplyLocale } from "../i18n";

export const DIALOGUES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "dialogues");

/** The files the issue asks for, in the order figures are printed. */
export const DIALOGUE_FILES = ["en", "zh-CN", "es", "fr", "de", "ja", "mixed"] as const;

const SCENARIOS = [
  "delivered",
  "returned",
  "refunded",
  "partially_refunded",
  "cancelled",
  "return_in_progress",
  "return_requested",
  "delivery_failed",
  "late",
  "attempted_delivery",
  "partially_fulfilled",
  "in_transit",
  "out_for_delivery",
  "label_printed",
  "paid_unfulfilled",
  "unpaid",
] as const satisfies readonly DemoOrderScenario[];
const DERIVED_ORDERS = ["returnable", "old_delivered"] as const;
const ORDER_FIELDS = [
  "name",
  "number",
  "email",
  "phone",
  "firstName",
  "tracking",
  "carrier",
  "eta",
  "deliveredAt",
  "total",
  "item",
  "item2",
  "refund",
  "returnName",
  "statusUrl",
  "payUrl",
  "number_fw",
  "shipping",
] as const;
const PRODUCT_KEYS = { stock: ["title", "option"], low: ["title", "option", "count"], soldout: ["title", "option"] } as const;

/** An order key: a scenario (`late`), its n-th order by number (`late#2`), or a derived key (`returnable`). */
const ORDER_KEY = new RegExp(`^(?:(${SCENARIOS.join("|")})(?:#([1-9]\\d*))?|(${DERIVED_ORDERS.join("|")}))$`);

export const DialogueTurn = z
  .object({
    say: z.string().trim().min(1, "say is empty"),
    must: z.array(z.string().min(1)).default([]),
    mustNot: z.array(z.string().min(1)).default([]),
    handoff: z.boolean().optional(),
  })
  .strict();

export const Dialogue = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9-]+$/, "id: letters, digits and - only"),
    language: z.enum(REPLY_LOCALES),
    mixed: z.boolean(),
    botResolvable: z.boolean(),
    loggedIn: z.string().regex(ORDER_KEY, "loggedIn must be an order key such as late, late#2 or returnable").optional(),
    storefrontLocale: z.string().min(2).max(20).optional(),
    note: z.string().optional(),
    turns: z.array(DialogueTurn).min(2, "2 to 6 turns").max(6, "2 to 6 turns"),
  })
  .strict();

export type DialogueTurn = z.infer<typeof DialogueTurn>;
export type Dialogue = z.infer<typeof Dialogue>;
export interface DialogueFile {
  /** File name without .json ("en", "zh-CN", "mixed"). */
  file: string;
  dialogues: Dialogue[];
}

/** One problem in the dialogue files, with where it is. */
export class DialogueFormatError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid dialogue files:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "DialogueFormatError";
  }
}

class PlaceholderError extends Error {}

/** Resolves `{{key.field}}` placeholders from one demo shop, formatted for a dialogue's locale. */
export interface PlaceholderResolver {
  resolve(text: string, locale: ReplyLocale): string;
  /** The order an order key names (for loggedIn); throws on a key the demo shop has no order for. */
  order(key: string): DemoOrder;
}

const DAY = 86_400_000;

export function createPlaceholderResolver(shop: DemoShop): PlaceholderResolver {
  const byNumber = [...shop.orders].sort((a, b) => a.number - b.number);
  const deliveredAt = (o: DemoOrder) => {
    const times = o.fulfillments.map((f) => f.deliveredAt);
    return times.length && times.every(Boolean) ? Math.max(...times.map((d) => Date.parse(d!))) : null;
  };
  const windowStart = shop.now.getTime() - RETURN_WINDOW_DAYS * DAY;
  const delivered = byNumber.filter((o) => o.scenario === "delivered" && deliveredAt(o) !== null);

  function order(key: string): DemoOrder {
    const m = ORDER_KEY.exec(key);
    if (!m) throw new PlaceholderError(`unknown order key "${key}"`);
    const [, scenario, nth, derived] = m;
    let found: DemoOrder | undefined;
    if (derived === "returnable") {
      found = delivered
        .filter((o) => deliveredAt(o)! >= windowStart)
        .sort((a, b) => deliveredAt(b)! - deliveredAt(a)!)[0];
    } else if (derived === "old_delivered") {
      found = delivered.find((o) => deliveredAt(o)! < windowStart);
    } else {
      found = byNumber.filter((o) => o.scenario === scenario)[Number(nth ?? 1) - 1];
    }
    if (!found) throw new PlaceholderError(`the demo shop has no order "${key}"`);
    return found;
  }

  const sellable = shop.products.filter((p) => p.status === "ACTIVE" && p.productType !== "Gift Cards");
  // One option and a value a shopper can type as written ("King", not 8"), so the option names one variant.
  const singleOption = sellable.filter((p) => p.options.length === 1);
  const typeable = (v: string) => /^[\p{L}\p{N} ]+$/u.test(v);
  const pickVariant = (test: (qty: number, p: DemoProduct) => boolean) => {
    for (const p of singleOption) {
      const v = p.variants.find((v) => typeable(v.title) && test(v.inventoryQuantity, p));
      if (v) return { product: p, variant: v };
    }
    return undefined;
  };
  const products = {
    stock: pickVariant((qty) => qty > 5),
    low: pickVariant((qty) => qty >= 1 && qty <= 5),
    soldout: pickVariant((qty, p) => qty <= 0 && p.variants.some((o) => o.inventoryQuantity > 0)),
  };

  function orderField(o: DemoOrder, key: string, field: string, locale: ReplyLocale): string {
    const f = o.fulfillments[0];
    const tracking = f?.trackingInfo.find((t) => t.number);
    const missing = (what: string) => new PlaceholderError(`order ${o.name} ("${key}") has no ${what}`);
    const date = (d: string | null | undefined, what: string) => {
      if (!d) throw missing(what);
      return formatDate(d, locale, shop.shop.ianaTimezone);
    };
    switch (field as (typeof ORDER_FIELDS)[number]) {
      case "name":
        return o.name;
      case "number":
        return String(o.number);
      case "number_fw":
        // The number in full-width digits (１０２７), as Japanese and Chinese keyboards often type it.
        return String(o.number).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      case "shipping":
        return formatMoney(o.totalShippingPriceSet.presentmentMoney.amount, o.totalShippingPriceSet.presentmentMoney.currencyCode, locale);
      case "email":
        return o.email;
      case "phone":
        if (!o.phone) throw missing("phone");
        return o.phone;
      case "firstName": {
        const customer = shop.customers.find((c) => c.id === o.customerId);
        const name = customer?.firstName ?? o.shippingAddress?.firstName;
        if (!name) throw missing("first name");
        return name;
      }
      case "tracking":
        if (!tracking) throw missing("tracking number");
        return tracking.number;
      case "carrier":
        if (!tracking) throw missing("carrier");
        return tracking.company;
      case "eta":
        return date(f?.estimatedDeliveryAt, "estimated delivery");
      case "deliveredAt":
        return date(f?.deliveredAt, "delivery date");
      case "total":
        return formatMoney(o.totalPriceSet.presentmentMoney.amount, o.totalPriceSet.presentmentMoney.currencyCode, locale);
      case "item":
      case "item2": {
        const li = o.lineItems[field === "item" ? 0 : 1];
        if (!li) throw missing(field === "item" ? "line item" : "second line item");
        return li.title;
      }
      case "refund": {
        const r = o.refunds[0];
        if (!r) throw missing("refund");
        return formatMoney(r.totalRefundedSet.presentmentMoney.amount, r.totalRefundedSet.presentmentMoney.currencyCode, locale);
      }
      case "returnName":
        if (!o.returns[0]) throw missing("return");
        return o.returns[0].name;
      case "statusUrl":
        return o.statusPageUrl;
      case "payUrl": {
        if (!o.paymentCollectionUrl) throw missing("payment link (the order is paid)");
        return o.paymentCollectionUrl;
      }
    }
    throw new PlaceholderError(`unknown order field "${field}" (one of ${ORDER_FIELDS.join(", ")})`);
  }

  function one(name: string, locale: ReplyLocale): string {
    if (name === "shop") return shop.shop.name;
    if (name === "yes") return t(locale, "quick.yes");
    if (name === "no") return t(locale, "quick.no");
    const dot = name.lastIndexOf(".");
    if (dot < 0) throw new PlaceholderError(`unknown placeholder {{${name}}}`);
    const key = name.slice(0, dot);
    const field = name.slice(dot + 1);
    if (key in PRODUCT_KEYS) {
      const fields: readonly string[] = PRODUCT_KEYS[key as keyof typeof PRODUCT_KEYS];
      if (!fields.includes(field)) throw new PlaceholderError(`unknown field {{${name}}} (one of ${fields.join(", ")})`);
      const pick = products[key as keyof typeof products];
      if (!pick) throw new PlaceholderError(`the demo shop has no variant for {{${name}}}`);
      if (field === "title") return pick.product.title;
      if (field === "option") return pick.variant.title;
      return String(pick.variant.inventoryQuantity);
    }
    if (!ORDER_KEY.test(key)) throw new PlaceholderError(`unknown placeholder {{${name}}}`);
    return orderField(order(key), key, field, locale);
  }

  return {
    resolve: (text, locale) => text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_, name: string) => one(name, locale)),
    order,
  };
}

/** Splits a `must` entry into its alternatives ("5–10 business days || 5-10 business days"). */
export function alternatives(entry: string): string[] {
  return entry.split(" || ").map((s) => s.trim()).filter(Boolean);
}

function where(file: string, dialogue: unknown, index: number, turn?: number): string {
  const id = (dialogue as { id?: unknown } | null)?.id;
  return `${file}.json: ${typeof id === "string" ? id : `dialogue #${index + 1}`}${turn === undefined ? "" : ` turn ${turn + 1}`}`;
}

/**
 * Reads and checks every dialogue file: the format, ids (unique across files, prefixed by the file's name), every
 * placeholder and loggedIn key against the demo shop. Returns the files and the list of problems (empty when valid).
 */
export function readDialogueFiles(
  shop: DemoShop,
  dir: string = DIALOGUES_DIR,
): { files: DialogueFile[]; problems: string[] } {
  const resolver = createPlaceholderResolver(shop);
  const problems: string[] = [];
  const files: DialogueFile[] = [];
  const seen = new Map<string, string>();
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
  const rank = (f: string) => {
    const i = (DIALOGUE_FILES as readonly string[]).indexOf(f);
    return i < 0 ? DIALOGUE_FILES.length : i;
  };
  for (const name of names.sort((a, b) => rank(a.slice(0, -5)) - rank(b.slice(0, -5)) || a.localeCompare(b))) {
    const file = name.slice(0, -5);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    } catch (error) {
      problems.push(`${name}: not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (!Array.isArray(raw)) {
      problems.push(`${name}: must be a JSON array of dialogues`);
      continue;
    }
    const dialogues: Dialogue[] = [];
    raw.forEach((entry, i) => {
      const parsed = Dialogue.safeParse(entry);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const turn = issue.path[0] === "turns" && typeof issue.path[1] === "number" ? issue.path[1] : undefined;
          const field = issue.path.join(".") || "(dialogue)";
          problems.push(`${where(file, entry, i, turn)}: ${field}: ${issue.message}`);
        }
        return;
      }
      const d = parsed.data;
      if (!d.id.startsWith(`${file}-`)) problems.push(`${where(file, d, i)}: id must start with "${file}-"`);
      const other = seen.get(d.id);
      if (other) problems.push(`${where(file, d, i)}: id already used in ${other}.json`);
      seen.set(d.id, file);
      if (d.loggedIn) {
        try {
          if (!resolver.order(d.loggedIn).customerId) {
            problems.push(`${where(file, d, i)}: loggedIn "${d.loggedIn}" is a guest order (no customer to log in as)`);
          }
        } catch (error) {
          problems.push(`${where(file, d, i)}: loggedIn: ${(error as Error).message}`);
        }
      }
      d.turns.forEach((turn, k) => {
        for (const text of [turn.say, ...turn.must.flatMap(alternatives), ...turn.mustNot]) {
          try {
            resolver.resolve(text, d.language);
          } catch (error) {
            if (!(error instanceof PlaceholderError)) throw error;
            problems.push(`${where(file, d, i, k)}: ${error.message} in "${text}"`);
          }
        }
      });
      dialogues.push(d);
    });
    files.push({ file, dialogues });
  }
  return { files, problems };
}

/** Every dialogue file, or a DialogueFormatError listing every problem. */
export function loadDialogueFiles(shop: DemoShop, dir?: string): DialogueFile[] {
  const { files, problems } = readDialogueFiles(shop, dir);
  if (problems.length) throw new DialogueFormatError(problems);
  return files;
}

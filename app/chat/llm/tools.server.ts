import { tool, type ToolRunnableConfig } from "@langchain/core/tools";
import { z } from "zod";
import type { HandoffReason } from "../../inbox/handoff.server";
import { account } from "../skills/account.server";
import { cancelOrder, changeAddress } from "../skills/actions.server";
import { startReturn } from "../skills/returns.server";
import type { Skill, SkillContext, SkillResult } from "../skills/context";
import { invoice, orderStatus } from "../skills/order-status.server";
import { policyAnswer } from "../skills/policy.server";
import { productQuestion } from "../skills/product.server";
import { refundStatus } from "../skills/refund.server";
import { TOOL_RESULT_NOTE } from "./prompts";

/**
 * What the tools of one turn share. The tools are a static list (so they can be bound to a model once); the turn's
 * context reaches them through `config.configurable.session`.
 */
export interface ToolSession {
  /** The turn's skill context; skills change `ctx.state` in place, exactly as in the deterministic engine. */
  ctx: SkillContext;
  /** Every message the shopper typed in this conversation, this one included. Contact details must come from here. */
  shopperTexts: string[];
  /** What each tool call did, in order. */
  calls: ToolCallRecord[];
  /** Set by a tool whose result must reach the shopper verbatim (a confirmation question, a handoff). */
  stop?: "confirmation" | "handoff";
  handoff?: HandoffReason;
}

export interface ToolCallRecord {
  name: string;
  result: SkillResult;
  /** The text sent back to the model. */
  output: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const PHONE_RUN = /\+?\d[\d\s().-]{5,}\d/g;
const digits = (s: string) => s.replace(/\D/g, "");

/** The email addresses in a text, lower-cased. */
export function emailsIn(text: string): string[] {
  return [...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase());
}

/**
 * True when the shopper typed this contact detail themselves. This is the guard against a model (or text injected
 * into it) putting another customer's email or phone into a tool call: knowing the order number and its contact is
 * what proves ownership, so the contact must come from the shopper's own keyboard.
 */
export function typedByShopper(kind: "email" | "phone", value: string, shopperTexts: string[]): boolean {
  if (kind === "email") {
    const wanted = value.trim().toLowerCase();
    return shopperTexts.some((t) => emailsIn(t).includes(wanted));
  }
  const wanted = digits(value);
  if (wanted.length < 7) return false;
  return shopperTexts.some((t) =>
    [...t.matchAll(PHONE_RUN)].some((m) => {
      const typed = digits(m[0]);
      // "+1 555 010 0199" typed, "5550100199" passed (or the reverse): the same number written differently.
      return typed.length >= 7 && (typed.endsWith(wanted) || wanted.endsWith(typed));
    })
  );
}

/** Hides any email address the shopper did not type, in case a reply text ever carries one. */
function redactForeignEmails(text: string, shopperTexts: string[]): string {
  const own = new Set(shopperTexts.flatMap(emailsIn));
  return text.replace(EMAIL, (email) => (own.has(email.toLowerCase()) ? email : "[hidden]"));
}

function sessionOf(config: ToolRunnableConfig): ToolSession {
  const session = (config.configurable as { session?: ToolSession } | undefined)?.session;
  if (!session) throw new Error("Shopdesk tools need a session in config.configurable");
  return session;
}

interface OrderArgs {
  orderNumber?: string;
  email?: string;
  phone?: string;
}

const orderArgs = {
  orderNumber: z.string().max(40).optional().describe("The order number the shopper gave, e.g. 1001 or #1001"),
  email: z
    .string()
    .max(200)
    .optional()
    .describe("The email address exactly as the shopper typed it in this conversation. Never invent or copy one."),
  phone: z
    .string()
    .max(40)
    .optional()
    .describe("The phone number exactly as the shopper typed it in this conversation. Never invent or copy one."),
};

/**
 * A skill context for one tool call. The entities a skill reads come from the tool arguments, but an email or phone
 * counts only when the shopper typed it; the skills' own rules (withOrder's verification, attempt limits, the
 * merchant's settings, confirmation before any change) then apply unchanged.
 */
function contextFor(
  session: ToolSession,
  intent: string,
  args: OrderArgs & { text?: string }
): { ctx: SkillContext; rejected: string[] } {
  const base = session.ctx;
  const rejected: string[] = [];
  const accept = (kind: "email" | "phone", value: string | undefined): string[] => {
    if (!value?.trim()) return [];
    if (typedByShopper(kind, value, session.shopperTexts)) return [value.trim()];
    rejected.push(kind);
    return [];
  };
  let emails = accept("email", args.email);
  let phones = accept("phone", args.phone);
  // A model that forgot to pass what the shopper just typed should not make them type it again.
  if (!args.email && !args.phone) {
    emails = base.nlu.entities.emails;
    phones = base.nlu.entities.phones;
  }
  const orderNumber = args.orderNumber ? digits(args.orderNumber) : "";
  const ctx: SkillContext = {
    ...base,
    intent,
    text: args.text ?? base.text,
    nlu: {
      ...base.nlu,
      intent,
      entities: {
        ...base.nlu.entities,
        orderNumbers: orderNumber ? [orderNumber] : [],
        emails,
        phones,
      },
    },
  };
  return { ctx, rejected };
}

/** Runs a skill for a tool call and turns its result into the text the model sees. */
async function runForModel(
  session: ToolSession,
  name: string,
  skill: Skill,
  ctx: SkillContext,
  extra: { rejected?: string[]; mutation?: boolean; keepHandoff?: boolean } = {}
): Promise<string> {
  const before = session.ctx.state.pending;
  const result = await skill(ctx);
  const state = session.ctx.state;
  const facts: Record<string, unknown> = {};
  if (extra.rejected?.length) {
    facts.contactRejected =
      `The ${extra.rejected.join(" and ")} in the tool call was not typed by the shopper in this conversation, ` +
      "so it was not used. Ask the shopper to type the email or phone number used for the order.";
  }
  if (state.awaiting) facts.waitingForShopper = state.awaiting.kind;
  if (state.pending && state.pending !== before) {
    facts.confirmationAsked = true;
    if (extra.mutation) session.stop = "confirmation";
  }
  if (result.outcome) facts.resolved = true;
  // A skill that hands over (verification locked, action not allowed) is obeyed; "nothing found in the policies"
  // is left to the model, which offers a person itself.
  if (result.handoff && (extra.keepHandoff || result.handoff !== "low_confidence")) {
    facts.handoff = result.handoff;
    session.handoff = result.handoff;
    session.stop = "handoff";
  }
  const reply = redactForeignEmails(result.replies.map((r) => r.text).join("\n"), session.shopperTexts);
  // Replies' meta (order ids, totals for the inbox) is for the merchant, not for the model.
  const output = JSON.stringify({ note: TOOL_RESULT_NOTE, reply, facts });
  session.calls.push({ name, result, output });
  return output;
}

function orderTool(name: string, description: string, intent: string, skill: Skill, mutation = false) {
  return tool(
    async (args: OrderArgs, config: ToolRunnableConfig) => {
      const session = sessionOf(config);
      const { ctx, rejected } = contextFor(session, intent, args);
      return runForModel(session, name, skill, ctx, { rejected, mutation });
    },
    { name, description, schema: z.object(orderArgs) }
  );
}

const ACCOUNT_TOPICS = {
  login: "registration_problems",
  create_account: "create_account",
  reset_password: "recover_password",
  edit_account: "edit_account",
  delete_account: "delete_account",
  newsletter: "newsletter_subscription",
  switch_account: "switch_account",
} as const;

const POLICY_INTENTS = new Set([
  "check_refund_policy",
  "check_cancellation_fee",
  "delivery_options",
  "delivery_period",
  "check_payment_methods",
  "payment_issue",
  "promotion_question",
  "place_order",
  "review",
]);

const HANDOFF_REASONS: Record<string, HandoffReason> = {
  shopper_asked: "explicit_request",
  cannot_answer: "low_confidence",
  complaint: "complaint",
  account_request: "account_request",
};

/** Every tool the model may call; each wraps an existing skill and keeps that skill's rules. */
export const shopdeskTools = [
  orderTool(
    "order_status",
    "Status, shipments, tracking and delivery of one order. Needs the order number and the email or phone the " +
      "shopper typed (not needed for a logged-in shopper's own orders).",
    "track_order",
    orderStatus
  ),
  orderTool(
    "invoice",
    "Link to the invoice / order status page of one order. Same verification as order_status.",
    "get_invoice",
    invoice
  ),
  orderTool(
    "refund_status",
    "Refunds issued and returns open for one order. Same verification as order_status.",
    "track_refund",
    refundStatus
  ),
  orderTool(
    "cancel_order",
    "Prepares cancelling an unshipped order. It does NOT cancel: it asks the shopper to confirm.",
    "cancel_order",
    cancelOrder,
    true
  ),
  orderTool(
    "change_shipping_address",
    "Prepares changing the shipping address of an unshipped order, with the new address taken from the " +
      "shopper's message. It does NOT change anything: it asks the shopper to confirm.",
    "change_shipping_address",
    changeAddress,
    true
  ),
  orderTool(
    "start_return",
    "Prepares a return of delivered items inside the return window. It does NOT create the return: it asks the " +
      "shopper to confirm.",
    "return_item",
    startReturn,
    true
  ),
  tool(
    async ({ query }: { query: string }, config: ToolRunnableConfig) => {
      const session = sessionOf(config);
      const { ctx } = contextFor(session, "product_question", { text: query });
      // The product is found from the query alone, so a product named earlier does not win over the one asked about.
      ctx.nlu.entities.products = [];
      return runForModel(session, "product_info", productQuestion, ctx);
    },
    {
      name: "product_info",
      description: "Price, options and live stock of a product in the shop's catalog.",
      schema: z.object({
        query: z.string().min(1).max(300).describe("The product name and any size or colour asked about"),
      }),
    }
  ),
  tool(
    async ({ question }: { question: string }, config: ToolRunnableConfig) => {
      const session = sessionOf(config);
      const intent = POLICY_INTENTS.has(session.ctx.nlu.intent) ? session.ctx.nlu.intent : "faq";
      const { ctx } = contextFor(session, intent, { text: question });
      return runForModel(session, "search_policies", policyAnswer, ctx);
    },
    {
      name: "search_policies",
      description:
        "Searches the shop's policies (refund, shipping, terms) and knowledge base (FAQ, articles). Use it for any " +
        "question about how the shop works.",
      schema: z.object({ question: z.string().min(1).max(500).describe("The shopper's question in their words") }),
    }
  ),
  tool(
    async ({ topic }: { topic: keyof typeof ACCOUNT_TOPICS }, config: ToolRunnableConfig) => {
      const session = sessionOf(config);
      const { ctx } = contextFor(session, ACCOUNT_TOPICS[topic], {});
      return runForModel(session, "account_help", account, ctx, { keepHandoff: true });
    },
    {
      name: "account_help",
      description: "Where the shopper manages their customer account (login, password, details, newsletter).",
      schema: z.object({
        topic: z.enum(Object.keys(ACCOUNT_TOPICS) as [keyof typeof ACCOUNT_TOPICS, ...(keyof typeof ACCOUNT_TOPICS)[]]),
      }),
    }
  ),
  tool(
    async ({ reason }: { reason: keyof typeof HANDOFF_REASONS }, config: ToolRunnableConfig) => {
      const session = sessionOf(config);
      session.handoff = HANDOFF_REASONS[reason] ?? "explicit_request";
      session.stop = "handoff";
      session.calls.push({ name: "handoff", result: { replies: [], handoff: session.handoff }, output: "" });
      return JSON.stringify({ note: TOOL_RESULT_NOTE, facts: { handoff: session.handoff } });
    },
    {
      name: "handoff",
      description:
        "Passes the conversation to a person on the shop's team. Use it when the shopper asks for a person, is " +
        "unhappy, or the tools cannot answer.",
      schema: z.object({ reason: z.enum(["shopper_asked", "cannot_answer", "complaint", "account_request"]) }),
    }
  ),
];

export type ShopdeskTool = (typeof shopdeskTools)[number];

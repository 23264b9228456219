import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ToolCall } from "@langchain/core/messages/tool";
import prisma from "../../db.server";
import { log } from "../../log.server";
import type { SkillContext, SkillResult } from "../skills/context";
import type { DialogueState } from "../state";
import { systemPrompt } from "./prompts";
import { configuredChatModel } from "./provider.server";
import { shopdeskTools, type ToolSession } from "./tools.server";

/** Model calls per shopper message: enough for look-up, a second look-up, and the answer; a loop costs no more. */
export const MAX_MODEL_CALLS = 4;
/** The whole LLM part of one turn, retries included; after it the deterministic answer is given instead. */
export const TURN_BUDGET_MS = 45_000;
const HISTORY_MESSAGES = 20;
const SHOPPER_TEXTS = 100;
const MAX_LINE = 1000;

// Asking for a person or complaining is answered by the deterministic handoff: a model must not talk a shopper out of it.
const DETERMINISTIC_INTENTS = new Set(["complaint", "change_order", "contact_customer_service", "contact_human_agent"]);
// Only small talk may be answered without a tool; everything else must rest on a tool result.
const FREE_INTENTS = new Set(["greeting", "thanks", "goodbye"]);

export interface LlmTurnInput {
  /** The turn's context; `ctx.state` is changed in place by the tools (pending confirmations, verification). */
  ctx: SkillContext;
  model: BaseChatModel;
  /** The deterministic engine's answer to this message, given whenever the model's cannot be used. */
  fallback: () => Promise<SkillResult>;
}

/**
 * Answers one message with the model and the Shopdesk tools: a bounded tool-calling loop whose answer must rest on
 * tool results. Provider errors, ungrounded answers and answers that skipped the tools give the deterministic
 * engine's answer instead; a confirmation question or a handoff from a tool is given verbatim.
 */
export async function runLlmTurn({ ctx, model, fallback }: LlmTurnInput): Promise<SkillResult> {
  const intent = ctx.nlu.intent;
  if (DETERMINISTIC_INTENTS.has(intent) || !model.bindTools) return fallback();
  const snapshot = structuredClone(ctx.state);
  const giveUp = async (why: string, error?: unknown): Promise<SkillResult> => {
    log.warn("LLM turn fell back to the deterministic engine", {
      shop: ctx.shop,
      conversationId: ctx.conversationId,
      why,
      ...(error ? { error: describeError(error) } : {}),
    });
    // Whatever the tools half-did (a question asked, a confirmation prepared) gives way to the deterministic turn.
    restoreState(ctx.state, snapshot);
    return fallback();
  };

  try {
    const { history, shopperTexts } = await conversationSoFar(ctx);
    const session: ToolSession = { ctx, shopperTexts, calls: [] };
    const messages: BaseMessage[] = [
      new SystemMessage(systemPrompt({ shopName: ctx.profile.name, locale: ctx.locale, tone: ctx.settings.tone })),
      ...history,
      new HumanMessage(ctx.text),
    ];
    const bound = model.bindTools(shopdeskTools);
    const signal = AbortSignal.timeout(TURN_BUDGET_MS);
    let answer: string | undefined;

    for (let call = 0; call < MAX_MODEL_CALLS && answer === undefined; call++) {
      const ai = await bound.invoke(messages, { signal });
      messages.push(ai);
      const toolCalls = (ai as AIMessage).tool_calls ?? [];
      if (!toolCalls.length) {
        answer = ai.text.trim();
        break;
      }
      for (const toolCall of toolCalls) {
        messages.push(await runToolCall(toolCall, session));
        // Mutation tools stop here: their confirmation question must reach the shopper word for word, so the
        // shopper's "yes" means exactly what they read. The yes itself is executed by the deterministic engine.
        if (session.stop) return stoppedResult(session);
      }
    }

    const toolReplies = session.calls.flatMap((c) => c.result.replies).filter((r) => r.text);
    const outcome = [...session.calls].reverse().find((c) => c.result.outcome)?.result.outcome;
    const fromTools = (): SkillResult => ({ replies: toolReplies.map((r) => ({ text: r.text })), outcome });
    if (!answer) return toolReplies.length ? fromTools() : giveUp("no answer within the call budget");
    if (!session.calls.length && !FREE_INTENTS.has(intent)) return giveUp("answered without a tool");
    const sources = [...session.calls.map((c) => c.output), ...shopperTexts, ...history.map((m) => m.text)];
    const ungrounded = ungroundedFacts(answer, sources);
    if (ungrounded.length) {
      log.warn("LLM answer named facts no tool gave; the tools' own replies are shown", {
        shop: ctx.shop,
        conversationId: ctx.conversationId,
        count: ungrounded.length,
      });
      return toolReplies.length ? fromTools() : giveUp("ungrounded answer");
    }
    return {
      replies: [{ text: answer, meta: { llm: true, tools: session.calls.map((c) => c.name) } }],
      outcome,
    };
  } catch (error) {
    return giveUp("provider or tool error", error);
  }
}

/** LLM mode's entry from the dialogue engine: the configured model, or the deterministic answer without one. */
export function llmAnswer(ctx: SkillContext, fallback: () => Promise<SkillResult>): Promise<SkillResult> {
  const model = configuredChatModel();
  return model ? runLlmTurn({ ctx, model, fallback }) : fallback();
}

async function runToolCall(toolCall: ToolCall, session: ToolSession): Promise<ToolMessage> {
  const id = toolCall.id ?? `call_${session.calls.length}`;
  const found = shopdeskTools.find((t) => t.name === toolCall.name);
  if (!found) return new ToolMessage({ content: `There is no tool named ${toolCall.name}.`, tool_call_id: id });
  try {
    // The union of tool types has no common call signature; each tool validates its own arguments with zod.
    const invoke = found.invoke.bind(found) as (input: ToolCall, config: object) => Promise<ToolMessage>;
    return await invoke({ ...toolCall, id }, { configurable: { session } });
  } catch (error) {
    if (error instanceof Error && error.name === "ToolInputParsingException") {
      return new ToolMessage({ content: `Invalid arguments for ${toolCall.name}.`, tool_call_id: id, status: "error" });
    }
    throw error;
  }
}

function stoppedResult(session: ToolSession): SkillResult {
  const last = session.calls[session.calls.length - 1];
  const outcome = last?.result.outcome;
  if (session.stop === "handoff") return { replies: last?.result.replies ?? [], handoff: session.handoff, outcome };
  return { replies: last.result.replies, outcome };
}

/** The recent conversation as chat messages, and every message the shopper typed (for the contact check). */
async function conversationSoFar(ctx: SkillContext): Promise<{ history: BaseMessage[]; shopperTexts: string[] }> {
  const [recent, shopper] = await Promise.all([
    prisma.message.findMany({
      where: { conversationId: ctx.conversationId, author: { in: ["shopper", "bot", "agent"] } },
      orderBy: { id: "desc" },
      take: HISTORY_MESSAGES,
      select: { author: true, text: true },
    }),
    prisma.message.findMany({
      where: { conversationId: ctx.conversationId, author: "shopper" },
      orderBy: { id: "desc" },
      take: SHOPPER_TEXTS,
      select: { text: true },
    }),
  ]);
  recent.reverse();
  // The message being answered is already stored; it is sent last, on its own.
  const last = recent[recent.length - 1];
  if (last?.author === "shopper" && last.text === ctx.text) recent.pop();
  const history = recent.map((m) =>
    m.author === "shopper" ? new HumanMessage(m.text.slice(0, MAX_LINE)) : new AIMessage(m.text.slice(0, MAX_LINE))
  );
  return { history, shopperTexts: [ctx.text, ...shopper.map((m) => m.text)] };
}

const URL_RE = /https?:\/\/[^\s<>"')\]]+/g;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;

/**
 * Links, emails and numbers of four or more digits (order, tracking and phone numbers, years) in the answer that
 * appear in no tool result and no message of the conversation: what a model made up or remembered from elsewhere.
 */
export function ungroundedFacts(answer: string, sources: string[]): string[] {
  const haystack = sources.join("\n").toLowerCase();
  const urls = (answer.match(URL_RE) ?? []).map((u) => u.replace(/[.,;:!?]+$/, ""));
  const emails = answer.match(EMAIL_RE) ?? [];
  let rest = answer;
  for (const v of [...urls, ...emails]) rest = rest.replace(v, " ");
  const numbers = rest.split(/[^\p{L}\p{N}]+/u).filter((w) => (w.match(/\d/g) ?? []).length >= 4);
  return [...urls, ...emails, ...numbers].filter((v) => !haystack.includes(v.toLowerCase()));
}

function restoreState(target: DialogueState, snapshot: DialogueState) {
  for (const key of Object.keys(target) as (keyof DialogueState)[]) delete target[key];
  Object.assign(target, structuredClone(snapshot));
}

/** An error for the log: status and message, never the request (which carries the API key in its headers). */
function describeError(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: number }).status;
    return `${error.name}${status ? ` ${status}` : ""}: ${error.message.slice(0, 300)}`;
  }
  return String(error).slice(0, 300);
}

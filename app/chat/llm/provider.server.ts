import { ChatAnthropic } from "@langchain/anthropic";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAICompletions } from "@langchain/openai";
import { env, type Env } from "../../env.server";
import { log } from "../../log.server";

export type LlmProvider = "openai" | "anthropic" | "ollama";

/** Everything needed to build a chat model; production fills it from the environment, tests pass it directly. */
export interface LlmConfig {
  provider: LlmProvider;
  model: string;
  baseUrl?: string;
  apiKey?: string;
  /** Per request; a slow provider must not hold the shopper longer than the deterministic answer would. */
  timeoutMs?: number;
  /** Retries on 429/5xx/network errors before the turn falls back to the deterministic engine. */
  maxRetries?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_RETRIES = 2;
// Customer service wants the same answer to the same question, not creativity.
const TEMPERATURE = 0;
const MAX_TOKENS = 600;

/** Builds the LangChain chat model for a provider. The API key is handed to the client and never logged. */
export function createChatModel(config: LlmConfig): BaseChatModel {
  const timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = config.maxRetries ?? DEFAULT_MAX_RETRIES;
  switch (config.provider) {
    case "openai":
      // The Chat Completions class, not ChatOpenAI: ChatOpenAI switches some model names to the Responses API,
      // which most OpenAI-compatible servers (vLLM, LM Studio, LiteLLM, Azure-style gateways) do not implement.
      return new ChatOpenAICompletions({
        model: config.model,
        temperature: TEMPERATURE,
        maxTokens: MAX_TOKENS,
        timeout,
        maxRetries,
        // Local OpenAI-compatible servers often need no key, but the SDK refuses to start without one.
        apiKey: config.apiKey || "no-key",
        configuration: config.baseUrl ? { baseURL: config.baseUrl } : undefined,
      });
    case "anthropic":
      return new ChatAnthropic({
        model: config.model,
        temperature: TEMPERATURE,
        maxTokens: MAX_TOKENS,
        maxRetries,
        apiKey: config.apiKey,
        anthropicApiUrl: config.baseUrl,
        clientOptions: { timeout },
      });
    case "ollama":
      return new ChatOllama({
        model: config.model,
        temperature: TEMPERATURE,
        numPredict: MAX_TOKENS,
        maxRetries,
        baseUrl: config.baseUrl,
        // Ollama itself has no keys; a key here is for a reverse proxy in front of it.
        headers: config.apiKey ? { Authorization: `Bearer ${config.apiKey}` } : undefined,
      });
  }
}

/** The LLM configuration from the environment, or null when LLM mode is off. */
export function llmConfigFrom(source: Env = env): LlmConfig | null {
  if (source.LLM_PROVIDER === "none" || !source.LLM_MODEL) return null;
  return {
    provider: source.LLM_PROVIDER,
    model: source.LLM_MODEL,
    baseUrl: source.LLM_BASE_URL,
    apiKey: source.LLM_API_KEY,
  };
}

let configured: BaseChatModel | null | undefined;

/** The model configured for this process (built once), or null when LLM mode is off. */
export function configuredChatModel(): BaseChatModel | null {
  if (configured !== undefined) return configured;
  const config = llmConfigFrom();
  configured = config ? createChatModel(config) : null;
  if (config) {
    // Provider, model and endpoint help when reading logs; the key stays out.
    log.info("LLM mode on", { provider: config.provider, model: config.model, baseUrl: config.baseUrl ?? "default" });
  }
  return configured;
}

import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { log } from "../../log.server";
import { configuredChatModel } from "./provider.server";
import { TRANSLATE_PROMPT } from "./prompts";

const TIMEOUT_MS = 20_000;

/** True when a model is configured, so the bot may offer to translate a quote in another language. */
export function canTranslate(): boolean {
  return configuredChatModel() !== null;
}

// Prices, amounts and durations must survive a translation unchanged: a number the source has and the translation
// lacks (or the reverse) means the model changed a fact, and the quote stays in its own language.
const numbersOf = (text: string) => (text.match(/\d+(?:[.,]\d+)?/g) ?? []).map((n) => n.replace(",", ".")).sort();

/**
 * A merchant's text (a policy passage) in the shopper's language, through the configured model; null when no model
 * is configured, the model fails, or its translation does not keep every number of the source.
 */
export async function translateQuote(text: string, languageName: string): Promise<string | null> {
  const model = configuredChatModel();
  if (!model) return null;
  try {
    const answer = await model.invoke(
      [new SystemMessage(TRANSLATE_PROMPT.replace("{language}", languageName)), new HumanMessage(text)],
      { signal: AbortSignal.timeout(TIMEOUT_MS) },
    );
    const translated = typeof answer.content === "string" ? answer.content.trim() : "";
    if (!translated || numbersOf(translated).join(" ") !== numbersOf(text).join(" ")) {
      log.warn("translation dropped: numbers differ from the source", { language: languageName });
      return null;
    }
    return translated;
  } catch (error) {
    log.warn("translation failed", { error: String(error) });
    return null;
  }
}

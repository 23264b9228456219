/** Quick replies a merchant can switch on in the theme editor. */
export type QuickReplyKey = "trackOrder" | "startReturn" | "talkToPerson";

/** Every user-facing string; Liquid fills them from `locales/*.json` so the script ships no copy of its own. */
export interface Strings {
  title: string;
  launcherLabel: string;
  greeting: string;
  close: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  sending: string;
  typing: string;
  you: string;
  assistant: string;
  agent: string;
  log: string;
  waiting: string;
  offline: string;
  error: string;
  retry: string;
  tooLong: string;
  rateLimited: string;
  loadError: string;
  unread: string;
  counter: string;
  newTab: string;
  quickTrackOrder: string;
  quickStartReturn: string;
  quickTalkToPerson: string;
  closed: string;
  csatPrompt: string;
  csatScore: string;
  csatComment: string;
  csatSubmit: string;
  csatThanks: string;
}

export interface Settings {
  accentColor: string;
  position: "left" | "right";
  quickReplies: QuickReplyKey[];
}

/** What the app embed block hands to the script in `#shopdesk-chat-config`. */
export interface WidgetConfig {
  proxyPath: string;
  shop: string;
  locale: string;
  customerId: string | null;
  settings: Settings;
  strings: Strings;
}

export const CONFIG_ELEMENT_ID = "shopdesk-chat-config";
export const MAX_MESSAGE_LENGTH = 2000;

// English fallbacks keep the widget usable when a theme's cached block output predates a newly added string.
const DEFAULT_STRINGS: Strings = {
  title: "Customer support",
  launcherLabel: "Chat with us",
  greeting: "Hi! How can we help you today?",
  close: "Close chat",
  inputLabel: "Message",
  placeholder: "Type your message…",
  send: "Send",
  sending: "Sending…",
  typing: "Typing…",
  you: "You",
  assistant: "Assistant",
  agent: "Support agent",
  log: "Conversation",
  waiting: "Connecting you with a team member…",
  offline: "You're offline. Check your connection, then retry.",
  error: "Your message could not be sent.",
  retry: "Retry",
  tooLong: "Messages can be at most {max} characters.",
  rateLimited: "You're sending messages too quickly. Retrying in {seconds} s.",
  loadError: "The conversation could not be loaded.",
  unread: "{count} unread messages",
  counter: "{count} of {max} characters",
  newTab: "opens in a new tab",
  quickTrackOrder: "Track my order",
  quickStartReturn: "Start a return",
  quickTalkToPerson: "Talk to a person",
  closed: "This conversation has ended.",
  csatPrompt: "How would you rate this conversation?",
  csatScore: "{score} out of 5",
  csatComment: "Anything to add? (optional)",
  csatSubmit: "Send rating",
  csatThanks: "Thank you for your feedback!",
};

const QUICK_REPLY_KEYS: QuickReplyKey[] = ["trackOrder", "startReturn", "talkToPerson"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown, fallback: string): string {
  return typeof value === "string" && value.trim() !== "" ? value : fallback;
}

/** Validates the JSON from the page; anything missing or malformed falls back to a safe default. */
export function parseConfig(raw: unknown): WidgetConfig {
  const input = isRecord(raw) ? raw : {};
  const settings = isRecord(input.settings) ? input.settings : {};
  const rawStrings = isRecord(input.strings) ? input.strings : {};
  const strings = { ...DEFAULT_STRINGS };
  for (const key of Object.keys(DEFAULT_STRINGS) as (keyof Strings)[]) {
    strings[key] = str(rawStrings[key], DEFAULT_STRINGS[key]);
  }
  const quickReplies = Array.isArray(settings.quickReplies)
    ? QUICK_REPLY_KEYS.filter((key) => (settings.quickReplies as unknown[]).includes(key))
    : [];
  const customerId = input.customerId;
  // Only same-origin paths: the config must not be able to point the widget's requests at another host.
  const proxyPath = str(input.proxyPath, "/apps/shopdesk");
  return {
    proxyPath: /^\/(?!\/)[\w\-/]*$/.test(proxyPath) ? proxyPath.replace(/\/+$/, "") : "/apps/shopdesk",
    shop: str(input.shop, ""),
    locale: str(input.locale, "en"),
    customerId:
      typeof customerId === "number" || (typeof customerId === "string" && customerId !== "")
        ? String(customerId)
        : null,
    settings: {
      accentColor: str(settings.accentColor, "#1a73e8"),
      position: settings.position === "left" ? "left" : "right",
      quickReplies,
    },
    strings,
  };
}

/** Reads the block's JSON hand-off; returns null when the block is not on the page or its JSON is broken. */
export function readConfig(doc: Document): WidgetConfig | null {
  const element = doc.getElementById(CONFIG_ELEMENT_ID);
  if (!element?.textContent) return null;
  try {
    return parseConfig(JSON.parse(element.textContent));
  } catch {
    return null;
  }
}

/** Fills `{name}` placeholders; strings come from Liquid, whose own `{{ }}` syntax must not be used for this. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

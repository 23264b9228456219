import type { ShopSettings } from "@prisma/client";
import type { Understanding as NluResult } from "../understand";
import type { CatalogProduct } from "../catalog.server";
import type { MessageKey, ReplyLocale } from "../i18n";
import type { DialogueState } from "../state";
import type { AdminGraphql } from "../types";
import type { HandoffReason } from "../../inbox/handoff.server";
import type { ShopProfile } from "../shop-profile.server";

/** A message the bot sends; quick replies become buttons in the widget. */
export interface BotReply {
  text: string;
  quickReplies?: string[];
  meta?: Record<string, unknown>;
}

export interface Outcome {
  kind: "cancel" | "address_change" | "return" | "refund" | "replacement" | "resolved";
  orderId?: string;
  amount?: number;
  currency?: string;
  /** Why: a return's reason code, the parcel option the shopper picked. */
  reason?: string;
}

/** Everything a skill may read; skills change `state` in place and return what to say. */
export interface SkillContext {
  shop: string;
  conversationId: string;
  visitorId: string;
  /** GID of the logged-in customer (signed by the App Proxy), or null. */
  customerId: string | null;
  graphql: AdminGraphql;
  settings: ShopSettings;
  profile: ShopProfile;
  catalog: CatalogProduct[];
  locale: ReplyLocale;
  text: string;
  nlu: NluResult;
  intent: string;
  state: DialogueState;
  now: Date;
  tr: (key: MessageKey, vars?: Record<string, string | number>) => string;
}

export interface SkillResult {
  replies: BotReply[];
  handoff?: HandoffReason;
  outcome?: Outcome;
}

export type Skill = (ctx: SkillContext) => Promise<SkillResult>;

export const say = (...texts: string[]): SkillResult => ({ replies: texts.filter(Boolean).map((text) => ({ text })) });

/** A reply saying the bot could not answer; marked so the dialogue (and its evaluation) never lets one dead-end. */
export const refusal = (text: string, quickReplies?: string[]): SkillResult => ({
  replies: [{ text, quickReplies, meta: { refusal: true } }],
});

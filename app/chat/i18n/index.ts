import { en, type MessageKey, type Templates } from "./en";
import { de } from "./de";
import { es } from "./es";
import { fr } from "./fr";
import { ja } from "./ja";
import { zhCN } from "./zh-CN";
import type { ReplyLocale } from "./format";

export const TEMPLATES: Record<ReplyLocale, Partial<Templates>> = { en, "zh-CN": zhCN, es, fr, de, ja };

/** The reply template for a key in a locale (English when a translation is missing), with `{vars}` filled in. */
export function t(locale: ReplyLocale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = TEMPLATES[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type { MessageKey };
export * from "./format";

import { z } from "zod";
import prisma from "../db.server";
import { PARCEL_OPTIONS } from "./state";

/** The shop's bot settings, created with defaults the first time they are needed. */
export async function settingsFor(shop: string) {
  return (
    (await prisma.shopSettings.findUnique({ where: { shop } })) ??
    prisma.shopSettings.upsert({ where: { shop }, create: { shop }, update: {} })
  );
}

/** The shop's primary language: the first of its bot languages, as a locale tag ("en" when unreadable). */
export function shopLanguage(settings: { languages: string }): string {
  try {
    const languages = JSON.parse(settings.languages) as string[];
    return languages[0] ?? "en";
  } catch {
    return "en";
  }
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What the Bot settings form may change, validated field by field with messages a merchant can act on. */
export const SettingsInput = z
  .object({
    botEnabled: z.boolean(),
    languages: z.array(z.enum(["en", "zh-CN", "es", "fr", "de", "ja"])).min(1, "Choose at least one language"),
    greeting: z.string().trim().max(300, "Keep the greeting under 300 characters"),
    tone: z.enum(["friendly", "formal", "concise"]),
    timezone: z.string().refine(isTimeZone, "Choose a valid time zone"),
    openFrom: z.string().regex(HHMM, "Use HH:MM, e.g. 09:00"),
    openTo: z.string().regex(HHMM, "Use HH:MM, e.g. 17:00"),
    openDays: z.array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])),
    handoffThreshold: z.coerce.number().min(0.1, "Between 0.1 and 0.9").max(0.9, "Between 0.1 and 0.9"),
    allowCancel: z.boolean(),
    allowAddressChange: z.boolean(),
    allowReturn: z.boolean(),
    returnWindowDays: z.coerce.number().int().min(0, "0 to 365 days").max(365, "0 to 365 days"),
    proactiveEnabled: z.boolean(),
    parcelOptions: z.array(z.enum(PARCEL_OPTIONS)),
    lateGraceDays: z.coerce.number().int().min(1, "1 to 20 business days").max(20, "1 to 20 business days"),
    stuckDays: z.coerce.number().int().min(2, "2 to 30 business days").max(30, "2 to 30 business days"),
  })
  .refine((s) => s.openFrom < s.openTo, { path: ["openTo"], message: "Closing time must be after opening time" });
export type SettingsInput = z.infer<typeof SettingsInput>;

function isTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Saves a shop's settings; the bot reads them on its next turn. */
export async function saveSettings(shop: string, input: SettingsInput) {
  const hours = Object.fromEntries(input.openDays.map((d) => [d, [[input.openFrom, input.openTo]]]));
  const data = {
    botEnabled: input.botEnabled,
    languages: JSON.stringify(input.languages),
    greeting: input.greeting || null,
    tone: input.tone,
    timezone: input.timezone,
    businessHours: JSON.stringify(hours),
    handoffThreshold: input.handoffThreshold,
    allowCancel: input.allowCancel,
    allowAddressChange: input.allowAddressChange,
    allowReturn: input.allowReturn,
    returnWindowDays: input.returnWindowDays,
    proactiveEnabled: input.proactiveEnabled,
    parcelOptions: JSON.stringify(input.parcelOptions),
    lateGraceDays: input.lateGraceDays,
    stuckDays: input.stuckDays,
  };
  return prisma.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

/** The stored settings as the form shows them. */
export function settingsForm(s: Awaited<ReturnType<typeof settingsFor>>): SettingsInput {
  const hours = JSON.parse(s.businessHours || "{}") as Record<string, [string, string][]>;
  const days = Object.keys(hours).filter((d) => hours[d]?.length) as SettingsInput["openDays"];
  const first = Object.values(hours).find((r) => r?.length)?.[0] ?? ["09:00", "17:00"];
  return {
    botEnabled: s.botEnabled,
    languages: JSON.parse(s.languages),
    greeting: s.greeting ?? "",
    tone: s.tone as SettingsInput["tone"],
    timezone: s.timezone,
    openFrom: first[0],
    openTo: first[1],
    openDays: days,
    handoffThreshold: s.handoffThreshold,
    allowCancel: s.allowCancel,
    allowAddressChange: s.allowAddressChange,
    allowReturn: s.allowReturn,
    returnWindowDays: s.returnWindowDays,
    proactiveEnabled: s.proactiveEnabled,
    parcelOptions: parcelOptionsOf(s.parcelOptions),
    lateGraceDays: s.lateGraceDays,
    stuckDays: s.stuckDays,
  };
}

/** The stored parcel options, known ones only, in the bot's order (all of them when the JSON is unreadable). */
export function parcelOptionsOf(json: string): SettingsInput["parcelOptions"] {
  try {
    const raw = JSON.parse(json) as unknown;
    return PARCEL_OPTIONS.filter((o) => Array.isArray(raw) && raw.includes(o));
  } catch {
    return [...PARCEL_OPTIONS];
  }
}

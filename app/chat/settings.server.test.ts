import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../test/fixtures";
import { saveSettings, settingsFor, settingsForm, SettingsInput } from "./settings.server";
import { availability, parseHours } from "../inbox/hours";

const SHOP = "settings-shop.myshopify.com";
const valid = {
  botEnabled: true,
  languages: ["en", "fr"],
  greeting: "Welcome to Northwind!",
  tone: "friendly",
  timezone: "Europe/Paris",
  openFrom: "09:00",
  openTo: "17:30",
  openDays: ["mon", "tue", "wed", "thu", "fri"],
  handoffThreshold: "0.5",
  allowCancel: false,
  allowAddressChange: true,
  allowReturn: true,
  returnWindowDays: "45",
  proactiveEnabled: true,
  parcelOptions: ["claim", "wait"],
  lateGraceDays: "4",
  stuckDays: "6",
};

beforeEach(resetDatabase);

describe("bot settings", () => {
  it("round-trips what the form saves, business hours included", async () => {
    await saveSettings(SHOP, SettingsInput.parse(valid));
    const form = settingsForm(await settingsFor(SHOP));
    expect(form).toMatchObject({ languages: ["en", "fr"], timezone: "Europe/Paris", openFrom: "09:00", openTo: "17:30", allowCancel: false, returnWindowDays: 45 });
    expect(form.openDays).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    // The late-parcel rules come back in the bot's own order, whatever order the form posted.
    expect(form).toMatchObject({ parcelOptions: ["wait", "claim"], lateGraceDays: 4, stuckDays: 6 });
  });

  it("explains each invalid field in words a merchant can act on", () => {
    const result = SettingsInput.safeParse({ ...valid, languages: [], timezone: "Mars/Olympus", openFrom: "25:00", returnWindowDays: "400", lateGraceDays: "0", parcelOptions: ["teleport"] });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      languages: "Choose at least one language",
      timezone: "Choose a valid time zone",
      openFrom: "Use HH:MM, e.g. 09:00",
      returnWindowDays: "0 to 365 days",
      lateGraceDays: "1 to 20 business days",
    });
    expect(Object.keys(messages).some((k) => k.startsWith("parcelOptions"))).toBe(true);
    expect(SettingsInput.safeParse({ ...valid, openFrom: "18:00", openTo: "09:00" }).error?.issues[0].message).toBe(
      "Closing time must be after opening time",
    );
  });

  it("knows when the team is in, in the shop's time zone", () => {
    const hours = parseHours(JSON.stringify({ mon: [["09:00", "17:00"]] }));
    // Monday 2026-11-23 10:00 in Paris is 09:00 UTC.
    expect(availability(hours, "Europe/Paris", new Date("2026-11-23T09:00:00Z")).open).toBe(true);
    expect(availability(hours, "Europe/Paris", new Date("2026-11-23T17:30:00Z"))).toMatchObject({ open: false, opensDay: "mon", opensAt: "09:00", inDays: 7 });
    expect(availability(hours, "Europe/Paris", new Date("2026-11-22T12:00:00Z"))).toMatchObject({ open: false, opensDay: "mon", inDays: 1 });
  });
});

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, InlineStack, Layout, Page, RangeSlider, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { authenticateAdmin } from "../auth.server";
import { LOCALE_OPTIONS } from "../chat/i18n/format";
import { saveSettings, settingsFor, settingsForm, SettingsInput } from "../chat/settings.server";

export const meta: MetaFunction = () => [{ title: "Bot settings · Shopdesk" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await authenticateAdmin(request);
  return { settings: settingsForm(await settingsFor(shop)) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticateAdmin(request);
  const form = await request.formData();
  // A checked box posts its name (with "on" before hydration, "" after: Polaris renders an empty value).
  const bool = (k: string) => form.has(k);
  const parsed = SettingsInput.safeParse({
    botEnabled: bool("botEnabled"),
    // ChoiceList names a multiple choice "languages[]".
    languages: form.getAll("languages[]"),
    greeting: form.get("greeting") ?? "",
    tone: form.get("tone"),
    timezone: form.get("timezone"),
    openFrom: form.get("openFrom"),
    openTo: form.get("openTo"),
    openDays: form.getAll("openDays[]"),
    handoffThreshold: form.get("handoffThreshold"),
    allowCancel: bool("allowCancel"),
    allowAddressChange: bool("allowAddressChange"),
    allowReturn: bool("allowReturn"),
    returnWindowDays: form.get("returnWindowDays"),
    proactiveEnabled: bool("proactiveEnabled"),
    parcelOptions: form.getAll("parcelOptions[]"),
    lateGraceDays: form.get("lateGraceDays"),
    stuckDays: form.get("stuckDays"),
  });
  if (!parsed.success) {
    const errors = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    return data({ ok: false as const, errors }, { status: 400 });
  }
  await saveSettings(shop, parsed.data);
  return { ok: true as const, errors: {} as Record<string, string> };
};

const PARCEL_CHOICES = [
  { label: "Wait: promise a new date (the estimate plus the grace days below)", value: "wait" },
  { label: "Open a carrier claim (goes to a person)", value: "claim" },
  { label: "Send a replacement (goes to a person)", value: "reship" },
  { label: "Refund the shipping cost (the bot refunds it after the shopper's yes; only where shipping was paid)", value: "refund_shipping" },
];

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => ({ label: d[0].toUpperCase() + d.slice(1), value: d }));

export default function Settings() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [s, setS] = useState(settings);
  const errors: Record<string, string> = result?.errors ?? {};
  const set = <K extends keyof typeof s>(k: K) => (v: (typeof s)[K]) => setS({ ...s, [k]: v });

  return (
    <Page title="Bot settings">
      <Form method="post">
        {/* Checkboxes and choice lists post their own named values, so the form works before the page hydrates; the
            slider has no form field of its own. */}
        <input type="hidden" name="handoffThreshold" value={s.handoffThreshold} />
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              {result?.ok ? <Banner tone="success">Saved. The bot uses the new settings from its next answer.</Banner> : null}
              {result && !result.ok ? <Banner tone="critical">Some settings need a fix before they can be saved.</Banner> : null}
              <Card>
                <FormLayout>
                  <Checkbox label="The bot answers shoppers" name="botEnabled" checked={s.botEnabled} onChange={set("botEnabled")} helpText="When off, every message waits for your team." />
                  <ChoiceList allowMultiple name="languages" title="Languages the bot answers in" choices={LOCALE_OPTIONS} selected={s.languages} onChange={(v) => set("languages")(v as typeof s.languages)} error={errors.languages} />
                  <TextField label="Greeting" name="greeting" value={s.greeting} onChange={set("greeting")} autoComplete="off" error={errors.greeting} maxLength={300} />
                  <Select label="Tone" name="tone" options={["friendly", "formal", "concise"]} value={s.tone} onChange={(v) => set("tone")(v as typeof s.tone)} />
                </FormLayout>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">Handoff and business hours</Text>
                  <FormLayout>
                    <RangeSlider label={`Hand over when the bot is less sure than ${Math.round(s.handoffThreshold * 100)}% (twice)`} min={0.1} max={0.9} step={0.05} value={s.handoffThreshold} onChange={(v) => set("handoffThreshold")(Number(v))} error={errors.handoffThreshold} />
                    <TextField label="Time zone" name="timezone" value={s.timezone} onChange={set("timezone")} autoComplete="off" error={errors.timezone} helpText="For example Europe/Paris or America/New_York" />
                    <FormLayout.Group>
                      <TextField label="Team available from" name="openFrom" value={s.openFrom} onChange={set("openFrom")} autoComplete="off" error={errors.openFrom} />
                      <TextField label="until" name="openTo" value={s.openTo} onChange={set("openTo")} autoComplete="off" error={errors.openTo} />
                    </FormLayout.Group>
                    <ChoiceList allowMultiple name="openDays" title="On these days" choices={DAYS} selected={s.openDays} onChange={(v) => set("openDays")(v as typeof s.openDays)} />
                  </FormLayout>
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">What shoppers may do themselves</Text>
                  <Checkbox label="Cancel an order that hasn't shipped" name="allowCancel" checked={s.allowCancel} onChange={set("allowCancel")} />
                  <Checkbox label="Change the shipping address before it ships" name="allowAddressChange" checked={s.allowAddressChange} onChange={set("allowAddressChange")} />
                  <Checkbox label="Start a return for delivered items" name="allowReturn" checked={s.allowReturn} onChange={set("allowReturn")} />
                  <TextField label="Return window (days after delivery)" type="number" name="returnWindowDays" value={String(s.returnWindowDays)} onChange={(v) => set("returnWindowDays")(Number(v))} autoComplete="off" error={errors.returnWindowDays} />
                  <Checkbox label="Tell shoppers first about late or failed deliveries" name="proactiveEnabled" checked={s.proactiveEnabled} onChange={set("proactiveEnabled")} />
                </BlockStack>
              </Card>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">Late, stuck or failed parcels</Text>
                  <ChoiceList allowMultiple name="parcelOptions" title="What the bot offers the shopper" choices={PARCEL_CHOICES} selected={s.parcelOptions} onChange={(v) => set("parcelOptions")(v as typeof s.parcelOptions)} error={errors.parcelOptions} />
                  <FormLayout.Group>
                    <TextField label="Grace days for a late parcel (business days)" type="number" name="lateGraceDays" value={String(s.lateGraceDays)} onChange={(v) => set("lateGraceDays")(Number(v))} autoComplete="off" error={errors.lateGraceDays} />
                    <TextField label="Stuck after this many days without a carrier scan (business days)" type="number" name="stuckDays" value={String(s.stuckDays)} onChange={(v) => set("stuckDays")(Number(v))} autoComplete="off" error={errors.stuckDays} />
                  </FormLayout.Group>
                </BlockStack>
              </Card>
              <InlineStack align="end">
                <Button submit variant="primary" loading={saving}>Save</Button>
              </InlineStack>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </Form>
    </Page>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import path from "node:path";
import { useState } from "react";
import { sqlitePathFromUrl } from "../../analytics/src/config";
import { ensureDemoWarehouse } from "../../analytics/src/demo";
import { analyticsForShop, parseRange } from "../../analytics/src/queries";
import { authenticateAdmin } from "../auth.server";
import { env } from "../env.server";
import { Figure } from "../components/Figure";
import { HANDOFF_REASON_LABELS, INTENT_LABELS, RETURN_REASON_LABELS, label } from "../components/labels";
import { hotspotLabels, repurchaseSeries, spikeLabel } from "../analytics/series";

export const meta: MetaFunction = () => [{ title: "Analytics · Shopdesk" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo } = await authenticateAdmin(request);
  const url = new URL(request.url);
  const range = parseRange(url.searchParams.get("from"), url.searchParams.get("to"));
  const showUnclassified = url.searchParams.get("unclassified") === "1";
  const warehousePath = path.resolve(env.WAREHOUSE_PATH);
  // The shop comes from the session, never from the URL: the queries are bound to it.
  let answer = await analyticsForShop(warehousePath, shop, range, { includeUnclassified: showUnclassified });
  if (demo && answer.status === "empty") {
    // The demo shop gets a synthetic half-year of history on first visit, so the page has something to show.
    const sqlitePath = sqlitePathFromUrl(env.DATABASE_URL);
    await ensureDemoWarehouse(
      { warehousePath, sqlitePath, syntheticDir: path.join(path.dirname(sqlitePath), "synthetic") },
      shop
    );
    answer = await analyticsForShop(warehousePath, shop, range, { includeUnclassified: showUnclassified });
  }
  return { shop, range, showUnclassified, answer };
};

const VISUALLY_HIDDEN = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
} as const;

type Datum = { label: string; value: number; title?: string };

const pct = (v: unknown) => (v == null ? "–" : `${Math.round(Number(v) * 100)}%`);
const num = (v: unknown) => (v == null ? "–" : Number(v).toLocaleString("en-US"));
const duration = (seconds: unknown) => {
  if (seconds == null) return "–";
  const s = Number(seconds);
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
};
const shortWeek = (week: string) =>
  new Date(`${week}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** Weekly columns in SVG. The figures are also in a visually hidden table, so screen readers get the numbers. */
function ColumnChart({
  title,
  data,
  format,
  max,
}: {
  title: string;
  data: Datum[];
  format: (v: number) => string;
  max?: number;
}) {
  const top = max ?? Math.max(1, ...data.map((d) => d.value));
  const width = 640;
  const height = 160;
  const gap = 4;
  const barWidth = data.length ? Math.max(2, (width - gap * data.length) / data.length) : 0;
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${width} ${height + 20}`} width="100%" role="img" aria-label={`${title}, by week`}>
        <line x1={0} y1={height} x2={width} y2={height} stroke="#c9cccf" />
        {data.map((d, i) => {
          const h = (d.value / top) * (height - 10);
          const x = i * (barWidth + gap);
          return (
            <g key={d.label}>
              <rect x={x} y={height - h} width={barWidth} height={h} fill="#2c6ecb" rx={2}>
                <title>{`${d.title ?? d.label}: ${format(d.value)}`}</title>
              </rect>
              {i % Math.ceil(data.length / 8) === 0 ? (
                <text x={x} y={height + 14} fontSize={11} fill="#6d7175">
                  {d.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <table style={VISUALLY_HIDDEN}>
        <caption>{title}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.title ?? d.label}</th>
              <td>{format(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Labelled horizontal bars (reasons, segments): plain HTML, so it reads as a list. */
function BarList({ data, format, tone = "#2c6ecb" }: { data: Datum[]; format: (v: number) => string; tone?: string }) {
  const top = Math.max(1e-9, ...data.map((d) => d.value));
  return (
    <BlockStack gap="200">
      {data.map((d) => (
        <div key={d.label}>
          <InlineStack align="space-between">
            <Text as="span" variant="bodySm">
              {d.label}
            </Text>
            <Text as="span" variant="bodySm" tone="subdued">
              {format(d.value)}
            </Text>
          </InlineStack>
          <div style={{ background: "#f1f2f3", borderRadius: 4, height: 8 }} aria-hidden="true">
            <div style={{ width: `${(d.value / top) * 100}%`, background: tone, height: 8, borderRadius: 4 }} />
          </div>
        </div>
      ))}
    </BlockStack>
  );
}


function RangeForm({ from, to }: { from: string; to: string }) {
  const [start, setStart] = useState(from);
  const [end, setEnd] = useState(to);
  const busy = useNavigation().state !== "idle";
  const preset = (weeks: number) => {
    const stop = new Date(`${to}T00:00:00Z`);
    return `?from=${new Date(stop.getTime() - weeks * 7 * 86_400_000).toISOString().slice(0, 10)}&to=${to}`;
  };
  return (
    <Form method="get">
      <InlineStack gap="300" blockAlign="end" wrap>
        <TextField label="From" type="date" name="from" value={start} onChange={setStart} autoComplete="off" />
        <TextField label="To" type="date" name="to" value={end} onChange={setEnd} autoComplete="off" />
        <Button submit variant="primary" loading={busy}>
          Apply
        </Button>
        <Button url={preset(4)}>4 weeks</Button>
        <Button url={preset(12)}>12 weeks</Button>
        <Button url={preset(26)}>26 weeks</Button>
      </InlineStack>
    </Form>
  );
}

export default function Analytics() {
  const { range, showUnclassified, answer } = useLoaderData<typeof loader>();
  if (answer.status !== "ok") {
    return (
      <Page title="Analytics">
        <Layout>
          <Layout.Section>
            <Banner tone={answer.status === "busy" ? "info" : "warning"} title="No analytics to show yet">
              <p>{answer.message}</p>
            </Banner>
          </Layout.Section>
        </Layout>
      </Page>
    );
  }
  const { hotspots, deflection, service, repurchase, returns, loadedAt } = answer.data;
  const totalConversations = deflection.weekly.reduce((n, w) => n + Number(w.conversations), 0);
  const resolvedByBot = deflection.weekly.reduce((n, w) => n + Number(w.resolved_by_bot), 0);
  const overall = service.overall;
  const repurchaseChart = repurchaseSeries(repurchase);
  return (
    <Page
      title="Analytics"
      subtitle={`Week by week, ${range.from} to ${range.to}${
        loadedAt ? ` · data loaded ${loadedAt.slice(0, 16)} UTC` : ""
      }`}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <RangeForm from={range.from} to={range.to} />
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
            <Figure
              label="Resolved by the bot"
              value={totalConversations ? pct(resolvedByBot / totalConversations) : "–"}
              help={`${num(totalConversations)} conversations`}
            />
            <Figure
              label="First response by a person"
              value={duration(overall?.first_response_seconds)}
              help="Average, from handoff"
            />
            <Figure
              label="First-contact resolution"
              value={pct(overall?.fcr_rate)}
              help="Closed, not back within 7 days"
            />
            <Figure
              label="CSAT"
              value={overall?.csat_avg == null ? "–" : `${overall.csat_avg} / 5`}
              help={`${num(overall?.csat_responses)} ratings`}
            />
          </InlineGrid>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                What customers struggle with
              </Text>
              <ColumnChart
                title="Complaints and negative conversations"
                data={hotspots.weekly.map((w) => ({
                  label: shortWeek(String(w.week)),
                  title: `Week of ${w.week}`,
                  value: Number(w.complaints),
                }))}
                format={(v) => `${v} complaints`}
              />
              {hotspots.spikes.length ? (
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    Spikes against the previous four weeks
                  </Text>
                  {hotspots.spikes.map((s) => (
                    <InlineStack
                      key={`${s.week}-${s.grain}-${s.intent}-${s.product}-${s.carrier}-${s.region}`}
                      gap="200"
                      blockAlign="center"
                    >
                      <Badge tone="critical">{`${num(s.total)} vs ${s.baseline}/wk`}</Badge>
                      <Text as="span" variant="bodySm">
                        {`Week of ${s.week}: ${spikeLabel(s)}`}
                      </Text>
                    </InlineStack>
                  ))}
                </BlockStack>
              ) : (
                <Text as="p" tone="subdued">
                  No spikes in this range.
                </Text>
              )}
              <DataTable
                columnContentTypes={["text", "text", "text", "text", "numeric"]}
                headings={["Intent", "Product", "Carrier", "Region", "Complaints + negative"]}
                rows={hotspots.top.map((h) => {
                  const words = hotspotLabels(h);
                  return [words.intent, words.product, words.carrier, words.region, num(h.total)];
                })}
              />
              {hotspots.unclassified ? (
                <InlineStack gap="200" blockAlign="center">
                  <Text as="p" tone="subdued">
                    {showUnclassified
                      ? `Including ${num(hotspots.unclassified)} complaints and negative conversations with no recognised topic or no order linked.`
                      : `${num(hotspots.unclassified)} more with no recognised topic or no order linked are not listed.`}
                  </Text>
                  <Button
                    variant="plain"
                    url={`?from=${range.from}&to=${range.to}${showUnclassified ? "" : "&unclassified=1"}`}
                  >
                    {showUnclassified ? "Hide unclassified" : "Show unclassified"}
                  </Button>
                </InlineStack>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Return reasons
              </Text>
              <Text as="p" tone="subdued">
                The reason each shopper gave before the chat requested their return; a spike is a week at least twice
                its four-week average.
              </Text>
              {returns.byReason.length ? (
                <>
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric"]}
                    headings={["Reason", "Returns", "Share"]}
                    rows={returns.byReason.map((r) => [
                      `${label(RETURN_REASON_LABELS, r.reason)}${r.spiked ? " (spike)" : ""}`,
                      num(r.returns),
                      pct(r.share),
                    ])}
                  />
                  <DataTable
                    columnContentTypes={["text", "text", "numeric"]}
                    headings={["Product", "Reason", "Returns"]}
                    rows={returns.top.map((r) => [r.product, label(RETURN_REASON_LABELS, r.reason), num(r.returns)])}
                  />
                </>
              ) : (
                <Text as="p" tone="subdued">
                  No returns in this range.
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Bot deflection
              </Text>
              <ColumnChart
                title="Share of conversations resolved without a person"
                data={deflection.weekly.map((w) => ({
                  label: shortWeek(String(w.week)),
                  title: `Week of ${w.week}`,
                  value: Number(w.rate),
                }))}
                format={(v) => pct(v)}
                max={1}
              />
              <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    By intent
                  </Text>
                  <BarList
                    data={deflection.byIntent.map((d) => ({ label: label(INTENT_LABELS, d.intent), value: Number(d.rate) }))}
                    format={pct}
                  />
                </BlockStack>
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    By language
                  </Text>
                  <BarList
                    data={deflection.byLanguage.map((d) => ({ label: String(d.language), value: Number(d.rate) }))}
                    format={pct}
                  />
                </BlockStack>
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    Why the bot handed over
                  </Text>
                  <BarList
                    data={deflection.reasons.map((d) => ({ label: label(HANDOFF_REASON_LABELS, d.reason), value: Number(d.handoffs) }))}
                    format={num}
                    tone="#b98900"
                  />
                </BlockStack>
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Service by agent
              </Text>
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
                headings={[
                  "Agent",
                  "Conversations",
                  "First response",
                  "Resolution",
                  "Handling",
                  "First-contact resolution",
                  "CSAT",
                ]}
                rows={service.byAgent.map((a) => [
                  String(a.agent_name),
                  num(a.conversations),
                  duration(a.first_response_seconds),
                  duration(a.resolution_seconds),
                  duration(a.handling_seconds),
                  pct(a.fcr_rate),
                  a.csat_avg == null ? "–" : String(a.csat_avg),
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>

        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Does support pay? Repurchase after a conversation
              </Text>
              <Text as="p" tone="subdued">
                Customers who bought again within 30, 60 and 90 days of their first conversation, against customers who
                never contacted support (from their first order). Only customers observed for the full window count.
              </Text>
              {repurchaseChart.window ? (
                <Box maxWidth="560px">
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      {`Bought again within ${repurchaseChart.window} days`}
                    </Text>
                    <BarList data={repurchaseChart.data} format={pct} tone="#008060" />
                  </BlockStack>
                </Box>
              ) : null}
              <DataTable
                columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                headings={["Segment", "Customers", "30 days", "60 days", "90 days"]}
                rows={repurchase.map((r) => [
                  String(r.segment),
                  num(r.customers),
                  pct(r.rate_30d),
                  pct(r.rate_60d),
                  pct(r.rate_90d),
                ])}
              />
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

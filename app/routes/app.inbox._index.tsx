import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { Badge, Card, EmptyState, IndexTable, Link, Page, Tabs, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { authenticateAdmin } from "../auth.server";
import { listQueue, queueCounts } from "../inbox/inbox.server";
import { settingsFor } from "../chat/settings.server";
import { DateTime } from "../components/DateTime";
import { HANDOFF_REASON_LABELS, label } from "../components/labels";
import { QUEUE_STATUSES, type QueueStatus } from "../inbox/queue";

export const meta: MetaFunction = () => [{ title: "Inbox · Shopdesk" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await authenticateAdmin(request);
  const param = new URL(request.url).searchParams.get("status");
  const status: QueueStatus = QUEUE_STATUSES.includes(param as QueueStatus) ? (param as QueueStatus) : "waiting";
  const [rows, counts, settings] = await Promise.all([listQueue(shop, status), queueCounts(shop), settingsFor(shop)]);
  return { status, rows, counts, timeZone: settings.timezone };
};

const LABELS: Record<QueueStatus, string> = { waiting: "Waiting", assigned: "Assigned", closed: "Closed", bot: "With the bot" };

function sentimentBadge(score: number | null) {
  if (score == null) return null;
  if (score <= -0.3) return <Badge tone="critical">Negative</Badge>;
  if (score >= 0.3) return <Badge tone="success">Positive</Badge>;
  return <Badge>Neutral</Badge>;
}

export default function Inbox() {
  const { status, rows, counts, timeZone } = useLoaderData<typeof loader>();
  const [, setParams] = useSearchParams();
  const revalidator = useRevalidator();
  // New handoffs appear without a reload.
  useEffect(() => {
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 5000);
    return () => clearInterval(timer);
  }, [revalidator]);

  const tabs = QUEUE_STATUSES.map((s) => ({ id: s, content: `${LABELS[s]} (${counts[s] ?? 0})` }));
  return (
    <Page title="Inbox" subtitle="Conversations the bot handed to your team">
      <Card padding="0">
        <Tabs
          tabs={tabs}
          selected={QUEUE_STATUSES.indexOf(status)}
          onSelect={(i) => setParams({ status: QUEUE_STATUSES[i] })}
        />
        {rows.length === 0 ? (
          <EmptyState heading={`No conversations ${LABELS[status].toLowerCase()}`} image="">
            <p>When the bot hands a conversation over, it appears here.</p>
          </EmptyState>
        ) : (
          <IndexTable
            resourceName={{ singular: "conversation", plural: "conversations" }}
            itemCount={rows.length}
            selectable={false}
            headings={[
              { title: "Customer" },
              { title: "Shopper's last message" },
              { title: "Reason" },
              { title: "Language" },
              { title: "Sentiment" },
              { title: "Assignee" },
              { title: "Updated" },
            ]}
          >
            {rows.map((r, i) => (
              // A real link per row, which Polaris follows on a click anywhere in the row: keyboard users can open a
              // conversation too, and the table's scroll area has something to focus (axe: scrollable-region-focusable).
              <IndexTable.Row id={r.id} key={r.id} position={i}>
                <IndexTable.Cell>
                  <Link url={`/app/inbox/${r.id}`} dataPrimaryLink monochrome removeUnderline>
                    <Text as="span" fontWeight="semibold">
                      {r.customer}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" truncate>
                    {r.lastMessage}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{r.handoffReason ? label(HANDOFF_REASON_LABELS, r.handoffReason) : "–"}</IndexTable.Cell>
                <IndexTable.Cell>{r.language}</IndexTable.Cell>
                <IndexTable.Cell>{sentimentBadge(r.sentiment)}</IndexTable.Cell>
                <IndexTable.Cell>{r.assigneeName ?? "–"}</IndexTable.Cell>
                <IndexTable.Cell>
                  <DateTime iso={r.lastMessageAt} timeZone={timeZone} />
                </IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
        )}
      </Card>
    </Page>
  );
}

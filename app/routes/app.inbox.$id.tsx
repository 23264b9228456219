import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Layout, Page, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { authenticateAdmin } from "../auth.server";
import { createAdminClient } from "../shopify/client.server";
import { agentReply, assignToMe, closeConversation, getConversation, ReplyInput, verifiedOrders } from "../inbox/inbox.server";
import { OrderCard } from "../components/OrderCard";
import { DateTime } from "../components/DateTime";
import { HANDOFF_REASON_LABELS, label } from "../components/labels";
import { settingsFor } from "../chat/settings.server";

export const meta: MetaFunction = () => [{ title: "Conversation · Shopdesk" }];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, graphql } = await authenticateAdmin(request);
  const conversation = await getConversation(shop, params.id!);
  if (!conversation) throw new Response("This conversation does not exist in your shop.", { status: 404 });
  let orders: Awaited<ReturnType<typeof verifiedOrders>> = [];
  let ordersError: string | null = null;
  try {
    orders = await verifiedOrders(conversation, createAdminClient(graphql).request);
  } catch {
    ordersError = "Shopify did not answer, so the shopper's orders can't be shown right now. Reload to try again.";
  }
  const { timezone } = await settingsFor(shop);
  return {
    timeZone: timezone,
    conversation: {
      id: conversation.id,
      status: conversation.status,
      language: conversation.language,
      handoffReason: conversation.handoffReason,
      assigneeName: conversation.assigneeName,
      customerEmail: conversation.customerEmail,
      loggedIn: Boolean(conversation.customerId),
      csatScore: conversation.csatScore,
      csatComment: conversation.csatComment,
    },
    messages: conversation.messages.map((m) => ({
      id: m.id,
      author: m.author,
      text: m.text,
      createdAt: m.createdAt.toISOString(),
      intent: m.intent,
      agentName: m.agentName,
    })),
    orders,
    ordersError,
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, staff } = await authenticateAdmin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const id = params.id!;
  if (intent === "reply") {
    const parsed = ReplyInput.safeParse({ text: form.get("text") ?? "" });
    if (!parsed.success) return data({ error: parsed.error.issues[0].message }, { status: 400 });
    const message = await agentReply(shop, id, staff, parsed.data.text);
    if (!message) return data({ error: "This conversation does not exist in your shop." }, { status: 404 });
    return { ok: true as const, sent: message.id };
  }
  if (intent === "assign") {
    if (!(await assignToMe(shop, id, staff))) return data({ error: "This conversation can't be assigned." }, { status: 409 });
    return { ok: true as const };
  }
  if (intent === "close") {
    if (!(await closeConversation(shop, id, staff))) return data({ error: "This conversation is already closed." }, { status: 409 });
    return { ok: true as const };
  }
  return data({ error: "Unknown action." }, { status: 400 });
};

const AUTHOR: Record<string, string> = { shopper: "Shopper", bot: "Bot", agent: "Agent", system: "System" };

export default function ConversationPage() {
  const { conversation, messages, orders, ordersError, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [text, setText] = useState("");
  const busy = navigation.state !== "idle";

  useEffect(() => {
    if (result && "sent" in result) setText("");
  }, [result]);
  // The shopper's new messages appear while the agent is on the page.
  useEffect(() => {
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 3000);
    return () => clearInterval(timer);
  }, [revalidator]);

  return (
    <Page
      backAction={{ content: "Inbox", url: "/app/inbox" }}
      title={conversation.customerEmail ?? (conversation.loggedIn ? "Logged-in customer" : "Guest shopper")}
      titleMetadata={<Badge tone={conversation.status === "waiting" ? "attention" : undefined}>{conversation.status}</Badge>}
      subtitle={`Language: ${conversation.language}${conversation.handoffReason ? ` · Handoff: ${label(HANDOFF_REASON_LABELS, conversation.handoffReason)}` : ""}${conversation.assigneeName ? ` · Assigned to ${conversation.assigneeName}` : ""}`}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && "error" in result ? <Banner tone="critical">{result.error}</Banner> : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Transcript
                </Text>
                {/* Focusable so a keyboard user can scroll a long transcript (axe: scrollable-region-focusable). */}
                <div role="log" aria-label="Transcript" tabIndex={0} style={{ maxHeight: 480, overflowY: "auto" }}>
                  <BlockStack gap="200">
                    {messages.map((m) => (
                      <Box
                        key={m.id}
                        padding="200"
                        borderRadius="200"
                        background={m.author === "shopper" ? "bg-surface-secondary" : m.author === "agent" ? "bg-surface-info" : "bg-surface"}
                      >
                        <Text as="p" variant="bodySm" tone="subdued">
                          {AUTHOR[m.author] ?? m.author}
                          {m.agentName ? ` · ${m.agentName}` : ""} · <DateTime iso={m.createdAt} timeZone={timeZone} />
                          {m.intent && m.author === "shopper" ? ` · ${m.intent}` : ""}
                        </Text>
                        <Text as="p">
                          <span style={{ whiteSpace: "pre-wrap" }}>{m.text}</span>
                        </Text>
                      </Box>
                    ))}
                  </BlockStack>
                </div>
              </BlockStack>
            </Card>
            {conversation.status !== "closed" ? (
              <Card>
                <Form method="post">
                  <input type="hidden" name="intent" value="reply" />
                  <BlockStack gap="200">
                    <TextField
                      label="Reply to the shopper"
                      name="text"
                      value={text}
                      onChange={setText}
                      multiline={3}
                      autoComplete="off"
                      maxLength={5000}
                    />
                    <InlineStack gap="200" align="end">
                      <Button submit variant="primary" loading={busy && navigation.formData?.get("intent") === "reply"}>
                        Send reply
                      </Button>
                    </InlineStack>
                  </BlockStack>
                </Form>
              </Card>
            ) : (
              <Banner tone="info">
                Closed.{" "}
                {conversation.csatScore ? `The shopper rated it ${conversation.csatScore}/5. ${conversation.csatComment ?? ""}` : "No rating yet."}
              </Banner>
            )}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <InlineStack gap="200">
                <Form method="post">
                  <input type="hidden" name="intent" value="assign" />
                  <Button submit disabled={conversation.status === "closed"}>
                    Assign to me
                  </Button>
                </Form>
                <Form method="post">
                  <input type="hidden" name="intent" value="close" />
                  <Button submit tone="critical" disabled={conversation.status === "closed"}>
                    Close
                  </Button>
                </Form>
              </InlineStack>
            </Card>
            {ordersError ? <Banner tone="warning">{ordersError}</Banner> : null}
            {orders.length === 0 && !ordersError ? (
              <Card>
                <Text as="p" tone="subdued">
                  The shopper has not verified an order in this conversation.
                </Text>
              </Card>
            ) : null}
            {orders.map((o) => (
              <OrderCard key={o.id} order={o} />
            ))}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

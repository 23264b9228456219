import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { authenticateAdmin } from "../auth.server";
import { shopOverview } from "../inbox/overview.server";
import { Figure } from "../components/Figure";

// A page title per screen (WCAG 2.4.2); axe's document-title rule flags a page without one.
export const meta: MetaFunction = () => [{ title: "Shopdesk" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await authenticateAdmin(request);
  return { shop, overview: await shopOverview(shop) };
};


export default function Home() {
  const { overview } = useLoaderData<typeof loader>();
  const share = overview.botResolvedShare;
  return (
    <Page title="Shopdesk">
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
            <Figure label="Waiting for a person" value={String(overview.waiting)} help="Open the Inbox to answer" />
            <Figure label="Assigned" value={String(overview.assigned)} />
            <Figure label="Conversations, last 7 days" value={String(overview.lastWeek)} />
            <Figure
              label="Answered by the bot"
              value={share == null ? "–" : `${Math.round(share * 100)}%`}
              help="Last 7 days, without a handoff"
            />
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Get started
              </Text>
              <Text as="p">
                Turn on the Shopdesk chat in your theme (Online Store → Themes → Customize → App embeds), then
                review <Link url="/app/settings">Bot settings</Link> and add answers to your{" "}
                <Link url="/app/knowledge">Knowledge base</Link>. Conversations the bot hands over wait in the{" "}
                <Link url="/app/inbox">Inbox</Link>.
              </Text>
              {overview.dataRequests ? (
                <Text as="p" tone="caution">
                  {overview.dataRequests} customer data request(s) received from Shopify are ready to send.
                </Text>
              ) : null}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

import { Badge, BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import type { ShopperOrder } from "../chat/orders.server";

// Fixed locale: the server's render and the browser's hydration must produce the same text.
const money = (m: { amount: string; currencyCode: string }) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: m.currencyCode }).format(Number(m.amount));
const day = (iso: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));

/** An order as the agent needs it beside a conversation: status, shipments with tracking, refunds, returns. */
export function OrderCard({ order }: { order: ShopperOrder }) {
  return (
    <Card>
      <BlockStack gap="200">
        <InlineStack align="space-between">
          <Text as="h3" variant="headingSm">
            {order.name}
          </Text>
          <Text as="span">{money(order.totalPriceSet.presentmentMoney)}</Text>
        </InlineStack>
        <InlineStack gap="100">
          {order.cancelledAt ? <Badge tone="critical">Cancelled</Badge> : null}
          <Badge>{order.displayFinancialStatus ?? "–"}</Badge>
          <Badge tone="info">{order.displayFulfillmentStatus}</Badge>
        </InlineStack>
        {order.fulfillments.map((f) => (
          <BlockStack key={f.id} gap="050">
            <Text as="p" variant="bodySm">
              {f.displayStatus ?? f.status}
              {f.estimatedDeliveryAt ? ` · ETA ${day(f.estimatedDeliveryAt)}` : ""}
              {f.deliveredAt ? ` · delivered ${day(f.deliveredAt)}` : ""}
            </Text>
            {f.trackingInfo.map((t) =>
              t.number ? (
                <Text as="p" variant="bodySm" key={t.number}>
                  {t.company} {t.url ? <Link url={t.url} target="_blank">{t.number}</Link> : t.number}
                </Text>
              ) : null,
            )}
          </BlockStack>
        ))}
        {order.refunds.map((r) => (
          <Text as="p" variant="bodySm" key={r.id}>
            Refunded {money(r.totalRefundedSet.presentmentMoney)}
            {r.createdAt ? ` on ${day(r.createdAt)}` : ""}
          </Text>
        ))}
        {order.returns.nodes.map((r) => (
          <Text as="p" variant="bodySm" key={r.id}>
            Return {r.name}: {r.status.toLowerCase()}
          </Text>
        ))}
        <Link url={order.statusPageUrl} target="_blank">
          Order status page
        </Link>
      </BlockStack>
    </Card>
  );
}

import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

/** An order as the warehouse keeps it: what repurchase and hotspot analysis need, no address beyond the region. */
export interface OrderRecord {
  id: string;
  customerId: string | null;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  totalPrice: number;
  currency: string;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  /** Tracking company of the first fulfillment. */
  carrier: string | null;
  countryCode: string | null;
  provinceCode: string | null;
  /** Title of the first line item (the product a complaint is most likely about). */
  product: string | null;
}

export interface CustomerRecord {
  id: string;
  email: string | null;
  phone: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrderPage {
  orders: OrderRecord[];
  customers: CustomerRecord[];
}

/** Where orders and customers come from: the Admin API in production, the synthetic history in demos and benches. */
export interface OrderSource {
  readonly name: string;
  /** Orders (and their customers) updated after `since` (ISO; null for a backfill), in pages. */
  pages(shop: string, since: string | null): AsyncIterable<OrderPage>;
  /** Optional fast path: NDJSON files of OrderRecord / CustomerRecord that DuckDB can read itself. */
  files?(shop: string): { orders: string; customers: string } | null;
}

/** The GraphQL transport: `admin.graphql` from @shopify/shopify-app-remix, or the demo stand-in. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export const WAREHOUSE_ORDERS_QUERY = `#graphql
  query WarehouseOrders($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        email
        phone
        createdAt
        updatedAt
        cancelledAt
        currencyCode
        displayFinancialStatus
        displayFulfillmentStatus
        totalPriceSet {
          shopMoney {
            amount
          }
        }
        customer {
          id
          createdAt
          updatedAt
          defaultEmailAddress {
            emailAddress
          }
          defaultPhoneNumber {
            phoneNumber
          }
        }
        shippingAddress {
          countryCodeV2
          provinceCode
        }
        fulfillments(first: 1) {
          trackingInfo(first: 1) {
            company
          }
        }
        lineItems(first: 1) {
          nodes {
            title
          }
        }
      }
    }
  }
`;

export const WAREHOUSE_BULK_START = `#graphql
  mutation WarehouseOrdersBulkStart($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
      }
    }
  }
`;

export const WAREHOUSE_BULK_POLL = `#graphql
  query WarehouseOrdersBulkPoll($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      url
      partialDataUrl
    }
  }
`;

/**
 * The bulk query (bulk operations take an anonymous document as a string, so it is not a `#graphql` operation; the
 * warehouse tests validate it against the Admin schema). Nested connections come back as separate JSONL lines that
 * point at their order through `__parentId`.
 */
export function bulkOrdersQuery(search: string | null): string {
  const filter = search ? `(query: ${JSON.stringify(search)})` : "";
  return `{
  orders${filter} {
    edges {
      node {
        id email phone createdAt updatedAt cancelledAt currencyCode displayFinancialStatus displayFulfillmentStatus
        totalPriceSet { shopMoney { amount } }
        customer { id createdAt updatedAt defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
        shippingAddress { countryCodeV2 provinceCode }
        fulfillments(first: 1) { trackingInfo(first: 1) { company } }
        lineItems { edges { node { title } } }
      }
    }
  }
}`;
}

interface OrderNode {
  id: string;
  email?: string | null;
  phone?: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt?: string | null;
  currencyCode?: string;
  displayFinancialStatus?: string | null;
  displayFulfillmentStatus?: string | null;
  totalPriceSet?: { shopMoney?: { amount?: string } };
  customer?: {
    id: string;
    createdAt: string;
    updatedAt: string;
    defaultEmailAddress?: { emailAddress?: string | null } | null;
    defaultPhoneNumber?: { phoneNumber?: string | null } | null;
  } | null;
  shippingAddress?: { countryCodeV2?: string | null; provinceCode?: string | null } | null;
  fulfillments?: { trackingInfo?: { company?: string | null }[] }[];
  lineItems?: { nodes?: { title?: string }[] };
}

/** Maps an Admin API order node to the warehouse's record (street, city and names are dropped here, on purpose). */
export function toRecords(
  node: OrderNode,
  firstTitle?: string | null
): { order: OrderRecord; customer: CustomerRecord | null } {
  const c = node.customer ?? null;
  return {
    order: {
      id: node.id,
      customerId: c?.id ?? null,
      email: node.email ?? c?.defaultEmailAddress?.emailAddress ?? null,
      phone: node.phone ?? c?.defaultPhoneNumber?.phoneNumber ?? null,
      createdAt: node.createdAt,
      updatedAt: node.updatedAt,
      cancelledAt: node.cancelledAt ?? null,
      totalPrice: Number(node.totalPriceSet?.shopMoney?.amount ?? 0),
      currency: node.currencyCode ?? "USD",
      financialStatus: node.displayFinancialStatus ?? null,
      fulfillmentStatus: node.displayFulfillmentStatus ?? null,
      carrier: node.fulfillments?.[0]?.trackingInfo?.[0]?.company ?? null,
      countryCode: node.shippingAddress?.countryCodeV2 ?? null,
      provinceCode: node.shippingAddress?.provinceCode ?? null,
      product: firstTitle ?? node.lineItems?.nodes?.[0]?.title ?? null,
    },
    customer: c
      ? {
          id: c.id,
          email: c.defaultEmailAddress?.emailAddress ?? null,
          phone: c.defaultPhoneNumber?.phoneNumber ?? null,
          createdAt: c.createdAt,
          updatedAt: c.updatedAt,
        }
      : null,
  };
}

interface GraphqlAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: {
    cost?: {
      requestedQueryCost?: number;
      actualQueryCost?: number;
      throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
    };
  };
}

export interface AdminOrderSourceOptions {
  /** Page size of the paginated query (50 keeps one page well under the 1,000-point single-query limit). */
  pageSize?: number;
  /** Use bulkOperationRunQuery for a backfill (no watermark yet): "auto" falls back to paging if it is refused. */
  bulk?: "auto" | "never";
  /** Overlap subtracted from the watermark: an order saved in the same second as the last load is not lost. */
  overlapSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  fetchFile?: (url: string) => Promise<string>;
  maxPolls?: number;
  pollMs?: number;
}

/**
 * Orders from the Admin API. Paginates `orders(query: "updated_at:>…", sortKey: UPDATED_AT)` and paces itself on
 * `extensions.cost.throttleStatus`: before each page it waits until the bucket holds the previous page's cost, and a
 * THROTTLED answer is retried after the bucket refills. A backfill runs as a bulk operation (no rate-limit cost per
 * page), polled until it completes; if the shop refuses it (e.g. one already running), it pages instead.
 */
export class AdminOrderSource implements OrderSource {
  readonly name = "admin-api";
  private readonly opts: Required<Omit<AdminOrderSourceOptions, "fetchFile">> &
    Pick<AdminOrderSourceOptions, "fetchFile">;
  /** Whether the last backfill ran as a bulk operation (reported by the CLI). */
  usedBulk = false;

  constructor(
    private readonly graphqlFor: (shop: string) => AdminGraphql | Promise<AdminGraphql>,
    options: AdminOrderSourceOptions = {}
  ) {
    this.opts = {
      pageSize: options.pageSize ?? 50,
      bulk: options.bulk ?? "auto",
      overlapSeconds: options.overlapSeconds ?? 60,
      sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      fetchFile: options.fetchFile,
      maxPolls: options.maxPolls ?? 720,
      pollMs: options.pollMs ?? 1000,
    };
  }

  async *pages(shop: string, since: string | null): AsyncIterable<OrderPage> {
    const graphql = await this.graphqlFor(shop);
    // Shopify's search syntax takes a quoted ISO time; whole seconds, as Shopify stores them.
    const search = since
      ? `updated_at:>"${new Date(Date.parse(since) - this.opts.overlapSeconds * 1000)
          .toISOString()
          .replace(/\.\d{3}Z$/, "Z")}"`
      : null;
    if (!since && this.opts.bulk === "auto") {
      const bulk = await this.bulk(graphql, search);
      if (bulk) {
        this.usedBulk = true;
        yield bulk;
        return;
      }
    }
    let after: string | null = null;
    let nextCost = 0;
    let bucket: { available: number; restoreRate: number } | null = null;
    for (;;) {
      // Pace on the leaky bucket: wait for the points the next page will cost instead of being throttled.
      if (bucket && nextCost > bucket.available) {
        await this.opts.sleep(Math.ceil(((nextCost - bucket.available) / bucket.restoreRate) * 1000));
      }
      const answer: GraphqlAnswer<{
        orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: OrderNode[] };
      }> = await (
        await graphql(WAREHOUSE_ORDERS_QUERY, { variables: { first: this.opts.pageSize, after, query: search } })
      ).json();
      const cost = answer.extensions?.cost;
      if (cost?.throttleStatus) {
        bucket = {
          available: cost.throttleStatus.currentlyAvailable,
          restoreRate: cost.throttleStatus.restoreRate || 50,
        };
        nextCost = cost.requestedQueryCost ?? nextCost;
      }
      if (answer.errors?.some((e) => e.extensions?.code === "THROTTLED")) {
        const wait = bucket ? ((nextCost || 100) - bucket.available) / bucket.restoreRate : 2;
        await this.opts.sleep(Math.max(1000, Math.ceil(wait * 1000)));
        continue;
      }
      if (answer.errors?.length || !answer.data) {
        throw new Error(
          `Admin API orders query failed for ${shop}: ${answer.errors?.map((e) => e.message).join("; ") ?? "no data"}`
        );
      }
      const page: OrderPage = { orders: [], customers: [] };
      for (const node of answer.data.orders.nodes) {
        const { order, customer } = toRecords(node);
        page.orders.push(order);
        if (customer) page.customers.push(customer);
      }
      yield page;
      if (!answer.data.orders.pageInfo.hasNextPage) return;
      after = answer.data.orders.pageInfo.endCursor;
    }
  }

  /** Runs the backfill as a bulk operation; returns null when the shop refuses it, so the caller pages instead. */
  private async bulk(graphql: AdminGraphql, search: string | null): Promise<OrderPage | null> {
    let started: GraphqlAnswer<{
      bulkOperationRunQuery: { bulkOperation: { id: string } | null; userErrors: { message: string }[] } | null;
    }>;
    try {
      started = await (await graphql(WAREHOUSE_BULK_START, { variables: { query: bulkOrdersQuery(search) } })).json();
    } catch {
      return null;
    }
    const op = started.data?.bulkOperationRunQuery;
    if (started.errors?.length || !op?.bulkOperation || op.userErrors.length) return null;
    for (let i = 0; i < this.opts.maxPolls; i++) {
      const polled: GraphqlAnswer<{
        bulkOperation: {
          status: string;
          errorCode: string | null;
          url: string | null;
          partialDataUrl: string | null;
        } | null;
      }> = await (await graphql(WAREHOUSE_BULK_POLL, { variables: { id: op.bulkOperation.id } })).json();
      const status = polled.data?.bulkOperation;
      if (status?.status === "COMPLETED") {
        // A completed operation over zero orders has no file.
        const text = status.url ? await (this.opts.fetchFile ?? fetchText)(status.url) : "";
        return parseBulkOrders(text);
      }
      if (!status || ["FAILED", "CANCELED", "CANCELLED", "EXPIRED"].includes(status.status)) {
        throw new Error(
          `Bulk operation ${op.bulkOperation.id} ended ${status?.status ?? "unknown"} (${
            status?.errorCode ?? "no code"
          })`
        );
      }
      await this.opts.sleep(this.opts.pollMs);
    }
    throw new Error(`Bulk operation ${op.bulkOperation.id} did not finish in time`);
  }
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Bulk result download failed: ${res.status}`);
  return res.text();
}

/** Reassembles a bulk operation's JSONL: order lines, then line-item lines that name their order in `__parentId`. */
export function parseBulkOrders(jsonl: string): OrderPage {
  const nodes = new Map<string, OrderNode>();
  const titles = new Map<string, string>();
  for (const line of jsonl.split("\n")) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as OrderNode & { __parentId?: string; title?: string };
    if (row.__parentId) {
      if (!titles.has(row.__parentId) && row.title) titles.set(row.__parentId, row.title);
    } else nodes.set(row.id, row);
  }
  const page: OrderPage = { orders: [], customers: [] };
  for (const node of nodes.values()) {
    const { order, customer } = toRecords(node, titles.get(node.id) ?? null);
    page.orders.push(order);
    if (customer) page.customers.push(customer);
  }
  return page;
}

/** Files the synthetic generator writes for one shop. */
export function syntheticFiles(dir: string, shop: string): { orders: string; customers: string } {
  return { orders: path.join(dir, shop, "orders.ndjson"), customers: path.join(dir, shop, "customers.ndjson") };
}

/**
 * Orders of the synthetic history (written by `warehouse generate`), read as if they came from the Admin API, with
 * the same `updated_at` watermark semantics.
 */
export class SyntheticOrderSource implements OrderSource {
  readonly name = "synthetic";
  constructor(private readonly dir: string, private readonly pageSize = 20_000) {}

  files(shop: string): { orders: string; customers: string } | null {
    const files = syntheticFiles(this.dir, shop);
    return fs.existsSync(files.orders) && fs.existsSync(files.customers) ? files : null;
  }

  async *pages(shop: string, since: string | null): AsyncIterable<OrderPage> {
    const files = syntheticFiles(this.dir, shop);
    if (!fs.existsSync(files.orders)) return;
    const after = since ? Date.parse(since) : -Infinity;
    const customers = new Map<string, CustomerRecord>();
    if (fs.existsSync(files.customers)) {
      for await (const line of readline.createInterface({ input: fs.createReadStream(files.customers) })) {
        if (!line) continue;
        const c = JSON.parse(line) as CustomerRecord;
        customers.set(c.id, c);
      }
    }
    let page: OrderPage = { orders: [], customers: [] };
    for await (const line of readline.createInterface({ input: fs.createReadStream(files.orders) })) {
      if (!line) continue;
      const order = JSON.parse(line) as OrderRecord;
      if (Date.parse(order.updatedAt) <= after) continue;
      page.orders.push(order);
      const customer = order.customerId ? customers.get(order.customerId) : undefined;
      if (customer) {
        page.customers.push(customer);
        // Each customer once per load is enough.
        customers.delete(customer.id);
      }
      if (page.orders.length >= this.pageSize) {
        yield page;
        page = { orders: [], customers: [] };
      }
    }
    if (page.orders.length) yield page;
  }
}

import {
  execute,
  getNamedType,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
  type OperationDefinitionNode,
} from "graphql";
import { adminSchema } from "../shopify/schema.server";
import { isoSeconds } from "./data/time";
import type { DemoBulkOperation, DemoShop } from "./shop-data";
import { connectionOf, encodeCursor } from "./admin-api/connections";
import {
  buildIndex,
  typeOfId,
  type StandInContext,
  type TypeResolvers,
} from "./admin-api/context";
import {
  isConnectionType,
  LeakyBucket,
  MAX_SINGLE_QUERY_COST,
  operationCost,
  type QueryCost,
} from "./admin-api/cost";
import {
  shopifyExecutionError,
  shopifyValidationError,
  type ShopifyGraphQLError,
} from "./admin-api/errors";
import { mutationResolvers } from "./admin-api/mutations";
import { faultDealer, type FaultProfile } from "./admin-api/faults";
import { objectResolvers } from "./admin-api/objects";
import { rootResolvers } from "./admin-api/root";
import { legacyId } from "./admin-api/search";

export {
  LeakyBucket,
  type QueryCost,
  type ThrottleStatus,
} from "./admin-api/cost";

/** The token the demo's offline session carries; requests with any other token get Shopify's 401. */
export const DEMO_ACCESS_TOKEN = "shpat_shopdesk_demo_0000000000000000";
export const ADMIN_API_VERSION = "2026-10";
/** Where finished bulk operations are served from (answered by the msw handler, never by the network). */
export const BULK_RESULTS_ORIGIN = "https://bulk-results.shopdesk-demo.test";

/** A failure to inject: an HTTP status Shopify's edge answers with, or a request that never answers in time. */
export type AdminFault = 500 | 502 | 503 | 504 | "timeout";

export type AdminStandInOptions = {
  /** The accepted access token, or a check; default DEMO_ACCESS_TOKEN. */
  accessToken?: string | ((token: string) => boolean);
  /** The next requests fail this way, in order (then requests succeed again). */
  faults?: AdminFault[];
  /** How long a "timeout" fault holds the request before Shopify's edge gives up with 504 (default 30 s). */
  timeoutFaultMs?: number;
  /** Clock for the leaky bucket (ms). */
  clock?: () => number;
  /** Clock for timestamps written by mutations. */
  now?: () => Date;
  bucket?: { maximumAvailable?: number; restoreRate?: number };
  /** A standing share of failures, delay and outages (SHOPDESK_ADMIN_FAULTS in the demo and benches). */
  faultProfile?: FaultProfile | null;
};

export type AdminStandInRequest = {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  accessToken?: string;
};
export type AdminStandInResponse = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
};

export type AdminStandIn = {
  execute(req: AdminStandInRequest): Promise<AdminStandInResponse>;
  data: DemoShop;
  shop: string;
  bucket: LeakyBucket;
  /** Queues failures for the next requests (tests of retry logic). */
  injectFaults(...faults: AdminFault[]): void;
  /** The JSONL file of a finished bulk operation, by its file name in the result URL. */
  bulkFile(name: string): string | undefined;
};

const RESOLVERS: TypeResolvers = {
  ...objectResolvers,
  ...rootResolvers,
  ...mutationResolvers,
};

// Reads stored records by field name. Lists become connections where the schema wants one; anything the demo does
// not store is null, so a non-null field it does not model fails loudly instead of inventing a value.
const fieldResolver: GraphQLFieldResolver<unknown, StandInContext> = (
  source,
  args,
  ctx,
  info
) => {
  const custom = RESOLVERS[info.parentType.name]?.[info.fieldName];
  if (custom) return custom(source, args, ctx, info);
  const record = source as Record<string, unknown> | null;
  const value = record?.[info.fieldName];
  if (value === undefined) {
    if (info.fieldName === "legacyResourceId" && typeof record?.id === "string")
      return legacyId(record.id);
    if (info.fieldName === "defaultCursor" && typeof record?.id === "string")
      return encodeCursor(record.id);
    return null;
  }
  if (Array.isArray(value)) {
    if (isConnectionType(getNamedType(info.returnType)))
      return connectionOf(value, args, { unbounded: ctx.bulk });
    if (typeof args.first === "number") return value.slice(0, args.first);
  }
  return value;
};

const typeResolver: GraphQLTypeResolver<unknown, StandInContext> = (value) => {
  const v = value as { __typename?: string; id?: string };
  return v.__typename ?? typeOfId(v.id);
};

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    // A hanging fault must not keep a test process alive.
    (t as { unref?: () => void }).unref?.();
  });

function splitDocument(document: DocumentNode, operationName?: string) {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations[0];
  return { fragments, operation };
}

/** Bulk results as Shopify writes them: one JSON object per line, nested connection nodes with `__parentId`. */
function toJsonl(data: Record<string, unknown>): {
  lines: string[];
  roots: number;
} {
  const lines: string[] = [];
  let roots = 0;
  const nodesOf = (conn: Record<string, unknown>): Record<string, unknown>[] =>
    Array.isArray(conn.nodes)
      ? (conn.nodes as Record<string, unknown>[])
      : (
          (conn.edges as { node: Record<string, unknown> }[] | undefined) ?? []
        ).map((e) => e.node);
  const isConnection = (v: unknown): v is Record<string, unknown> =>
    Boolean(v) &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    ("edges" in (v as object) || "nodes" in (v as object));
  const emit = (node: Record<string, unknown>, parentId: string | null) => {
    const own: Record<string, unknown> = {};
    const children: Record<string, unknown>[] = [];
    for (const [k, v] of Object.entries(node)) {
      if (isConnection(v)) children.push(v);
      else own[k] = v;
    }
    if (parentId) own.__parentId = parentId;
    lines.push(JSON.stringify(own));
    for (const child of children)
      for (const n of nodesOf(child)) emit(n, (node.id as string) ?? parentId);
  };
  for (const top of Object.values(data)) {
    if (!isConnection(top)) continue;
    for (const n of nodesOf(top)) {
      roots += 1;
      emit(n, null);
    }
  }
  return { lines, roots };
}

/**
 * A local Admin API (2026-10) over the demo shop: any valid document runs against the real schema, with Shopify's
 * answers for bad tokens, invalid documents, query cost and throttling.
 */
export function createAdminStandIn(
  data: DemoShop,
  opts: AdminStandInOptions = {}
): AdminStandIn {
  const schema = adminSchema();
  const bucket = new LeakyBucket(
    opts.bucket?.maximumAvailable,
    opts.bucket?.restoreRate,
    opts.clock
  );
  const faults: AdminFault[] = [...(opts.faults ?? [])];
  const dealFault = opts.faultProfile ? faultDealer(opts.faultProfile) : null;
  const files = new Map<string, string>();
  const shop = data.shop.myshopifyDomain;
  const now =
    opts.now ?? (() => new Date(Math.max(Date.now(), data.now.getTime())));
  const tokenOk = (token: string | undefined) => {
    if (!token) return false;
    const expected = opts.accessToken ?? DEMO_ACCESS_TOKEN;
    return typeof expected === "function"
      ? expected(token)
      : token === expected;
  };
  const headers = () => ({
    "content-type": "application/json; charset=utf-8",
    "x-shopify-api-version": ADMIN_API_VERSION,
  });

  const costOf = (requested: number, actual: number | null): QueryCost => ({
    requestedQueryCost: requested,
    actualQueryCost: actual,
    throttleStatus: bucket.status(),
  });

  async function runBulk(query: string): Promise<DemoBulkOperation> {
    const document = parse(query);
    const result = await execute({
      schema,
      document,
      contextValue: context(true),
      fieldResolver,
      typeResolver,
      rootValue: {},
    });
    const { lines, roots } = result.data
      ? toJsonl(result.data as Record<string, unknown>)
      : { lines: [], roots: 0 };
    const id = `gid://shopify/BulkOperation/${
      7_000_000_000 + data.bulkOperations.length + 1
    }`;
    const name = `${legacyId(id)}.jsonl`;
    const body = lines.map((l) => `${l}\n`).join("");
    files.set(name, body);
    const at = isoSeconds(now().getTime());
    const op: DemoBulkOperation = {
      id,
      status: result.errors?.length ? "FAILED" : "COMPLETED",
      type: "QUERY",
      query,
      createdAt: at,
      completedAt: at,
      objectCount: String(lines.length),
      rootObjectCount: String(roots),
      fileSize: String(Buffer.byteLength(body)),
      // Shopify gives no URL when a bulk query matched nothing.
      url: lines.length ? `${BULK_RESULTS_ORIGIN}/${shop}/${name}` : null,
      errorCode: result.errors?.length ? "INTERNAL_SERVER_ERROR" : null,
    };
    data.bulkOperations.push(op);
    return op;
  }

  /** Shopify's answer to a failing request: a held request the edge gives up on (504), or a bare 5xx. */
  async function failure(fault: AdminFault): Promise<AdminStandInResponse> {
    if (fault === "timeout") {
      await sleep(opts.timeoutFaultMs ?? 30_000);
      return { status: 504, body: { errors: "Gateway Timeout" }, headers: headers() };
    }
    const errors = { 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" }[fault];
    return { status: fault, body: { errors }, headers: headers() };
  }

  /** Shopify's THROTTLED answer (HTTP 200 with the error), as when the cost bucket cannot pay `requested`. */
  function throttled(requested: number): AdminStandInResponse {
    return {
      status: 200,
      body: {
        errors: [
          { message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } },
        ],
        extensions: { cost: costOf(requested, null) },
      },
      headers: headers(),
    };
  }

  /** The profile's fault for this operation (after its delay), or null to answer normally. */
  async function profiledFault(operation: OperationDefinitionNode): Promise<AdminStandInResponse | null> {
    const profile = opts.faultProfile!;
    if (profile.slowMs) await sleep(profile.slowMs);
    const roots = operation.selectionSet.selections.flatMap((s) => (s.kind === "Field" ? [s.name.value] : []));
    const fault = dealFault!(roots);
    if (!fault) return null;
    if (fault.kind === "throttled") return throttled(0);
    return failure(fault.kind === "timeout" ? "timeout" : fault.status);
  }

  function context(bulk: boolean): StandInContext {
    return {
      data,
      index: buildIndex(data),
      now,
      bulk,
      bulkUrl: (id) => `${BULK_RESULTS_ORIGIN}/${shop}/${legacyId(id)}.jsonl`,
      runBulk,
    };
  }

  async function executeRequest(
    req: AdminStandInRequest
  ): Promise<AdminStandInResponse> {
    const fault = faults.shift();
    if (fault) return failure(fault);
    if (!tokenOk(req.accessToken)) {
      return {
        status: 401,
        body: {
          errors:
            "[API] Invalid API key or access token (unrecognized login or wrong password)",
        },
        headers: headers(),
      };
    }
    if (typeof req.query !== "string" || !req.query.trim()) {
      return {
        status: 400,
        body: { errors: { query: "Required parameter missing or invalid" } },
        headers: headers(),
      };
    }

    let document: DocumentNode;
    try {
      document = parse(req.query);
    } catch (error) {
      const errors = [shopifyValidationError(error as GraphQLError, null)];
      return {
        status: 200,
        body: { errors, extensions: { cost: costOf(0, 0) } },
        headers: headers(),
      };
    }
    const invalid = validate(schema, document);
    if (invalid.length) {
      const errors: ShopifyGraphQLError[] = invalid.map((e) =>
        shopifyValidationError(e, document)
      );
      return {
        status: 200,
        body: { errors, extensions: { cost: costOf(0, 0) } },
        headers: headers(),
      };
    }
    const { fragments, operation } = splitDocument(document, req.operationName);
    if (operation && opts.faultProfile) {
      const dealt = await profiledFault(operation);
      if (dealt) return dealt;
    }
    if (!operation) {
      return {
        status: 200,
        body: {
          errors: [{ message: `No operation named "${req.operationName}"` }],
          extensions: { cost: costOf(0, 0) },
        },
        headers: headers(),
      };
    }
    const variables = req.variables ?? {};
    const requested = operationCost(schema, operation, fragments, variables);
    if (requested > MAX_SINGLE_QUERY_COST) {
      return {
        status: 200,
        body: {
          errors: [
            {
              message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
              extensions: {
                code: "MAX_COST_EXCEEDED",
                cost: requested,
                maxCost: MAX_SINGLE_QUERY_COST,
              },
            },
          ],
          extensions: { cost: costOf(requested, null) },
        },
        headers: headers(),
      };
    }
    if (!bucket.canPay(requested)) return throttled(requested);
    const result = await execute({
      schema,
      document,
      operationName: req.operationName,
      variableValues: variables,
      contextValue: context(false),
      rootValue: {},
      fieldResolver,
      typeResolver,
    });
    // Variable coercion failures have no data at all and cost nothing, as with Shopify.
    // Shopify never charges more than it asked for: the difference is refunded, never the other way.
    const actual = result.data
      ? Math.min(
          requested,
          operationCost(schema, operation, fragments, variables, result.data)
        )
      : 0;
    bucket.take(actual);
    const body: Record<string, unknown> = {};
    if (result.errors?.length)
      body.errors = result.errors.map(shopifyExecutionError);
    if (result.data !== undefined) body.data = result.data;
    body.extensions = { cost: costOf(requested, actual) };
    // Plain JSON, exactly what would cross the wire (graphql-js builds null-prototype objects).
    return {
      status: 200,
      body: JSON.parse(JSON.stringify(body)),
      headers: headers(),
    };
  }

  return {
    execute: executeRequest,
    data,
    shop,
    bucket,
    injectFaults: (...more) => faults.push(...more),
    bulkFile: (name) => files.get(name),
  };
}

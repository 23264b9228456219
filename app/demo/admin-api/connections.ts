import { GraphQLError } from "graphql";

export type PageArgs = {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
};

export type Connection<T> = {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
};

/** Shopify refuses pages above 250 items. */
export const MAX_PAGE_SIZE = 250;

function keyOf(item: unknown, index: number): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : `#${index}`;
}

// Opaque like Shopify's (base64 JSON), but ours only needs to find the item again in the same list.
export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ last_id: key }), "utf8").toString(
    "base64"
  );
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, "base64").toString("utf8")
    ) as { last_id?: unknown };
    if (typeof parsed.last_id === "string") return parsed.last_id;
  } catch {
    // fall through to the error Shopify gives for a cursor it did not issue
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`);
}

/**
 * A Relay connection over an in-memory list, with Shopify's rules: one of first/last is required (except in
 * bulk operations, which page by themselves) and a page holds at most 250 items.
 */
export function connectionOf<T>(
  all: readonly T[],
  args: PageArgs,
  opts: { unbounded?: boolean } = {}
): Connection<T> {
  const { first, last, after, before } = args;
  if (first == null && last == null && !opts.unbounded) {
    throw new GraphQLError("you must provide one of first or last");
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new GraphQLError(
        `The '${name}' argument must be between 0 and ${MAX_PAGE_SIZE}.`
      );
    }
  }
  const keyed = (args.reverse ? [...all].reverse() : [...all]).map(
    (node, i) => ({ node, key: keyOf(node, i) })
  );
  let start = 0;
  let end = keyed.length;
  if (after) {
    const key = decodeCursor(after);
    const at = keyed.findIndex((k) => k.key === key);
    start = at === -1 ? end : at + 1;
  }
  if (before) {
    const key = decodeCursor(before);
    const at = keyed.findIndex((k) => k.key === key);
    end = at === -1 ? end : at;
  }
  let window = keyed.slice(start, Math.max(start, end));
  let hasNextPage = end < keyed.length;
  let hasPreviousPage = start > 0;
  if (first != null && window.length > first) {
    window = window.slice(0, first);
    hasNextPage = true;
  }
  if (last != null && window.length > last) {
    window = window.slice(window.length - last);
    hasPreviousPage = true;
  }
  const edges = window.map((k) => ({
    cursor: encodeCursor(k.key),
    node: k.node,
  }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { getArgumentValues } from "graphql/execution/values";

// A simplified version of Shopify's calculated query cost (https://shopify.dev/docs/api/usage/limits): scalars and
// enums cost 0, objects 1, a connection 2 plus `first`/`last` times the cost of one node, a mutation field 10.
// "Requested" uses the page sizes asked for; "actual" walks the answer and counts what came back.

export const MUTATION_COST = 10;
export const MAX_SINGLE_QUERY_COST = 1000;

export type ThrottleStatus = {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
};
export type QueryCost = {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
};

type Walk = {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
};

export function isConnectionType(type: unknown): type is GraphQLObjectType {
  return (
    isObjectType(type) &&
    type.name.endsWith("Connection") &&
    "pageInfo" in type.getFields()
  );
}

function fieldsOf(
  walk: Walk,
  set: SelectionSetNode,
  out: FieldNode[] = []
): FieldNode[] {
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT)
      fieldsOf(walk, sel.selectionSet, out);
    else {
      const frag = walk.fragments[sel.name.value];
      if (frag) fieldsOf(walk, frag.selectionSet, out);
    }
  }
  return out;
}

function fieldDef(
  walk: Walk,
  parent: GraphQLCompositeType,
  name: string
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || "getFields" in parent) {
    const own = (parent as GraphQLObjectType).getFields()[name];
    if (own) return own;
  }
  // A field picked in a fragment on a concrete type of an interface or union: look it up there.
  if (isAbstractType(parent)) {
    for (const t of walk.schema.getPossibleTypes(parent)) {
      const f = t.getFields()[name];
      if (f) return f;
    }
  }
  return undefined;
}

function argsOf(
  walk: Walk,
  def: GraphQLField<unknown, unknown>,
  node: FieldNode
): Record<string, unknown> {
  try {
    return getArgumentValues(def, node, walk.variables);
  } catch {
    return {};
  }
}

/** Cost of a selection set on `parent`; with `data`, counts what the answer holds instead of what was asked. */
function selectionCost(
  walk: Walk,
  parent: GraphQLCompositeType,
  set: SelectionSetNode,
  data?: unknown
): number {
  let total = 0;
  for (const node of fieldsOf(walk, set)) {
    const def = fieldDef(walk, parent, node.name.value);
    if (!def) continue;
    const key = node.alias?.value ?? node.name.value;
    const value =
      data === undefined
        ? undefined
        : (data as Record<string, unknown> | null)?.[key];
    if (data !== undefined && (value === null || value === undefined)) continue;
    total += fieldCost(walk, def, node, data === undefined ? undefined : value);
  }
  return total;
}

function fieldCost(
  walk: Walk,
  def: GraphQLField<unknown, unknown>,
  node: FieldNode,
  value: unknown
): number {
  const named = getNamedType(def.type);
  if (isLeafType(named) || !node.selectionSet) return 0;
  const composite = named as GraphQLCompositeType;
  const args = argsOf(walk, def, node);
  if (isConnectionType(composite)) {
    const size = Number(args.first ?? args.last ?? 0);
    let perNode = 0;
    let actual = 0;
    for (const sub of fieldsOf(walk, node.selectionSet)) {
      const subKey = sub.alias?.value ?? sub.name.value;
      const subValue =
        value === undefined
          ? undefined
          : (value as Record<string, unknown>)[subKey];
      const nodeType = getNamedType(
        composite.getFields().nodes?.type ?? composite.getFields().edges.type
      );
      if (sub.name.value === "nodes" && sub.selectionSet) {
        const t = nodeType as GraphQLCompositeType;
        if (value === undefined)
          perNode = Math.max(
            perNode,
            1 + selectionCost(walk, t, sub.selectionSet)
          );
        else
          for (const n of (subValue as unknown[]) ?? [])
            actual += n ? 1 + selectionCost(walk, t, sub.selectionSet, n) : 0;
      } else if (sub.name.value === "edges" && sub.selectionSet) {
        const edgeType = getNamedType(
          composite.getFields().edges.type
        ) as GraphQLObjectType;
        for (const e of fieldsOf(walk, sub.selectionSet)) {
          if (e.name.value !== "node" || !e.selectionSet) continue;
          const t = getNamedType(
            edgeType.getFields().node.type
          ) as GraphQLCompositeType;
          const eKey = e.alias?.value ?? "node";
          if (value === undefined)
            perNode = Math.max(
              perNode,
              1 + selectionCost(walk, t, e.selectionSet)
            );
          else
            for (const edge of (subValue as Record<string, unknown>[]) ?? [])
              actual += edge?.[eKey]
                ? 1 + selectionCost(walk, t, e.selectionSet, edge[eKey])
                : 0;
        }
      }
    }
    return 2 + (value === undefined ? size * perNode : actual);
  }
  const inner = getNullableType(def.type);
  if (isListType(inner)) {
    if (value === undefined) {
      // Lists without paging are counted as one item, the way Shopify prices small fixed lists.
      const size = typeof args.first === "number" ? args.first : 1;
      return size * (1 + selectionCost(walk, composite, node.selectionSet));
    }
    return ((value as unknown[]) ?? []).reduce<number>(
      (sum, item) =>
        sum +
        (item
          ? 1 + selectionCost(walk, composite, node.selectionSet!, item)
          : 0),
      0
    );
  }
  return 1 + selectionCost(walk, composite, node.selectionSet, value);
}

/** The requested (from the document) or actual (from `data`) cost of one operation. */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  data?: unknown
): number {
  const walk: Walk = { schema, fragments, variables };
  if (operation.operation === "mutation") {
    // A mutation field has a flat price that covers the payload it returns.
    const mutation = schema.getMutationType()!;
    return (
      fieldsOf(walk, operation.selectionSet).filter(
        (node) => mutation.getFields()[node.name.value]
      ).length * MUTATION_COST
    );
  }
  return selectionCost(
    walk,
    schema.getQueryType()!,
    operation.selectionSet,
    data
  );
}

/** Shopify's leaky bucket: 2000 points, refilled at 100 points a second. */
export class LeakyBucket {
  private available: number;
  private last: number;

  constructor(
    readonly maximumAvailable = 2000,
    readonly restoreRate = 100,
    private readonly clock: () => number = Date.now
  ) {
    this.available = maximumAvailable;
    this.last = clock();
  }

  private refill(): void {
    const t = this.clock();
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((t - this.last) / 1000) * this.restoreRate
    );
    this.last = t;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  /** Whether a query of this requested cost may run now. */
  canPay(cost: number): boolean {
    this.refill();
    return this.available >= cost;
  }

  take(cost: number): void {
    this.refill();
    this.available = Math.max(0, this.available - cost);
  }

  /** Sets the level directly (tests: "when the bucket is empty"). */
  set(level: number): void {
    this.refill();
    this.available = Math.max(0, Math.min(this.maximumAvailable, level));
  }
}

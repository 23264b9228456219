// Shopify's search syntax, the part the app and the analytics backfill use: `field:value`, comparisons
// (`updated_at:>2026-01-01`), negation (`-status:cancelled`), quoted values, `*` prefix wildcards, `OR` between
// terms (AND is implicit), and bare words that match the resource's default text.

export type Comparator = ":" | ">" | ">=" | "<" | "<=";
export type Term = {
  field: string | null;
  op: Comparator;
  value: string;
  negate: boolean;
};
/** Disjunctive normal form: any group matches when all of its terms match. */
export type SearchQuery = Term[][];

export type FieldKind = "exact" | "text" | "date" | "number";
export type FieldValue =
  | string
  | number
  | null
  | undefined
  | (string | number | null | undefined)[];
export type SearchFields = {
  kinds: Record<string, FieldKind>;
  /** Returns the record's values for a search field (arrays match when any element matches). */
  valueOf(field: string): FieldValue;
  /** What a bare word is matched against. */
  text: string;
};

function tokenize(q: string): string[] {
  const tokens: string[] = [];
  const re = /(-?[\w.]+:(?:>=|<=|>|<)?"[^"]*")|("[^"]*")|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) tokens.push(m[0]);
  return tokens;
}

export function parseSearch(q: string | null | undefined): SearchQuery {
  const groups: SearchQuery = [[]];
  let not = false;
  for (const token of tokenize(q ?? "")) {
    if (token === "OR") {
      groups.push([]);
      continue;
    }
    if (token === "AND") continue;
    if (token === "NOT") {
      not = true;
      continue;
    }
    const negate = not || token.startsWith("-");
    not = false;
    const body = token.startsWith("-") ? token.slice(1) : token;
    const m = /^([\w.]+):(>=|<=|>|<)?(.*)$/.exec(body);
    const unquote = (s: string) => s.replace(/^"(.*)"$/, "$1");
    if (m) {
      groups[groups.length - 1].push({
        field: m[1].toLowerCase(),
        op: (m[2] as Comparator) ?? ":",
        value: unquote(m[3]),
        negate,
      });
    } else {
      groups[groups.length - 1].push({
        field: null,
        op: ":",
        value: unquote(body),
        negate,
      });
    }
  }
  return groups.filter((g) => g.length > 0);
}

function compare(
  kind: FieldKind,
  actual: string | number,
  op: Comparator,
  wanted: string
): boolean {
  if (kind === "date" || kind === "number") {
    const a = kind === "date" ? Date.parse(String(actual)) : Number(actual);
    const w = kind === "date" ? Date.parse(wanted) : Number(wanted);
    if (Number.isNaN(a) || Number.isNaN(w)) return false;
    switch (op) {
      case ">":
        return a > w;
      case ">=":
        return a >= w;
      case "<":
        return a < w;
      case "<=":
        return a <= w;
      default:
        // A bare date matches the whole day.
        return kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(wanted)
          ? String(actual).startsWith(wanted)
          : a === w;
    }
  }
  const a = String(actual).toLowerCase();
  const w = wanted.toLowerCase();
  if (w.endsWith("*")) {
    const prefix = w.slice(0, -1);
    return kind === "text"
      ? a
          .split(/[^\p{L}\p{N}@.+#-]+/u)
          .some((word) => word.startsWith(prefix)) || a.startsWith(prefix)
      : a.startsWith(prefix);
  }
  return kind === "text" ? a.includes(w) : a === w;
}

function termMatches(term: Term, fields: SearchFields): boolean {
  if (term.field === null)
    return fields.text.toLowerCase().includes(term.value.toLowerCase());
  const kind = fields.kinds[term.field];
  const raw = fields.valueOf(term.field);
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string | number => v !== null && v !== undefined
  );
  return values.some((v) => compare(kind, v, term.op, term.value));
}

/** Whether a record (seen through `fields`) matches a parsed search. An empty search matches everything. */
export function matches(query: SearchQuery, fields: SearchFields): boolean {
  if (query.length === 0) return true;
  return query.some((group) =>
    group.every(
      // Shopify ignores filters a resource does not know (it answers with a search warning instead).
      (term) =>
        (term.field !== null && !fields.kinds[term.field]) ||
        termMatches(term, fields) !== term.negate
    )
  );
}

/** The numeric id at the end of a GID, as search filters and legacyResourceId use it. */
export function legacyId(gid: string): string {
  return /\/(\d+)(?:\?.*)?$/.exec(gid)?.[1] ?? gid;
}

// The app's Admin API client: one place that knows how Shopify fails (throttling, 5xx, timeouts, GraphQL errors,
// bad tokens) and how @shopify/shopify-app-remix surfaces each of those, so callers see one typed error.

/** `admin.graphql` from @shopify/shopify-app-remix (authenticate.admin / unauthenticated.admin), as the app uses it. */
export type AdminGraphqlFunction = (
  query: string,
  options?: { variables?: Record<string, unknown>; signal?: AbortSignal }
) => Promise<Response>;

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

export type AdminApiErrorKind =
  | "throttled"
  | "server"
  | "timeout"
  | "graphql"
  | "auth";

export type AdminGraphQLErrorDetail = {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
};

/** A request to the Admin API that failed for good (after any retries that made sense). */
export class AdminApiError extends Error {
  readonly kind: AdminApiErrorKind;
  readonly status?: number;
  readonly errors: AdminGraphQLErrorDetail[];
  readonly attempts: number;
  readonly operation?: string;
  /** Partial data Shopify returned next to the errors, if any. */
  readonly data?: unknown;

  constructor(init: {
    kind: AdminApiErrorKind;
    message: string;
    status?: number;
    errors?: AdminGraphQLErrorDetail[];
    attempts: number;
    operation?: string;
    data?: unknown;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.name = "AdminApiError";
    this.kind = init.kind;
    this.status = init.status;
    this.errors = init.errors ?? [];
    this.attempts = init.attempts;
    this.operation = init.operation;
    this.data = init.data;
  }
}

export type UserErrorDetail = {
  field?: string[] | null;
  message: string;
  code?: string | null;
};

/** A mutation Shopify refused with userErrors: expected, so callers turn it into a message for the person. */
export class AdminUserErrors extends Error {
  constructor(readonly userErrors: UserErrorDetail[]) {
    super(
      userErrors
        .map((e) =>
          e.field?.length ? `${e.field.join(".")}: ${e.message}` : e.message
        )
        .join("; ")
    );
    this.name = "AdminUserErrors";
  }
}

/** Every userErrors-like list in a mutation payload (`userErrors`, `orderCancelUserErrors`, …), flattened. */
export function userErrorsOf(payload: unknown): UserErrorDetail[] {
  if (!payload || typeof payload !== "object") return [];
  return Object.entries(payload as Record<string, unknown>)
    .filter(([key, value]) => /userErrors$/i.test(key) && Array.isArray(value))
    .flatMap(([, value]) => value as UserErrorDetail[]);
}

/** Throws AdminUserErrors when the mutation payload carries any userErrors; returns the payload otherwise. */
export function assertNoUserErrors<T>(payload: T): T {
  const errors = userErrorsOf(payload);
  if (errors.length) throw new AdminUserErrors(errors);
  return payload;
}

export type AdminClientOptions = {
  /** Tries for 5xx, network failures and timeouts (default 3). */
  maxTries?: number;
  /** Waits for the bucket before giving up on THROTTLED (default 5). */
  maxThrottleWaits?: number;
  /** Longest single wait for the bucket (default 10 s): a chat turn cannot wait longer. */
  maxThrottleWaitMs?: number;
  /** Per-attempt timeout (default 15 s). */
  timeoutMs?: number;
  /** First backoff after a 5xx/timeout, doubled each time (default 300 ms). */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => number;
};

export type AdminClient = {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The bucket as of the last answer that reported it (null before the first). */
  throttleStatus(): ThrottleStatus | null;
  /** Waits until the bucket should hold `cost` points (batch jobs call this between pages). */
  waitForCapacity(cost: number): Promise<void>;
};

type Outcome =
  | { type: "ok"; data: unknown; cost?: QueryCost }
  | { type: "throttled"; waitMs: number; cost?: QueryCost }
  | {
      type: "retry";
      kind: "server" | "timeout";
      status?: number;
      message: string;
      cause?: unknown;
    }
  | {
      type: "fail";
      error: Omit<
        ConstructorParameters<typeof AdminApiError>[0],
        "attempts" | "operation"
      >;
    };

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

function operationName(query: string): string | undefined {
  return /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function costOf(body: unknown): QueryCost | undefined {
  const cost = (body as { extensions?: { cost?: QueryCost } } | null)
    ?.extensions?.cost;
  return cost?.throttleStatus ? cost : undefined;
}

/** How long until the bucket holds what the throttled query asked for. */
function throttleWait(cost: QueryCost | undefined, fallbackMs: number): number {
  if (!cost) return fallbackMs;
  const missing =
    cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
  return Math.max(
    100,
    Math.ceil((Math.max(missing, 1) / cost.throttleStatus.restoreRate) * 1000)
  );
}

function fromGraphqlBody(body: unknown, status: number): Outcome {
  const b = (body ?? {}) as {
    data?: unknown;
    errors?: unknown;
    extensions?: unknown;
  };
  const cost = costOf(b);
  // shopify-api nests GraphQL errors under errors.graphQLErrors; a raw response has them as a list.
  const errors = (
    Array.isArray(b.errors)
      ? b.errors
      : Array.isArray((b.errors as { graphQLErrors?: unknown })?.graphQLErrors)
      ? (b.errors as { graphQLErrors: unknown[] }).graphQLErrors
      : []
  ) as AdminGraphQLErrorDetail[];
  if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
    return { type: "throttled", waitMs: throttleWait(cost, 1000), cost };
  }
  if (errors.length) {
    return {
      type: "fail",
      error: {
        kind: "graphql",
        status,
        errors,
        data: b.data ?? undefined,
        message: `Admin API GraphQL error: ${errors
          .map((e) => e.message)
          .join("; ")}`,
      },
    };
  }
  return { type: "ok", data: b.data, cost };
}

function fromStatus(
  status: number,
  body: unknown,
  retryAfter?: string | null
): Outcome {
  if (status === 401 || status === 403) {
    const detail =
      typeof body === "string"
        ? body
        : JSON.stringify((body as { errors?: unknown })?.errors ?? body);
    return {
      type: "fail",
      error: {
        kind: "auth",
        status,
        message: `Admin API refused the access token (${status}): ${detail}`,
      },
    };
  }
  if (status === 429) {
    return {
      type: "throttled",
      waitMs: retryAfter ? Number(retryAfter) * 1000 : 1000,
    };
  }
  if (status >= 500)
    return {
      type: "retry",
      kind: "server",
      status,
      message: `Admin API answered ${status}`,
    };
  return {
    type: "fail",
    error: {
      kind: "server",
      status,
      message: `Admin API answered ${status}: ${
        typeof body === "string" ? body : JSON.stringify(body)
      }`,
    },
  };
}

/** Maps whatever `admin.graphql` threw to an outcome: shopify-api errors, a thrown Response, or a network error. */
async function fromThrown(error: unknown, timedOut: boolean): Promise<Outcome> {
  if (timedOut)
    return {
      type: "retry",
      kind: "timeout",
      message: "Admin API request timed out",
      cause: error,
    };
  if (error instanceof Response)
    return fromStatus(
      error.status,
      await readBody(error),
      error.headers.get("Retry-After")
    );
  const e = error as {
    name?: string;
    message?: string;
    body?: unknown;
    response?: { code?: number; body?: unknown; retryAfter?: number };
  };
  // GraphqlQueryError: HTTP 200 with GraphQL errors (THROTTLED among them); the whole answer is in .body.
  if (e?.body && typeof e.body === "object" && "errors" in (e.body as object)) {
    return fromGraphqlBody(e.body, 200);
  }
  // HttpResponseError and its subclasses (HttpInternalError, HttpThrottlingError), when not wrapped by the app package.
  if (typeof e?.response?.code === "number") {
    const outcome = fromStatus(
      e.response.code,
      e.response.body,
      e.response.retryAfter ? String(e.response.retryAfter) : null
    );
    return outcome.type === "retry" ? { ...outcome, cause: error } : outcome;
  }
  // HttpMaxRetriesError: the library already retried a 429/5xx and gave up.
  if (e?.name === "HttpMaxRetriesError")
    return {
      type: "retry",
      kind: "server",
      message: e.message ?? "retries exhausted",
      cause: error,
    };
  if (e?.name === "AbortError" || e?.name === "TimeoutError") {
    return {
      type: "retry",
      kind: "timeout",
      message: "Admin API request was aborted",
      cause: error,
    };
  }
  // HttpRequestError / fetch failures: no response at all, which is worth another try.
  return {
    type: "retry",
    kind: "server",
    message: `Admin API request failed: ${e?.message ?? String(error)}`,
    cause: error,
  };
}

/** Wraps `admin.graphql` with cost-aware retries and one error type. */
export function createAdminClient(
  graphql: AdminGraphqlFunction,
  opts: AdminClientOptions = {}
): AdminClient {
  const maxTries = opts.maxTries ?? 3;
  const maxThrottleWaits = opts.maxThrottleWaits ?? 5;
  const maxThrottleWaitMs = opts.maxThrottleWaitMs ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const backoffMs = opts.backoffMs ?? 300;
  const sleep = opts.sleep ?? defaultSleep;
  const clock = opts.clock ?? Date.now;
  let last: { status: ThrottleStatus; at: number } | null = null;

  async function attempt(
    query: string,
    variables?: Record<string, unknown>
  ): Promise<Outcome> {
    const controller = new AbortController();
    let timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        reject(new Error("timeout"));
      }, timeoutMs);
    });
    try {
      // Raced as well as aborted: a graphql function that ignores the signal must not hang the caller.
      const res = await Promise.race([
        graphql(query, { variables, signal: controller.signal }),
        timeout,
      ]);
      if (!res.ok)
        return fromStatus(
          res.status,
          await readBody(res),
          res.headers.get("Retry-After")
        );
      return fromGraphqlBody(await readBody(res), res.status);
    } catch (error) {
      return fromThrown(error, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  async function request<T>(
    query: string,
    variables?: Record<string, unknown>
  ): Promise<T> {
    const operation = operationName(query);
    let tries = 0;
    let throttleWaits = 0;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const outcome = await attempt(query, variables);
      if ("cost" in outcome && outcome.cost)
        last = { status: outcome.cost.throttleStatus, at: clock() };
      switch (outcome.type) {
        case "ok":
          return outcome.data as T;
        case "fail":
          throw new AdminApiError({ ...outcome.error, attempts, operation });
        case "throttled":
          if (throttleWaits >= maxThrottleWaits) {
            throw new AdminApiError({
              kind: "throttled",
              message: `Admin API still throttled after ${throttleWaits} waits`,
              attempts,
              operation,
            });
          }
          throttleWaits += 1;
          await sleep(Math.min(outcome.waitMs, maxThrottleWaitMs));
          break;
        case "retry":
          tries += 1;
          if (tries >= maxTries) {
            throw new AdminApiError({
              kind: outcome.kind,
              status: outcome.status,
              message: `${outcome.message} (gave up after ${tries} tries)`,
              attempts,
              operation,
              cause: outcome.cause,
            });
          }
          await sleep(backoffMs * 2 ** (tries - 1));
          break;
      }
    }
  }

  return {
    request,
    throttleStatus: () => last?.status ?? null,
    async waitForCapacity(cost: number) {
      if (!last) return;
      const { maximumAvailable, currentlyAvailable, restoreRate } = last.status;
      const now = Math.min(
        maximumAvailable,
        currentlyAvailable + ((clock() - last.at) / 1000) * restoreRate
      );
      if (now < cost)
        await sleep(
          Math.min(
            Math.ceil(((cost - now) / restoreRate) * 1000),
            maxThrottleWaitMs
          )
        );
    },
  };
}

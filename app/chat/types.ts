/** Sends one Admin API document and returns its `data` (errors are thrown by the client). */
export type AdminGraphql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

/** A JSON error the widget can show: `{ error: { code, message } }` with the given status. */
export function jsonError(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return new Response(JSON.stringify({ error: { code, message }, ...extra }), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A JSON answer that no cache between the shopper and the app keeps. */
export function jsonOk(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

// Browsers ask for /favicon.ico on every page; answer without a routing error in the logs.
export const loader = () =>
  new Response(null, { status: 204, headers: { "Cache-Control": "public, max-age=86400" } });

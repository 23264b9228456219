import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isDemo } from "../env.server";

// Shopify opens the app with ?shop=…; the demo has no Shopify admin around it, so it goes straight to the app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop") || isDemo) throw redirect(`/app?${url.searchParams.toString()}`);
  return new Response("Shopdesk is a Shopify app: install it from your Shopify admin.", {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};

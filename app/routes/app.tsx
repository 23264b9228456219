import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import demoNavStyles from "../components/demo-nav.css?url";
import { authenticateAdmin } from "../auth.server";
import { env } from "../env.server";
import { DemoBanner } from "../components/DemoBanner";

export const links = () => [
  { rel: "stylesheet", href: polarisStyles },
  { rel: "stylesheet", href: demoNavStyles },
];

const PAGES = [
  { to: "/app", label: "Home" },
  { to: "/app/inbox", label: "Inbox" },
  { to: "/app/knowledge", label: "Knowledge base" },
  { to: "/app/settings", label: "Bot settings" },
  { to: "/app/analytics", label: "Analytics" },
];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, demo } = await authenticateAdmin(request);
  // The API key is public (App Bridge needs it in the page); the secret never leaves the server.
  return { apiKey: env.SHOPIFY_API_KEY, shop, demo };
};

export default function AppLayout() {
  const { apiKey, shop, demo } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp={!demo} apiKey={apiKey}>
      {demo ? (
        <DemoBanner shop={shop} pages={PAGES} />
      ) : (
        <NavMenu>
          {PAGES.map((p) => (
            <Link key={p.to} to={p.to} rel={p.to === "/app" ? "home" : undefined}>
              {p.label}
            </Link>
          ))}
        </NavMenu>
      )}
      <Outlet />
    </AppProvider>
  );
}

// Shopify needs Remix to catch thrown responses so that its headers (e.g. re-auth redirects) reach the browser.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);

import { authenticate, unauthenticated } from "./shopify.server";
import { env, isDemo } from "./env.server";

/** What an admin page needs from authentication: the shop, the signed-in staff member, and an Admin API client. */
export interface AdminContext {
  shop: string;
  staff: { id: string; name: string };
  graphql: (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;
  demo: boolean;
}

/**
 * Authenticates an admin page request. In production this is Shopify's embedded-app session token check; in demo
 * mode (refused in production by env.server.ts) the demo shop's stored offline session stands in for a login.
 */
export async function authenticateAdmin(request: Request): Promise<AdminContext> {
  if (isDemo) {
    const { admin } = await unauthenticated.admin(env.DEMO_SHOP);
    return {
      shop: env.DEMO_SHOP,
      staff: { id: "demo-agent", name: "Demo Agent" },
      graphql: admin.graphql as AdminContext["graphql"],
      demo: true,
    };
  }
  const { admin, session } = await authenticate.admin(request);
  const user = session.onlineAccessInfo?.associated_user;
  return {
    shop: session.shop,
    staff: {
      id: user ? String(user.id) : (session.id ?? "staff"),
      name: user ? [user.first_name, user.last_name].filter(Boolean).join(" ") || user.email : "Staff",
    },
    graphql: admin.graphql as AdminContext["graphql"],
    demo: false,
  };
}

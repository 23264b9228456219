import { NavLink } from "@remix-run/react";

/** Stands in for the Shopify admin's app navigation when the app runs outside Shopify in demo mode. */
export function DemoBanner({ shop, pages }: { shop: string; pages: { to: string; label: string }[] }) {
  return (
    <nav aria-label="Shopdesk" className="sd-demo-nav">
      <strong style={{ marginRight: 12 }}>Shopdesk</strong>
      {pages.map((p) => (
        <NavLink key={p.to} to={p.to} end={p.to === "/app"}>
          {p.label}
        </NavLink>
      ))}
      <span className="sd-demo-shop">Demo mode · {shop}</span>
    </nav>
  );
}

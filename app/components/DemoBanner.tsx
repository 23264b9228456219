import { NavLink } from "@remix-run/react";

/** Stands in for the Shopify admin's app navigation when the app runs outside Shopify in demo mode. */
export function DemoBanner({ shop, pages }: { shop: string; pages: { to: string; label: string }[] }) {
  return (
    <nav aria-label="Shopdesk" className="sd-demo-nav">
      <style>{`
        .sd-demo-nav{display:flex;gap:4px;align-items:center;flex-wrap:wrap;padding:8px 16px;background:#1a1a1a;color:#fff;font:14px/1.4 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif}
        .sd-demo-nav a{color:#fff;text-decoration:none;padding:6px 10px;border-radius:8px}
        .sd-demo-nav a[aria-current=page]{background:#fff;color:#1a1a1a}
        .sd-demo-nav a:focus-visible{outline:2px solid #8ab4ff;outline-offset:2px}
        .sd-demo-nav .sd-demo-shop{margin-left:auto;opacity:.8}
      `}</style>
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

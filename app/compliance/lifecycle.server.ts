import prisma from "../db.server";

/** app/uninstalled: the shop's sessions are no longer valid; its data stays until shop/redact (48 h later). */
export async function markUninstalled(shop: string): Promise<void> {
  await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop } }),
    prisma.shop.updateMany({ where: { shop }, data: { uninstalledAt: new Date() } }),
  ]);
}

/** app/scopes_update: keep the stored sessions' scope in step with what the merchant granted. */
export async function updateScopes(shop: string, current: unknown): Promise<void> {
  if (!Array.isArray(current)) return;
  const scope = current.map(String).join(",");
  await prisma.$transaction([
    prisma.session.updateMany({ where: { shop }, data: { scope } }),
    prisma.shop.updateMany({ where: { shop }, data: { scopes: scope } }),
  ]);
}

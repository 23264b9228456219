-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProactiveMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "customerId" TEXT,
    "conversationId" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);
INSERT INTO "new_ProactiveMessage" ("conversationId", "createdAt", "customerId", "dedupeKey", "id", "orderId", "sentAt", "shop", "status", "trigger") SELECT "conversationId", "createdAt", "customerId", "dedupeKey", "id", "orderId", "sentAt", "shop", "status", "trigger" FROM "ProactiveMessage";
DROP TABLE "ProactiveMessage";
ALTER TABLE "new_ProactiveMessage" RENAME TO "ProactiveMessage";
CREATE INDEX "ProactiveMessage_shop_status_idx" ON "ProactiveMessage"("shop", "status");
CREATE INDEX "ProactiveMessage_shop_customerId_status_idx" ON "ProactiveMessage"("shop", "customerId", "status");
CREATE UNIQUE INDEX "ProactiveMessage_shop_dedupeKey_key" ON "ProactiveMessage"("shop", "dedupeKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


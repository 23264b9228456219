-- AlterTable
ALTER TABLE "ProactiveMessage" ADD COLUMN     "payload" TEXT NOT NULL DEFAULT '{}';

-- CreateIndex
CREATE INDEX "ProactiveMessage_shop_customerId_status_idx" ON "ProactiveMessage"("shop", "customerId", "status");


-- AlterTable
ALTER TABLE "VerificationAttempt" ADD COLUMN     "orderName" TEXT;

-- CreateIndex
CREATE INDEX "VerificationAttempt_shop_orderName_createdAt_idx" ON "VerificationAttempt"("shop", "orderName", "createdAt");


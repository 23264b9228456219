-- AlterTable
ALTER TABLE "ShopSettings" ADD COLUMN "parcelOptions" TEXT NOT NULL DEFAULT '["wait","claim","reship","refund_shipping"]';
ALTER TABLE "ShopSettings" ADD COLUMN "lateGraceDays" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "ShopSettings" ADD COLUMN "stuckDays" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "ConversationOutcome" ADD COLUMN "reason" TEXT;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "openFor" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_shop_openFor_key" ON "Conversation"("shop", "openFor");

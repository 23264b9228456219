-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN "answeredThrough" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Conversation" ADD COLUMN "turnOwner" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "turnLockedUntil" DATETIME;

-- Conversations that existed before: everything in them has been dealt with.
UPDATE "Conversation" SET "answeredThrough" = COALESCE((SELECT MAX("id") FROM "Message" WHERE "Message"."conversationId" = "Conversation"."id"), 0);

-- CreateTable
CREATE TABLE "PrivacyRedaction" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "customerId" TEXT,
    "emailHash" TEXT,
    "phoneHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyRedaction_pkey" PRIMARY KEY ("id")
);


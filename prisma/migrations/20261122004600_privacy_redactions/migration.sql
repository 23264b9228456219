-- CreateTable
CREATE TABLE "PrivacyRedaction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shop" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "customerId" TEXT,
    "emailHash" TEXT,
    "phoneHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);


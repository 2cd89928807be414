-- CreateTable
CREATE TABLE "exception_type" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description" TEXT,
    "manual" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "exception_type_pkey" PRIMARY KEY ("code")
);

-- CreateEnum
CREATE TYPE "AttributeValueType" AS ENUM ('TEXT', 'NUMBER', 'DATE', 'BOOLEAN');

-- CreateTable
CREATE TABLE "attribute_item" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL DEFAULT '',
    "value_type" "AttributeValueType" NOT NULL DEFAULT 'TEXT',
    "business_code" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attribute_item_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "attribute_item_business_code_idx" ON "attribute_item"("business_code");

-- CreateIndex
CREATE UNIQUE INDEX "attribute_item_code_business_code_key" ON "attribute_item"("code", "business_code");

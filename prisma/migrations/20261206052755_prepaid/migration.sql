-- CreateEnum
CREATE TYPE "PrepaidLedgerKind" AS ENUM ('TOP_UP', 'CALL', 'ADJUSTMENT');

-- CreateEnum
CREATE TYPE "CallRecordState" AS ENUM ('RATED', 'REJECTED');

-- CreateTable
CREATE TABLE "prepaid_account" (
    "id" SERIAL NOT NULL,
    "phone" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "credit_amount" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "balance" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prepaid_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prepaid_ledger_entry" (
    "id" BIGSERIAL NOT NULL,
    "account_id" INTEGER NOT NULL,
    "kind" "PrepaidLedgerKind" NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,
    "balance_after" DECIMAL(12,2) NOT NULL,
    "call_record_id" BIGINT,
    "note" TEXT NOT NULL DEFAULT '',
    "staff_id" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prepaid_ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tariff" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "unit_seconds" INTEGER NOT NULL,
    "rate_per_unit" DECIMAL(10,4) NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tariff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_record" (
    "id" BIGSERIAL NOT NULL,
    "external_id" TEXT NOT NULL,
    "caller_phone" TEXT NOT NULL,
    "called_number" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "duration_seconds" INTEGER NOT NULL,
    "account_id" INTEGER,
    "tariff_code" TEXT,
    "charge" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "state" "CallRecordState" NOT NULL,
    "reason" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "prepaid_account_phone_key" ON "prepaid_account"("phone");

-- CreateIndex
CREATE INDEX "prepaid_account_name_idx" ON "prepaid_account"("name");

-- CreateIndex
CREATE UNIQUE INDEX "prepaid_ledger_entry_call_record_id_key" ON "prepaid_ledger_entry"("call_record_id");

-- CreateIndex
CREATE INDEX "prepaid_ledger_entry_account_id_at_idx" ON "prepaid_ledger_entry"("account_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "tariff_code_key" ON "tariff"("code");

-- CreateIndex
CREATE UNIQUE INDEX "tariff_prefix_key" ON "tariff"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "call_record_external_id_key" ON "call_record"("external_id");

-- CreateIndex
CREATE INDEX "call_record_account_id_started_at_idx" ON "call_record"("account_id", "started_at");

-- AddForeignKey
ALTER TABLE "prepaid_ledger_entry" ADD CONSTRAINT "prepaid_ledger_entry_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "prepaid_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_record" ADD CONSTRAINT "call_record_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "prepaid_account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

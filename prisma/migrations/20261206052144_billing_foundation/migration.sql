-- CreateEnum
CREATE TYPE "BillingLevel" AS ENUM ('NORMAL', 'SENIOR', 'SUPER');

-- CreateEnum
CREATE TYPE "BillFormatKind" AS ENUM ('DELIMITED', 'FIXED_WIDTH');

-- CreateEnum
CREATE TYPE "BillImportState" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "SwitchAction" AS ENUM ('SUSPEND', 'RESUME', 'RESTRICT_OUTGOING', 'ALLOW_OUTGOING', 'RESTRICT_INCOMING', 'ALLOW_INCOMING');

-- CreateEnum
CREATE TYPE "SwitchCommandState" AS ENUM ('PENDING', 'SENT', 'SUCCEEDED', 'FAILED', 'NOT_COMPLETED');

-- CreateEnum
CREATE TYPE "SwitchBatchKind" AS ENUM ('ARREARS', 'CALL_PERMISSION', 'PREPAID');

-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "billing_level" "BillingLevel";

-- CreateTable
CREATE TABLE "bill_format" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "BillFormatKind" NOT NULL,
    "encoding" TEXT NOT NULL DEFAULT 'UTF-8',
    "header_lines" INTEGER NOT NULL DEFAULT 0,
    "separator" TEXT,
    "phone_column" INTEGER,
    "amount_column" INTEGER,
    "record_length" INTEGER,
    "phone_offset" INTEGER,
    "phone_length" INTEGER,
    "amount_offset" INTEGER,
    "amount_length" INTEGER,
    "amount_scale" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bill_format_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bill_import" (
    "id" SERIAL NOT NULL,
    "billing_month" TEXT NOT NULL,
    "format_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "state" "BillImportState" NOT NULL DEFAULT 'RUNNING',
    "total_lines" INTEGER NOT NULL DEFAULT 0,
    "loaded_lines" INTEGER NOT NULL DEFAULT 0,
    "bad_lines" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "staff_id" INTEGER,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "bill_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bill_import_problem" (
    "import_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "bill_import_problem_pkey" PRIMARY KEY ("import_id","line_no")
);

-- CreateTable
CREATE TABLE "bill_month" (
    "billing_month" TEXT NOT NULL,
    "import_id" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bill_month_pkey" PRIMARY KEY ("billing_month")
);

-- CreateTable
CREATE TABLE "bill" (
    "import_id" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "amount" DECIMAL(12,2) NOT NULL,

    CONSTRAINT "bill_pkey" PRIMARY KEY ("import_id","phone")
);

-- CreateTable
CREATE TABLE "switch_batch" (
    "id" SERIAL NOT NULL,
    "kind" "SwitchBatchKind" NOT NULL,
    "action" "SwitchAction" NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "staff_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "switch_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "switch_command" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "action" "SwitchAction" NOT NULL,
    "state" "SwitchCommandState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),
    "deadline_at" TIMESTAMP(3),
    "answered_at" TIMESTAMP(3),

    CONSTRAINT "switch_command_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "bill_format_code_key" ON "bill_format"("code");

-- CreateIndex
CREATE INDEX "bill_import_billing_month_started_at_idx" ON "bill_import"("billing_month", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "bill_month_import_id_key" ON "bill_month"("import_id");

-- CreateIndex
CREATE INDEX "switch_batch_kind_created_at_idx" ON "switch_batch"("kind", "created_at");

-- CreateIndex
CREATE INDEX "switch_command_batch_id_state_idx" ON "switch_command"("batch_id", "state");

-- CreateIndex
CREATE INDEX "switch_command_state_deadline_at_idx" ON "switch_command"("state", "deadline_at");

-- CreateIndex
CREATE INDEX "switch_command_phone_created_at_idx" ON "switch_command"("phone", "created_at");

-- AddForeignKey
ALTER TABLE "bill_import" ADD CONSTRAINT "bill_import_format_id_fkey" FOREIGN KEY ("format_id") REFERENCES "bill_format"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bill_import_problem" ADD CONSTRAINT "bill_import_problem_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "bill_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "switch_command" ADD CONSTRAINT "switch_command_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "switch_batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

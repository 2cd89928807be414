-- CreateEnum
CREATE TYPE "StepKind" AS ENUM ('START', 'END', 'RESOURCE_REQUEST', 'NETWORK_ACTIVATION', 'FIELD_WORK', 'DISPATCH_CENTER', 'CRM_NOTICE', 'MANUAL');

-- CreateEnum
CREATE TYPE "TransitionKind" AS ENUM ('NORMAL', 'EXCEPTION');

-- CreateEnum
CREATE TYPE "OrderState" AS ENUM ('EXECUTING', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WorkOrderState" AS ENUM ('PENDING', 'IN_PROGRESS', 'MANUAL_EXCEPTION', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CrmMessageState" AS ENUM ('PENDING', 'PROCESSED', 'FAILED');

-- CreateTable
CREATE TABLE "workflow_template" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_step" (
    "id" SERIAL NOT NULL,
    "template_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "kind" "StepKind" NOT NULL,
    "join_all" BOOLEAN NOT NULL DEFAULT false,
    "work_order_type_code" TEXT,
    "sort_order" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "workflow_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_transition" (
    "id" SERIAL NOT NULL,
    "template_id" INTEGER NOT NULL,
    "from_step_id" INTEGER NOT NULL,
    "to_step_id" INTEGER NOT NULL,
    "kind" "TransitionKind" NOT NULL DEFAULT 'NORMAL',
    "exception_type" TEXT,

    CONSTRAINT "workflow_transition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "business_workflow" (
    "business_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "template_code" TEXT NOT NULL,

    CONSTRAINT "business_workflow_pkey" PRIMARY KEY ("business_code")
);

-- CreateTable
CREATE TABLE "work_order_category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,

    CONSTRAINT "work_order_category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "work_order_type" (
    "code" TEXT NOT NULL,
    "category_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,

    CONSTRAINT "work_order_type_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "order" (
    "id" SERIAL NOT NULL,
    "order_no" TEXT NOT NULL,
    "crm_order_code" TEXT NOT NULL,
    "business_code" TEXT NOT NULL,
    "order_type" TEXT NOT NULL,
    "template_id" INTEGER NOT NULL,
    "state" "OrderState" NOT NULL DEFAULT 'EXECUTING',
    "acceptance_no" TEXT,
    "customer_name" TEXT NOT NULL,
    "customer_phone" TEXT,
    "address" TEXT NOT NULL,
    "broadband_account" TEXT,
    "product_code" TEXT,
    "organisation_id" INTEGER,
    "accepted_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),
    "cancelled_at" TIMESTAMP(3),

    CONSTRAINT "order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_demand" (
    "order_id" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "old_value" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_demand_pkey" PRIMARY KEY ("order_id","key")
);

-- CreateTable
CREATE TABLE "work_order" (
    "id" SERIAL NOT NULL,
    "work_order_no" TEXT NOT NULL,
    "order_id" INTEGER NOT NULL,
    "step_id" INTEGER NOT NULL,
    "state" "WorkOrderState" NOT NULL DEFAULT 'PENDING',
    "position_id" INTEGER,
    "staff_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),
    "result" TEXT,
    "note" TEXT,

    CONSTRAINT "work_order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_log" (
    "id" BIGSERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "work_order_id" INTEGER,
    "staff_id" INTEGER,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm_inbound_message" (
    "id" BIGSERIAL NOT NULL,
    "format" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "crm_order_code" TEXT,
    "state" "CrmMessageState" NOT NULL DEFAULT 'PENDING',
    "failure_reason" TEXT,
    "order_id" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "crm_inbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm_outbound_notice" (
    "id" BIGSERIAL NOT NULL,
    "order_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "crm_outbound_notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workflow_template_code_version_key" ON "workflow_template"("code", "version");

-- CreateIndex
CREATE UNIQUE INDEX "workflow_step_template_id_code_key" ON "workflow_step"("template_id", "code");

-- CreateIndex
CREATE INDEX "workflow_transition_from_step_id_idx" ON "workflow_transition"("from_step_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_order_no_key" ON "order"("order_no");

-- CreateIndex
CREATE UNIQUE INDEX "order_crm_order_code_key" ON "order"("crm_order_code");

-- CreateIndex
CREATE INDEX "order_state_id_idx" ON "order"("state", "id");

-- CreateIndex
CREATE INDEX "order_organisation_id_state_idx" ON "order"("organisation_id", "state");

-- CreateIndex
CREATE INDEX "order_customer_name_idx" ON "order"("customer_name");

-- CreateIndex
CREATE INDEX "order_customer_phone_idx" ON "order"("customer_phone");

-- CreateIndex
CREATE UNIQUE INDEX "work_order_work_order_no_key" ON "work_order"("work_order_no");

-- CreateIndex
CREATE INDEX "work_order_order_id_idx" ON "work_order"("order_id");

-- CreateIndex
CREATE INDEX "work_order_state_position_id_idx" ON "work_order"("state", "position_id");

-- CreateIndex
CREATE INDEX "work_order_staff_id_state_idx" ON "work_order"("staff_id", "state");

-- CreateIndex
CREATE INDEX "order_log_order_id_id_idx" ON "order_log"("order_id", "id");

-- CreateIndex
CREATE INDEX "crm_inbound_message_state_id_idx" ON "crm_inbound_message"("state", "id");

-- CreateIndex
CREATE INDEX "crm_inbound_message_crm_order_code_idx" ON "crm_inbound_message"("crm_order_code");

-- CreateIndex
CREATE UNIQUE INDEX "crm_outbound_notice_order_id_kind_key" ON "crm_outbound_notice"("order_id", "kind");

-- AddForeignKey
ALTER TABLE "workflow_step" ADD CONSTRAINT "workflow_step_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "workflow_template"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_step" ADD CONSTRAINT "workflow_step_work_order_type_code_fkey" FOREIGN KEY ("work_order_type_code") REFERENCES "work_order_type"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_transition" ADD CONSTRAINT "workflow_transition_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "workflow_template"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_transition" ADD CONSTRAINT "workflow_transition_from_step_id_fkey" FOREIGN KEY ("from_step_id") REFERENCES "workflow_step"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_transition" ADD CONSTRAINT "workflow_transition_to_step_id_fkey" FOREIGN KEY ("to_step_id") REFERENCES "workflow_step"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_order_type" ADD CONSTRAINT "work_order_type_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "work_order_category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order" ADD CONSTRAINT "order_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "workflow_template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order" ADD CONSTRAINT "order_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_demand" ADD CONSTRAINT "order_demand_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_order" ADD CONSTRAINT "work_order_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_order" ADD CONSTRAINT "work_order_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "workflow_step"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_log" ADD CONSTRAINT "order_log_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_log" ADD CONSTRAINT "order_log_work_order_id_fkey" FOREIGN KEY ("work_order_id") REFERENCES "work_order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm_inbound_message" ADD CONSTRAINT "crm_inbound_message_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm_outbound_notice" ADD CONSTRAINT "crm_outbound_notice_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

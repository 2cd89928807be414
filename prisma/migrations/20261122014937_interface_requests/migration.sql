-- CreateEnum
CREATE TYPE "ExternalSystem" AS ENUM ('RESOURCE', 'PROVISIONING', 'CRM');

-- CreateEnum
CREATE TYPE "InterfaceRequestState" AS ENUM ('PENDING', 'SENT', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "interface_request" (
    "id" BIGSERIAL NOT NULL,
    "system" "ExternalSystem" NOT NULL,
    "kind" TEXT NOT NULL,
    "order_id" INTEGER NOT NULL,
    "work_order_id" INTEGER NOT NULL,
    "state" "InterfaceRequestState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "request" JSONB NOT NULL,
    "response" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),
    "completed_at" TIMESTAMP(3),

    CONSTRAINT "interface_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "interface_request_work_order_id_key" ON "interface_request"("work_order_id");

-- CreateIndex
CREATE INDEX "interface_request_state_next_attempt_at_idx" ON "interface_request"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "interface_request_system_state_idx" ON "interface_request"("system", "state");

-- CreateIndex
CREATE INDEX "interface_request_order_id_idx" ON "interface_request"("order_id");

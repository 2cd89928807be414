-- CreateEnum
CREATE TYPE "DunningChannel" AS ENUM ('SMS', 'VOICE');

-- CreateEnum
CREATE TYPE "DunningScheduleState" AS ENUM ('ACTIVE', 'FINISHED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DunningTargetState" AS ENUM ('ACTIVE', 'PAID', 'DONE', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DunningReminderState" AS ENUM ('SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "dunning_schedule" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "channel" "DunningChannel" NOT NULL,
    "template" TEXT NOT NULL,
    "start_at" TIMESTAMP(3) NOT NULL,
    "period_minutes" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "state" "DunningScheduleState" NOT NULL DEFAULT 'ACTIVE',
    "staff_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL,
    "ended_at" TIMESTAMP(3),

    CONSTRAINT "dunning_schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dunning_target" (
    "id" SERIAL NOT NULL,
    "schedule_id" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "amount" DECIMAL(12,2),
    "state" "DunningTargetState" NOT NULL DEFAULT 'ACTIVE',
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "next_due_at" TIMESTAMP(3),
    "last_attempt_at" TIMESTAMP(3),
    "paid_at" TIMESTAMP(3),

    CONSTRAINT "dunning_target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dunning_reminder" (
    "id" BIGSERIAL NOT NULL,
    "target_id" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,
    "channel" "DunningChannel" NOT NULL,
    "state" "DunningReminderState" NOT NULL DEFAULT 'SENDING',
    "message" TEXT NOT NULL,
    "error" TEXT,
    "gateway_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "dunning_reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dunning_schedule_created_at_idx" ON "dunning_schedule"("created_at");

-- CreateIndex
CREATE INDEX "dunning_target_next_due_at_idx" ON "dunning_target"("next_due_at");

-- CreateIndex
CREATE INDEX "dunning_target_phone_state_idx" ON "dunning_target"("phone", "state");

-- CreateIndex
CREATE INDEX "dunning_target_schedule_id_state_id_idx" ON "dunning_target"("schedule_id", "state", "id");

-- CreateIndex
CREATE UNIQUE INDEX "dunning_target_schedule_id_phone_key" ON "dunning_target"("schedule_id", "phone");

-- CreateIndex
CREATE INDEX "dunning_reminder_target_id_id_idx" ON "dunning_reminder"("target_id", "id");

-- CreateIndex
CREATE INDEX "dunning_reminder_state_created_at_idx" ON "dunning_reminder"("state", "created_at");

-- AddForeignKey
ALTER TABLE "dunning_target" ADD CONSTRAINT "dunning_target_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "dunning_schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dunning_reminder" ADD CONSTRAINT "dunning_reminder_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "dunning_target"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "TimeState" AS ENUM ('NORMAL', 'WARNING', 'OVERDUE');

-- AlterTable
ALTER TABLE "order" ADD COLUMN     "due_at" TIMESTAMP(3),
ADD COLUMN     "next_alarm_at" TIMESTAMP(3),
ADD COLUMN     "time_state" "TimeState" NOT NULL DEFAULT 'NORMAL',
ADD COLUMN     "warn_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "work_order" ADD COLUMN     "accept_due_at" TIMESTAMP(3),
ADD COLUMN     "accept_overdue" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "due_at" TIMESTAMP(3),
ADD COLUMN     "next_alarm_at" TIMESTAMP(3),
ADD COLUMN     "time_state" "TimeState" NOT NULL DEFAULT 'NORMAL',
ADD COLUMN     "warn_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "calendar_day" (
    "id" SERIAL NOT NULL,
    "organisation_id" INTEGER,
    "date" DATE NOT NULL,
    "working" BOOLEAN NOT NULL,
    "name" TEXT,

    CONSTRAINT "calendar_day_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "order_time_limit" (
    "order_type" TEXT NOT NULL,
    "warning_hours" DOUBLE PRECISION NOT NULL,
    "process_hours" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "order_time_limit_pkey" PRIMARY KEY ("order_type")
);

-- CreateTable
CREATE TABLE "work_order_time_limit" (
    "id" SERIAL NOT NULL,
    "work_order_type_code" TEXT NOT NULL,
    "step_code" TEXT,
    "accept_hours" DOUBLE PRECISION NOT NULL,
    "warning_hours" DOUBLE PRECISION NOT NULL,
    "process_hours" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "work_order_time_limit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "calendar_day_date_idx" ON "calendar_day"("date");

-- CreateIndex
CREATE UNIQUE INDEX "calendar_day_organisation_id_date_key" ON "calendar_day"("organisation_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "work_order_time_limit_work_order_type_code_step_code_key" ON "work_order_time_limit"("work_order_type_code", "step_code");

-- CreateIndex
CREATE INDEX "order_next_alarm_at_idx" ON "order"("next_alarm_at");

-- CreateIndex
CREATE INDEX "work_order_next_alarm_at_idx" ON "work_order"("next_alarm_at");

-- AddForeignKey
ALTER TABLE "calendar_day" ADD CONSTRAINT "calendar_day_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_order_time_limit" ADD CONSTRAINT "work_order_time_limit_work_order_type_code_fkey" FOREIGN KEY ("work_order_type_code") REFERENCES "work_order_type"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "order" ADD COLUMN     "appointment_at" TIMESTAMP(3),
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "external_id" TEXT;

-- AlterTable
ALTER TABLE "workflow_step" ADD COLUMN     "handler_from_step" TEXT;

-- CreateTable
CREATE TABLE "team" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL DEFAULT '',
    "organisation_id" INTEGER NOT NULL,
    "position_id" INTEGER NOT NULL,
    "external_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "synced_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team_member" (
    "team_id" INTEGER NOT NULL,
    "staff_id" INTEGER NOT NULL,
    "leader" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "team_member_pkey" PRIMARY KEY ("team_id","staff_id")
);

-- CreateTable
CREATE TABLE "order_step_handler" (
    "order_id" INTEGER NOT NULL,
    "step_code" TEXT NOT NULL,
    "position_id" INTEGER,
    "staff_id" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_step_handler_pkey" PRIMARY KEY ("order_id","step_code")
);

-- CreateTable
CREATE TABLE "location_device" (
    "id" SERIAL NOT NULL,
    "device_code" TEXT NOT NULL,
    "staff_id" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3),

    CONSTRAINT "location_device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_location" (
    "id" BIGSERIAL NOT NULL,
    "staff_id" INTEGER NOT NULL,
    "device_id" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "accuracy" DOUBLE PRECISION,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_last_location" (
    "staff_id" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "staff_last_location_pkey" PRIMARY KEY ("staff_id")
);

-- CreateTable
CREATE TABLE "staff_message" (
    "id" BIGSERIAL NOT NULL,
    "from_staff_id" INTEGER,
    "to_staff_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "work_order_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMP(3),

    CONSTRAINT "staff_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "team_code_key" ON "team"("code");

-- CreateIndex
CREATE UNIQUE INDEX "team_position_id_key" ON "team"("position_id");

-- CreateIndex
CREATE UNIQUE INDEX "team_external_id_key" ON "team"("external_id");

-- CreateIndex
CREATE INDEX "team_organisation_id_idx" ON "team"("organisation_id");

-- CreateIndex
CREATE INDEX "team_member_staff_id_idx" ON "team_member"("staff_id");

-- CreateIndex
CREATE INDEX "order_step_handler_staff_id_idx" ON "order_step_handler"("staff_id");

-- CreateIndex
CREATE UNIQUE INDEX "location_device_device_code_key" ON "location_device"("device_code");

-- CreateIndex
CREATE INDEX "location_device_staff_id_idx" ON "location_device"("staff_id");

-- CreateIndex
CREATE INDEX "staff_location_staff_id_at_idx" ON "staff_location"("staff_id", "at");

-- CreateIndex
CREATE INDEX "staff_location_at_idx" ON "staff_location"("at");

-- CreateIndex
CREATE INDEX "staff_last_location_latitude_longitude_idx" ON "staff_last_location"("latitude", "longitude");

-- CreateIndex
CREATE INDEX "staff_message_to_staff_id_id_idx" ON "staff_message"("to_staff_id", "id");

-- CreateIndex
CREATE INDEX "order_latitude_longitude_idx" ON "order"("latitude", "longitude");

-- CreateIndex
CREATE UNIQUE INDEX "staff_external_id_key" ON "staff"("external_id");

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_member" ADD CONSTRAINT "team_member_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_step_handler" ADD CONSTRAINT "order_step_handler_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_step_handler" ADD CONSTRAINT "order_step_handler_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_step_handler" ADD CONSTRAINT "order_step_handler_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "location_device" ADD CONSTRAINT "location_device_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_location" ADD CONSTRAINT "staff_location_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_last_location" ADD CONSTRAINT "staff_last_location_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_message" ADD CONSTRAINT "staff_message_from_staff_id_fkey" FOREIGN KEY ("from_staff_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_message" ADD CONSTRAINT "staff_message_to_staff_id_fkey" FOREIGN KEY ("to_staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

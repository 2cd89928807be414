-- CreateTable
CREATE TABLE "staff_menu" (
    "staff_id" INTEGER NOT NULL,
    "menu_code" TEXT NOT NULL,
    "operate" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "staff_menu_pkey" PRIMARY KEY ("staff_id","menu_code")
);

-- CreateTable
CREATE TABLE "staff_data_scope" (
    "staff_id" INTEGER NOT NULL,
    "organisation_id" INTEGER NOT NULL,

    CONSTRAINT "staff_data_scope_pkey" PRIMARY KEY ("staff_id","organisation_id")
);

-- CreateTable
CREATE TABLE "staff_work_order_position" (
    "staff_id" INTEGER NOT NULL,
    "position_id" INTEGER NOT NULL,

    CONSTRAINT "staff_work_order_position_pkey" PRIMARY KEY ("staff_id","position_id")
);

-- CreateIndex
CREATE INDEX "staff_data_scope_organisation_id_idx" ON "staff_data_scope"("organisation_id");

-- CreateIndex
CREATE INDEX "staff_work_order_position_position_id_idx" ON "staff_work_order_position"("position_id");

-- AddForeignKey
ALTER TABLE "staff_menu" ADD CONSTRAINT "staff_menu_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_menu" ADD CONSTRAINT "staff_menu_menu_code_fkey" FOREIGN KEY ("menu_code") REFERENCES "menu"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_data_scope" ADD CONSTRAINT "staff_data_scope_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_data_scope" ADD CONSTRAINT "staff_data_scope_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_work_order_position" ADD CONSTRAINT "staff_work_order_position_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_work_order_position" ADD CONSTRAINT "staff_work_order_position_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: staff assigned before per-staff permissions existed keep what they had, which was
-- derived from their positions (the same defaults position assignment writes).
INSERT INTO "staff_menu" ("staff_id", "menu_code", "operate")
SELECT DISTINCT sp."staff_id", ptm."menu_code", true
FROM "staff_position" sp
JOIN "position" p ON p."id" = sp."position_id"
JOIN "position_type_menu" ptm ON ptm."position_type_id" = p."position_type_id";

INSERT INTO "staff_data_scope" ("staff_id", "organisation_id")
SELECT "id", "organisation_id" FROM "staff";

INSERT INTO "staff_work_order_position" ("staff_id", "position_id")
SELECT sp."staff_id", sp."position_id"
FROM "staff_position" sp
JOIN "position" p ON p."id" = sp."position_id"
JOIN "position_type" pt ON pt."id" = p."position_type_id"
WHERE pt."kind" = 'WORK_ORDER';

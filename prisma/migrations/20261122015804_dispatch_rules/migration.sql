-- CreateTable
CREATE TABLE "dispatch_rule" (
    "id" SERIAL NOT NULL,
    "organisation_id" INTEGER NOT NULL,
    "work_order_type_code" TEXT,
    "position_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dispatch_rule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "dispatch_rule_organisation_id_work_order_type_code_key" ON "dispatch_rule"("organisation_id", "work_order_type_code");

-- AddForeignKey
ALTER TABLE "work_order" ADD CONSTRAINT "work_order_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispatch_rule" ADD CONSTRAINT "dispatch_rule_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispatch_rule" ADD CONSTRAINT "dispatch_rule_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

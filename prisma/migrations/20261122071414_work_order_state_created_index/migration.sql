-- CreateIndex
CREATE INDEX "work_order_state_created_at_id_idx" ON "work_order"("state", "created_at", "id");

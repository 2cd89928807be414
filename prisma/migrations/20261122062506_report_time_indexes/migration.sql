-- CreateIndex
CREATE INDEX "order_completed_at_idx" ON "order"("completed_at");

-- CreateIndex
CREATE INDEX "order_cancelled_at_idx" ON "order"("cancelled_at");

-- CreateIndex
CREATE INDEX "work_order_created_at_idx" ON "work_order"("created_at");

-- CreateIndex
CREATE INDEX "work_order_completed_at_idx" ON "work_order"("completed_at");

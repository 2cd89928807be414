-- CreateIndex
CREATE INDEX "order_accepted_at_id_idx" ON "order"("accepted_at", "id");

-- CreateIndex
CREATE INDEX "order_organisation_id_accepted_at_id_idx" ON "order"("organisation_id", "accepted_at", "id");

-- CreateIndex
CREATE INDEX "order_acceptance_no_idx" ON "order"("acceptance_no");

-- CreateIndex
CREATE INDEX "order_broadband_account_idx" ON "order"("broadband_account");

-- CreateIndex
CREATE INDEX "work_order_created_at_id_idx" ON "work_order"("created_at", "id");

-- CreateIndex
CREATE INDEX "work_order_position_id_id_idx" ON "work_order"("position_id", "id");

-- CreateIndex
CREATE INDEX "work_order_step_id_state_idx" ON "work_order"("step_id", "state");

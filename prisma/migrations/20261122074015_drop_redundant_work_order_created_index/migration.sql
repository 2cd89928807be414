-- DropIndex
DROP INDEX "work_order_created_at_idx";

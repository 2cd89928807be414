-- work_order (created_at, id), from the query indexes, serves every reader of creation times.
-- DropIndex
DROP INDEX "work_order_created_at_idx";

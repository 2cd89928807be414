-- AlterTable
ALTER TABLE "work_order" ADD COLUMN     "deferred_to" TEXT;

-- AlterEnum
ALTER TYPE "OrderState" ADD VALUE 'REJECTED';

-- AlterTable
ALTER TABLE "order" ADD COLUMN     "reject_reason" TEXT,
ADD COLUMN     "rejected_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "workflow_step" ADD COLUMN     "position_code" TEXT,
ADD COLUMN     "time_limit_type_code" TEXT;

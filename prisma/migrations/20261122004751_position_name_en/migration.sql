-- AlterTable
ALTER TABLE "position" ADD COLUMN     "name_en" TEXT NOT NULL DEFAULT '';

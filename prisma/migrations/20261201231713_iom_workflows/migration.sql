-- IOM workflows (工作流程) between a business code and an engine template code. Existing data keeps
-- working: one IOM workflow per template code a business mapping names (same code, named after the
-- newest version of the template, or after the business when the template does not exist), and
-- every business mapping then points at the IOM workflow of its former template code.

-- CreateTable
CREATE TABLE "iom_workflow" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "description" TEXT,
    "template_code" TEXT NOT NULL,

    CONSTRAINT "iom_workflow_pkey" PRIMARY KEY ("code")
);

-- One IOM workflow per template code in use
INSERT INTO "iom_workflow" ("code", "name", "name_en", "template_code")
SELECT DISTINCT ON (b."template_code") b."template_code",
       COALESCE(t."name", b."name"), COALESCE(t."name_en", b."name_en"), b."template_code"
FROM "business_workflow" b
LEFT JOIN LATERAL (
    SELECT "name", "name_en" FROM "workflow_template" WHERE "code" = b."template_code" ORDER BY "version" DESC LIMIT 1
) t ON true
ORDER BY b."template_code", b."business_code";

-- AlterTable
ALTER TABLE "business_workflow" ADD COLUMN "description" TEXT,
ADD COLUMN     "iom_workflow_code" TEXT;

UPDATE "business_workflow" SET "iom_workflow_code" = "template_code";

ALTER TABLE "business_workflow" ALTER COLUMN "iom_workflow_code" SET NOT NULL,
DROP COLUMN "template_code";

-- CreateIndex
CREATE INDEX "business_workflow_iom_workflow_code_idx" ON "business_workflow"("iom_workflow_code");

-- AddForeignKey
ALTER TABLE "business_workflow" ADD CONSTRAINT "business_workflow_iom_workflow_code_fkey" FOREIGN KEY ("iom_workflow_code") REFERENCES "iom_workflow"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

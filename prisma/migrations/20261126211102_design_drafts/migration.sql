-- AlterTable
ALTER TABLE "config_versions" ADD COLUMN     "published_by_id" UUID,
ADD COLUMN     "restored_from" INTEGER,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "updated_by_id" UUID;

-- A store has at most one working draft: the editor's saves all land on it, and publishing turns it into an
-- immutable version. Prisma cannot express a partial unique index, so it lives here.
CREATE UNIQUE INDEX "config_versions_one_draft" ON "config_versions"("tenant_id") WHERE "status" = 'DRAFT';

-- CreateEnum
CREATE TYPE "build_status" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "build_purpose" AS ENUM ('UPLOAD', 'PREVIEW');

-- DropForeignKey
ALTER TABLE "uploads" DROP CONSTRAINT "uploads_tenant_id_fkey";

-- DropForeignKey
ALTER TABLE "uploads" DROP CONSTRAINT "uploads_tenant_id_build_id_fkey";

-- AlterTable
ALTER TABLE "wechat_credentials" ADD COLUMN     "key_fingerprint" TEXT,
ADD COLUMN     "key_updated_at" TIMESTAMPTZ(3),
ADD COLUMN     "refused_ip" TEXT,
ADD COLUMN     "updated_by_id" UUID;

-- AlterTable
ALTER TABLE "builds" DROP COLUMN "error",
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batch_id" UUID,
ADD COLUMN     "description" TEXT,
ADD COLUMN     "error_code" TEXT,
ADD COLUMN     "error_params" JSONB,
ADD COLUMN     "lease_expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "max_attempts" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "number" INTEGER NOT NULL,
ADD COLUMN     "preview_page" TEXT,
ADD COLUMN     "preview_query" TEXT,
ADD COLUMN     "purpose" "build_purpose" NOT NULL,
ADD COLUMN     "result" JSONB,
ADD COLUMN     "robot" INTEGER NOT NULL,
ADD COLUMN     "run_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "source_build_id" UUID,
ADD COLUMN     "steps" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "template_id" TEXT NOT NULL,
ADD COLUMN     "version" TEXT,
ADD COLUMN     "worker_id" TEXT,
DROP COLUMN "status",
ADD COLUMN     "status" "build_status" NOT NULL DEFAULT 'QUEUED',
ALTER COLUMN "template_version" DROP NOT NULL,
ALTER COLUMN "runtime_version" DROP NOT NULL,
ALTER COLUMN "generator_version" DROP NOT NULL;

-- DropTable
DROP TABLE "uploads";

-- DropEnum
DROP TYPE "job_status";

-- DropEnum
DROP TYPE "upload_kind";

-- CreateTable
CREATE TABLE "compliance_profiles" (
    "tenant_id" UUID NOT NULL,
    "profile" JSONB NOT NULL DEFAULT '{}',
    "privacy" JSONB,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "compliance_profiles_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "build_logs" (
    "tenant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "build_id" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "build_logs_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "publish_batches" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agency_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_batches_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "build_logs_tenant_id_build_id_id_idx" ON "build_logs"("tenant_id", "build_id", "id");

-- CreateIndex
CREATE INDEX "publish_batches_agency_id_created_at_idx" ON "publish_batches"("agency_id", "created_at");

-- CreateIndex
CREATE INDEX "builds_batch_id_idx" ON "builds"("batch_id");

-- CreateIndex
CREATE UNIQUE INDEX "builds_tenant_id_number_key" ON "builds"("tenant_id", "number");

-- AddForeignKey
ALTER TABLE "compliance_profiles" ADD CONSTRAINT "compliance_profiles_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "builds" ADD CONSTRAINT "builds_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "publish_batches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "build_logs" ADD CONSTRAINT "build_logs_tenant_id_build_id_fkey" FOREIGN KEY ("tenant_id", "build_id") REFERENCES "builds"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_batches" ADD CONSTRAINT "publish_batches_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The queue (packages/publishing/src/queue.ts). A store runs one build at a time: a second worker cannot mark
-- another of its builds RUNNING even if two claims raced. Workers look for due QUEUED builds and expired leases.
CREATE UNIQUE INDEX "builds_one_running_per_store" ON "builds" ("tenant_id") WHERE "status" = 'RUNNING';
CREATE INDEX "builds_due" ON "builds" ("run_after", "created_at") WHERE "status" = 'QUEUED';
CREATE INDEX "builds_leases" ON "builds" ("lease_expires_at") WHERE "status" = 'RUNNING';

-- Row-level security for the new store tables, as for every tenant table.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['compliance_profiles', 'build_logs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())',
      t
    );
  END LOOP;
END
$$;

-- An agency's members read the builds of the stores it serves, outside any store scope: the bulk-publish status
-- table shows every store of a batch in one query. Read-only; each build is still created and changed in its
-- own store's scope.
CREATE POLICY agency_builds ON "builds" FOR SELECT
  USING (
    app_current_tenant() IS NULL
    AND tenant_id IN (
      SELECT id FROM "tenants"
      WHERE agency_id IN (SELECT agency_id FROM "agency_members" WHERE user_id = app_current_user())
    )
  );

-- Publishing workers claim builds across stores and reclaim those whose worker stopped. They ask for it by name
-- (Database.buildQueue sets app.build_queue), reach only the builds table this way, and do each build's work
-- in its store's own scope.
CREATE FUNCTION app_build_queue() RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT current_setting('app.build_queue', true) = 'on' $$;

CREATE POLICY build_queue ON "builds"
  USING (app_build_queue())
  WITH CHECK (app_build_queue());

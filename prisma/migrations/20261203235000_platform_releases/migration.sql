-- CreateTable
CREATE TABLE "platform_releases" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "template_id" INTEGER NOT NULL,
    "user_version" TEXT NOT NULL,
    "ext_json" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'committing',
    "audit_id" BIGINT,
    "reason" TEXT NOT NULL DEFAULT '',
    "screenshots" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "error_kind" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "released_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_releases_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "platform_releases_tenant_id_created_at_idx" ON "platform_releases"("tenant_id", "created_at");

-- AddForeignKey
ALTER TABLE "platform_releases" ADD CONSTRAINT "platform_releases_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "platform_releases" ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
-- A store of a fleet release is 'waiting' for its turn before it is committed.
ALTER TABLE "platform_releases" ADD CONSTRAINT "platform_releases_status_check"
  CHECK (status IN ('waiting', 'committing', 'committed', 'auditing', 'approved', 'rejected', 'releasing', 'released', 'superseded', 'reverted', 'failed'));

-- At most one release in flight per store: a second submission, or a resumed one, cannot commit the store twice.
CREATE UNIQUE INDEX "platform_releases_one_open" ON "platform_releases"("tenant_id")
  WHERE status IN ('committing', 'committed', 'auditing', 'approved', 'releasing');

ALTER TABLE "platform_releases" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "platform_releases" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "platform_releases" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- WeChat's audit result names only the Mini Program: this finds the store it is authorised to and records the verdict
-- on that store's release being audited, answering with the store's id. A repeated push finds nothing left to decide.
CREATE FUNCTION platform_release_decide(appid text, verdict text, why text, shots text[], at timestamptz) RETURNS uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE platform_releases r
    SET status = CASE verdict WHEN 'delayed' THEN 'auditing' ELSE verdict END,
        reason = why, screenshots = shots,
        decided_at = CASE verdict WHEN 'delayed' THEN NULL ELSE at END, updated_at = now()
    FROM wechat_authorizations a
    WHERE a.authorizer_appid = appid AND a.revoked_at IS NULL AND r.tenant_id = a.tenant_id AND r.status = 'auditing'
      AND verdict IN ('approved', 'rejected', 'delayed')
    RETURNING r.tenant_id
  $$;
REVOKE ALL ON FUNCTION platform_release_decide(text, text, text, text[], timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION platform_release_decide(text, text, text, text[], timestamptz) TO kaidian_app;

-- ---------- An agency's fleet release: many stores, staged, paced ----------

-- AlterTable
ALTER TABLE "platform_releases" ADD COLUMN     "fleet_release_id" UUID,
ADD COLUMN     "stage" SMALLINT;

-- CreateTable
CREATE TABLE "fleet_releases" (
    "id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "template_id" INTEGER NOT NULL,
    "user_version" TEXT NOT NULL,
    "user_desc" TEXT NOT NULL,
    "category" JSONB NOT NULL,
    "submits_per_minute" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "halted_reason" TEXT,
    "advancing_until" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fleet_releases_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "fleet_releases_agency_id_created_at_idx" ON "fleet_releases"("agency_id", "created_at");

-- CreateIndex
CREATE INDEX "platform_releases_fleet_release_id_stage_status_idx" ON "platform_releases"("fleet_release_id", "stage", "status");

-- AddForeignKey
ALTER TABLE "platform_releases" ADD CONSTRAINT "platform_releases_fleet_release_id_fkey" FOREIGN KEY ("fleet_release_id") REFERENCES "fleet_releases"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fleet_releases" ADD CONSTRAINT "fleet_releases_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "fleet_releases" ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE "fleet_releases" ADD CONSTRAINT "fleet_releases_status_check" CHECK (status IN ('running', 'halted', 'done'));
ALTER TABLE "fleet_releases" ADD CONSTRAINT "fleet_releases_pace_check" CHECK (submits_per_minute BETWEEN 1 AND 600);

-- An agency's members read the releases of the stores it serves, outside any store scope, for the fleet's live
-- table (as agency_builds does for bulk publishing). Read-only; each release changes in its own store's scope.
CREATE POLICY agency_platform_releases ON "platform_releases" FOR SELECT
  USING (
    app_current_tenant() IS NULL
    AND tenant_id IN (
      SELECT id FROM "tenants"
      WHERE agency_id IN (SELECT agency_id FROM "agency_members" WHERE user_id = app_current_user())
    )
  );

-- The publishing workers advance fleets across stores: they claim a fleet's next waiting stores as kaidian_worker
-- (Database.buildQueue), and do each store's WeChat calls in its own scope.
GRANT SELECT, UPDATE ON "platform_releases" TO kaidian_worker;
GRANT SELECT, UPDATE ON "fleet_releases" TO kaidian_worker;
CREATE POLICY fleet_queue ON "platform_releases" TO kaidian_worker USING (true) WITH CHECK (true);

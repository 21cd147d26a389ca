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
ALTER TABLE "platform_releases" ADD CONSTRAINT "platform_releases_status_check"
  CHECK (status IN ('committing', 'auditing', 'approved', 'rejected', 'releasing', 'released', 'superseded', 'reverted', 'failed'));

-- At most one release in flight per store: a second submission, or a resumed one, cannot commit the store twice.
CREATE UNIQUE INDEX "platform_releases_one_open" ON "platform_releases"("tenant_id")
  WHERE status IN ('committing', 'auditing', 'approved', 'releasing');

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

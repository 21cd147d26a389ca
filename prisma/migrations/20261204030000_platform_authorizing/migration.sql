-- AlterTable
ALTER TABLE "wechat_authorizations" ADD COLUMN     "authorization_code_hash" TEXT;

-- CreateTable
CREATE TABLE "wechat_authorization_requests" (
    "pre_auth_code_hash" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wechat_authorization_requests_pkey" PRIMARY KEY ("pre_auth_code_hash")
);

-- CreateIndex
CREATE INDEX "wechat_authorization_requests_tenant_id_idx" ON "wechat_authorization_requests"("tenant_id");

ALTER TABLE "wechat_authorization_requests" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "wechat_authorization_requests" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "wechat_authorization_requests" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- WeChat's `authorized` and `updateauthorized` pushes name the Mini Program and (for an approval on the platform's
-- page) the pre_auth_code, never the store: this finds the store that asked for that code within the last 2 hours,
-- else the store the Mini Program is already authorised to, answering with the store and the merchant to record.
CREATE FUNCTION wechat_authorization_target(appid text, code_hash text) RETURNS TABLE (tenant_id uuid, user_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT found.tenant_id, found.user_id FROM (
      SELECT 1 AS rank, r.tenant_id, r.requested_by_id AS user_id FROM wechat_authorization_requests r
      WHERE code_hash IS NOT NULL AND r.pre_auth_code_hash = code_hash AND r.created_at > now() - interval '2 hours'
      UNION ALL
      SELECT 2, a.tenant_id, a.authorized_by_id FROM wechat_authorizations a WHERE a.authorizer_appid = appid
    ) found ORDER BY found.rank LIMIT 1
  $$;
REVOKE ALL ON FUNCTION wechat_authorization_target(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wechat_authorization_target(text, text) TO kaidian_app;

-- A store's release card follows its release live: every change of a release's status is announced on
-- `platform_releases_changed` at commit, by a trigger so no writer (dashboard, shop-api's audit push, the fleet
-- worker) can forget to. The payload names the store, the release and its status.
CREATE FUNCTION platform_release_announce() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('platform_releases_changed', json_build_object('tenant', NEW.tenant_id, 'release', NEW.id, 'status', NEW.status)::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER platform_release_announce_insert AFTER INSERT ON "platform_releases"
  FOR EACH ROW EXECUTE FUNCTION platform_release_announce();
CREATE TRIGGER platform_release_announce_update AFTER UPDATE ON "platform_releases"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.error_kind IS DISTINCT FROM NEW.error_kind)
  EXECUTE FUNCTION platform_release_announce();

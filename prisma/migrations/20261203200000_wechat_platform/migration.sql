-- The third-party platform (第三方平台). Its own state, one row per component appid and no store's: the newest
-- component_verify_ticket and the component_access_token, sealed by the application; no tenant_id, no row-level security.
-- CreateTable
CREATE TABLE "wechat_component_state" (
    "component_appid" TEXT NOT NULL,
    "ticket_ciphertext" BYTEA,
    "ticket_created_at" TIMESTAMPTZ(3),
    "token_ciphertext" BYTEA,
    "token_expires_at" TIMESTAMPTZ(3),
    "generation" INTEGER NOT NULL DEFAULT 0,
    "refreshing_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wechat_component_state_pkey" PRIMARY KEY ("component_appid")
);

-- A store's Mini Program authorised to the platform: a store's row, under row-level security like every other.
-- CreateTable
CREATE TABLE "wechat_authorizations" (
    "tenant_id" UUID NOT NULL,
    "authorizer_appid" TEXT NOT NULL,
    "refresh_token_ciphertext" BYTEA NOT NULL,
    "access_token_ciphertext" BYTEA,
    "access_token_expires_at" TIMESTAMPTZ(3),
    "generation" INTEGER NOT NULL DEFAULT 0,
    "refreshing_until" TIMESTAMPTZ(3),
    "permissions" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "authorized_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorized_by_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "wechat_authorizations_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "wechat_authorizations_authorizer_appid_key" ON "wechat_authorizations"("authorizer_appid");

-- AddForeignKey
ALTER TABLE "wechat_authorizations" ADD CONSTRAINT "wechat_authorizations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "wechat_authorizations" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "wechat_authorizations" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "wechat_authorizations" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- WeChat's `unauthorized` push names only the Mini Program, not the store: this finds the one store it was authorised
-- to and marks it revoked, answering with that store's id and nothing else.
CREATE FUNCTION wechat_authorization_revoke(appid text, at timestamptz) RETURNS uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    UPDATE wechat_authorizations SET revoked_at = at, access_token_ciphertext = NULL, access_token_expires_at = NULL
    WHERE authorizer_appid = appid AND revoked_at IS NULL
    RETURNING tenant_id
  $$;
REVOKE ALL ON FUNCTION wechat_authorization_revoke(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wechat_authorization_revoke(text, timestamptz) TO kaidian_app;

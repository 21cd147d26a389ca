-- CreateTable
CREATE TABLE "wechat_access_tokens" (
    "tenant_id" UUID NOT NULL,
    "appid" TEXT NOT NULL,
    "token_ciphertext" BYTEA,
    "expires_at" TIMESTAMPTZ(3),
    "generation" INTEGER NOT NULL DEFAULT 0,
    "refreshing_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wechat_access_tokens_pkey" PRIMARY KEY ("tenant_id","appid")
);

-- AddForeignKey
ALTER TABLE "wechat_access_tokens" ADD CONSTRAINT "wechat_access_tokens_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A store's access token is a credential of its Mini Program, fetched with its AppSecret and used only in its
-- own scope (shop-api requests, its workers): a store table like any other, under row-level security.
ALTER TABLE "wechat_access_tokens" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "wechat_access_tokens" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "wechat_access_tokens"
  USING (tenant_id = app_current_tenant())
  WITH CHECK (tenant_id = app_current_tenant());

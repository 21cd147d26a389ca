-- The third-party platform's own state: the newest component_verify_ticket and the component_access_token, sealed by
-- the application. Not a store's row, so no tenant_id and no row-level security; only the platform's processes touch it.
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

-- The one-send claims of orders' subscribe messages: row-level security like every store table, the store they
-- belong to, and the purposes that exist. A claim is never given back (a message is sent once per order and
-- purpose, whatever its outcome), so the application may not change or remove one.
ALTER TABLE "subscribe_claims" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "subscribe_claims" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "subscribe_claims" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

ALTER TABLE "subscribe_claims" ADD CONSTRAINT "subscribe_claims_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "subscribe_claims" ADD CONSTRAINT "subscribe_claims_purpose_check" CHECK ("purpose" IN ('orderPaid', 'orderShipped', 'orderReady', 'bookingConfirmed'));
REVOKE UPDATE, DELETE, TRUNCATE ON "subscribe_claims" FROM kaidian_app;

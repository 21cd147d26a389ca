-- Tenant isolation in the database itself, so a query that forgets its tenant filter still cannot read or
-- write another store's rows.
--
-- The application runs every request as the role kaidian_app (switched to inside each transaction with
-- set_config('role', ...)), which owns nothing and cannot bypass row-level security, and names its scope in two
-- transaction-local settings:
--   app.tenant_id  the store being acted on (set only after the application has checked the user may act on it)
--   app.user_id    the signed-in user (lets a user list the stores they belong to)
-- Tables keep FORCE ROW LEVEL SECURITY so even their owner is subject to the policies; only a superuser
-- (migrations, maintenance scripts) bypasses them.
--
-- Scope of this guarantee: the store-owned tables below. The directory tables (users, sessions, login_attempts,
-- agencies, agency_members) carry no tenant and are guarded by the application alone.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kaidian_app') THEN
    CREATE ROLE kaidian_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

-- The connecting user must be able to switch to kaidian_app (superusers always can).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'kaidian_app', 'MEMBER') THEN
    EXECUTE format('GRANT kaidian_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO kaidian_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kaidian_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO kaidian_app;
-- Prisma's bookkeeping is not the application's business (absent when Prisma replays this on a shadow database).
DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM kaidian_app;
  END IF;
END
$$;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kaidian_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO kaidian_app;

-- NULL when unset or empty, so an unscoped query matches no tenant row.
CREATE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION app_current_user() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

-- Stores: readable by their members and by members of their agency; changed only within their own scope.
-- The directory policies apply only outside a store scope, so inside store A nothing of the user's other
-- stores shows through.
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenants"
  USING (id = app_current_tenant())
  WITH CHECK (id = app_current_tenant());
CREATE POLICY tenant_directory ON "tenants" FOR SELECT
  USING (
    app_current_tenant() IS NULL
    AND (
      id IN (SELECT tenant_id FROM "tenant_members" WHERE user_id = app_current_user())
      OR agency_id IN (SELECT agency_id FROM "agency_members" WHERE user_id = app_current_user())
    )
  );

-- Memberships: a user also sees their own memberships in other stores (the store switcher).
ALTER TABLE "tenant_members" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenant_members" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tenant_members"
  USING (tenant_id = app_current_tenant())
  WITH CHECK (tenant_id = app_current_tenant());
CREATE POLICY own_memberships ON "tenant_members" FOR SELECT
  USING (app_current_tenant() IS NULL AND user_id = app_current_user());

-- Everything else a store owns: its own scope only.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'tenant_invitations', 'config_versions', 'catalog_categories', 'catalog_items',
    'wechat_credentials', 'builds', 'uploads'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())',
      t
    );
  END LOOP;
END
$$;

-- What shoppers see of a store changes when its tenants row (status, template), a config version (a publish) or its
-- catalog changes. Triggers on those tables record each such change in storefront_versions and announce it on the
-- `storefront_changed` channel (sent at commit), so no writer can forget to, and every shop-api process drops the
-- store's cached answers (packages/storefront/src/cache). A process that missed a notification (a dropped
-- connection) catches up through storefront_changes_since.
--
-- Written only here, by triggers; read only through storefront_changes_since. Not in schema.prisma: nothing reads
-- it through the client, and datamodel diffs (npm run db:new-migration) leave a table they do not know alone.

-- One row per store: the id of the transaction that last changed it (xid8). Transaction ids, unlike a sequence,
-- tell a reader which changes may still be uncommitted: every transaction below the snapshot's xmin has finished.
CREATE TABLE "storefront_versions" (
  "tenant_id" uuid PRIMARY KEY,
  "version" bigint NOT NULL
);
CREATE INDEX "storefront_versions_version_idx" ON "storefront_versions" ("version");

ALTER TABLE "storefront_versions" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "storefront_versions" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "storefront_versions"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

-- Runs as its owner (who applies migrations and bypasses row-level security): a change made outside the store's
-- scope (an agency suspending a store) must be recorded too.
CREATE FUNCTION storefront_bump(stores uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  store uuid;
BEGIN
  FOREACH store IN ARRAY stores LOOP
    INSERT INTO storefront_versions (tenant_id, version) VALUES (store, pg_current_xact_id()::text::bigint)
      ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version;
    PERFORM pg_notify('storefront_changed', store::text);
  END LOOP;
END
$$;
REVOKE ALL ON FUNCTION storefront_bump(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION storefront_bump(uuid[]) TO kaidian_app;

-- Statement-level with transition tables, so a CSV import of thousands of items records one change per store.
CREATE FUNCTION storefront_rows_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM storefront_bump(ARRAY(SELECT DISTINCT tenant_id FROM old_rows));
  ELSE
    PERFORM storefront_bump(ARRAY(SELECT DISTINCT tenant_id FROM new_rows));
  END IF;
  RETURN NULL;
END
$$;

-- The tenants table's key is `id`, not `tenant_id`.
CREATE FUNCTION storefront_stores_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM storefront_bump(ARRAY(SELECT id FROM old_rows));
  ELSE
    PERFORM storefront_bump(ARRAY(SELECT id FROM new_rows));
  END IF;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['config_versions', 'catalog_categories', 'catalog_items'] LOOP
    EXECUTE format('CREATE TRIGGER storefront_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION storefront_rows_changed()', tbl);
    EXECUTE format('CREATE TRIGGER storefront_update AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION storefront_rows_changed()', tbl);
    EXECUTE format('CREATE TRIGGER storefront_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION storefront_rows_changed()', tbl);
  END LOOP;
END
$$;

CREATE TRIGGER storefront_update AFTER UPDATE ON "tenants" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION storefront_stores_changed();
CREATE TRIGGER storefront_delete AFTER DELETE ON "tenants" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION storefront_stores_changed();

-- The fallback check, across all stores (ids and transaction ids only, nothing of their content): the stores changed
-- by transactions from `since` on, at most `max_rows` of them. The caller asks from the xmin of the same snapshot
-- next time (storefront_changes_horizon): every transaction below it has finished, and a change still uncommitted
-- now has an id at or above it, so the next check sees it once committed.
CREATE FUNCTION storefront_changes_since(since bigint, max_rows integer)
  RETURNS TABLE (tenant_id uuid, version bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT v.tenant_id, v.version FROM storefront_versions v WHERE v.version >= since ORDER BY v.version LIMIT max_rows
  $$;
REVOKE ALL ON FUNCTION storefront_changes_since(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION storefront_changes_since(bigint, integer) TO kaidian_app;

CREATE FUNCTION storefront_changes_horizon() RETURNS bigint
  LANGUAGE sql STABLE
  AS $$ SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint $$;

-- The publishing queue gets a database role of its own. Before, any kaidian_app session could read and change every
-- store's builds by setting app.build_queue; now the cross-store right belongs to kaidian_worker, which the
-- dashboard's role cannot become (it is not a member). Database.buildQueue switches to it for claims and reclaims
-- only; each build's work still runs as kaidian_app in its store's scope.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kaidian_worker') THEN
    CREATE ROLE kaidian_worker NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

-- The connecting user must be able to switch to kaidian_worker (superusers always can).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'kaidian_worker', 'MEMBER') THEN
    EXECUTE format('GRANT kaidian_worker TO %I', current_user);
  END IF;
END
$$;

-- Claiming reads due builds and their batches' concurrency; claiming and reclaiming change builds. Nothing else.
GRANT USAGE ON SCHEMA public TO kaidian_worker;
GRANT SELECT, UPDATE ON "builds" TO kaidian_worker;
GRANT SELECT ON "publish_batches" TO kaidian_worker;

DROP POLICY build_queue ON "builds";
DROP FUNCTION app_build_queue();

CREATE POLICY build_queue ON "builds" TO kaidian_worker
  USING (true)
  WITH CHECK (true);

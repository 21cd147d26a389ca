-- CreateTable
CREATE TABLE "analytics_events" (
    "tenant_id" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "visitor_id" UUID NOT NULL,
    "shopper_id" UUID,
    "kind" TEXT NOT NULL,
    "page" TEXT NOT NULL,
    "item_id" UUID,

    CONSTRAINT "analytics_events_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "analytics_days" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "visitors" INTEGER NOT NULL DEFAULT 0,
    "page_views" INTEGER NOT NULL DEFAULT 0,
    "item_views" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "paid_orders" INTEGER NOT NULL DEFAULT 0,
    "paid_fen" BIGINT NOT NULL DEFAULT 0,
    "refunded_fen" BIGINT NOT NULL DEFAULT 0,
    "buyers" INTEGER NOT NULL DEFAULT 0,
    "new_buyers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_days_pkey" PRIMARY KEY ("tenant_id","day")
);

-- CreateTable
CREATE TABLE "analytics_day_visitors" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "visitor_id" UUID NOT NULL,

    CONSTRAINT "analytics_day_visitors_pkey" PRIMARY KEY ("tenant_id","day","visitor_id")
);

-- CreateTable
CREATE TABLE "analytics_day_items" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "item_id" UUID NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,
    "paid_units" INTEGER NOT NULL DEFAULT 0,
    "paid_fen" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_day_items_pkey" PRIMARY KEY ("tenant_id","day","item_id")
);

-- CreateTable
CREATE TABLE "analytics_day_buyers" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "shopper_id" UUID NOT NULL,
    "first_purchase" BOOLEAN NOT NULL,

    CONSTRAINT "analytics_day_buyers_pkey" PRIMARY KEY ("tenant_id","day","shopper_id")
);

-- CreateTable
CREATE TABLE "analytics_fold" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "folded_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "analytics_fold_pkey" PRIMARY KEY ("id")
);

-- Hand-written from here: foreign keys, checks, row-level security, the worker's rights and the orders' indexes
-- the fold reads by.
ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_kind_check" CHECK ("kind" IN ('pageView', 'itemView'));
ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_item_check" CHECK (("kind" = 'itemView') = ("item_id" IS NOT NULL));
ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_page_check" CHECK (char_length("page") <= 200);
ALTER TABLE "analytics_days" ADD CONSTRAINT "analytics_days_figures_check"
  CHECK ("visitors" >= 0 AND "page_views" >= 0 AND "item_views" >= 0 AND "orders" >= 0 AND "paid_orders" >= 0 AND "paid_fen" >= 0 AND "refunded_fen" >= 0 AND "buyers" >= 0 AND "new_buyers" BETWEEN 0 AND "buyers");
ALTER TABLE "analytics_day_items" ADD CONSTRAINT "analytics_day_items_figures_check" CHECK ("views" >= 0 AND "paid_units" >= 0 AND "paid_fen" >= 0);
ALTER TABLE "analytics_fold" ADD CONSTRAINT "analytics_fold_one_row_check" CHECK ("id");

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['analytics_events', 'analytics_days', 'analytics_day_visitors', 'analytics_day_items', 'analytics_day_buyers']
  LOOP
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE', t, t || '_tenant_id_fkey');
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;

-- What shoppers did is evidence the figures can be rebuilt from: a store's scope may add to it, not rewrite it.
REVOKE UPDATE, DELETE, TRUNCATE ON "analytics_events" FROM kaidian_app;

-- The fold runs across stores as the workers' role: it may learn which stores had orders change in a time window
-- (through this function only: no orders row is visible to it) and keep its watermark; the figures themselves are
-- written in each store's own scope.
INSERT INTO "analytics_fold" ("id", "folded_until") VALUES (true, '1970-01-01T00:00:00Z');
REVOKE ALL ON "analytics_fold" FROM kaidian_app;
GRANT SELECT, UPDATE ON "analytics_fold" TO kaidian_worker;
CREATE FUNCTION analytics_changed_stores(since TIMESTAMPTZ, until TIMESTAMPTZ) RETURNS SETOF UUID
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT DISTINCT "tenant_id" FROM "orders" WHERE "updated_at" >= since AND "updated_at" < until $$;
REVOKE ALL ON FUNCTION analytics_changed_stores(TIMESTAMPTZ, TIMESTAMPTZ) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION analytics_changed_stores(TIMESTAMPTZ, TIMESTAMPTZ) TO kaidian_worker;

-- The fold finds changed orders by updated_at, and re-counts a day's payments by paid_at.
CREATE INDEX "orders_updated_at_idx" ON "orders"("updated_at");
CREATE INDEX "orders_tenant_id_paid_at_idx" ON "orders"("tenant_id", "paid_at") WHERE "paid_at" IS NOT NULL;

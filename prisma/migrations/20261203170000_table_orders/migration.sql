-- Restaurant table orders: how tables pay, the tabs of tables and the rounds sent to the kitchen. A round's dishes
-- are order lines (of its own order when paid first, of the tab's one bill when paid at the end); these tables say
-- which lines form which round of which table, and what the kitchen has done.
-- Dishes ordered at a table are served there: the orders' delivery method "dineIn".
ALTER TABLE "orders" DROP CONSTRAINT "orders_delivery_check";
ALTER TABLE "orders" ADD CONSTRAINT "orders_delivery_check" CHECK ("delivery" IN ('express', 'pickup', 'stay', 'dineIn'));

CREATE TABLE "table_order_settings" (
    "tenant_id" UUID NOT NULL,
    "payment" TEXT NOT NULL DEFAULT 'payAtEnd',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "table_order_settings_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "table_order_settings_payment_check" CHECK ("payment" IN ('payFirst', 'payAtEnd')),
    CONSTRAINT "table_order_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "dining_tabs" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "table_id" UUID NOT NULL,
    "payment" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "rounds" INTEGER NOT NULL DEFAULT 0,
    "order_id" UUID,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),
    CONSTRAINT "dining_tabs_pkey" PRIMARY KEY ("tenant_id", "id"),
    CONSTRAINT "dining_tabs_payment_check" CHECK ("payment" IN ('payFirst', 'payAtEnd')),
    CONSTRAINT "dining_tabs_status_check" CHECK ("status" IN ('open', 'closed')),
    CONSTRAINT "dining_tabs_rounds_check" CHECK ("rounds" >= 0),
    CONSTRAINT "dining_tabs_table_fkey" FOREIGN KEY ("tenant_id", "table_id") REFERENCES "dining_tables"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "dining_tabs_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE SET NULL ("order_id") ON UPDATE CASCADE
);
-- One open tab per table: opening a tab and joining the open one are one INSERT ... ON CONFLICT on this index.
CREATE UNIQUE INDEX "dining_tabs_open_table_key" ON "dining_tabs"("tenant_id", "table_id") WHERE "status" = 'open';
CREATE INDEX "dining_tabs_tenant_id_order_id_idx" ON "dining_tabs"("tenant_id", "order_id");

CREATE TABLE "table_rounds" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tab_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "order_id" UUID NOT NULL,
    "first_line" INTEGER NOT NULL,
    "line_count" INTEGER NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "done_lines" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[],
    "done_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "table_rounds_pkey" PRIMARY KEY ("tenant_id", "id"),
    CONSTRAINT "table_rounds_lines_check" CHECK ("first_line" >= 0 AND "line_count" >= 1),
    CONSTRAINT "table_rounds_tab_fkey" FOREIGN KEY ("tenant_id", "tab_id") REFERENCES "dining_tabs"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "table_rounds_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "table_rounds_tenant_id_tab_id_number_key" ON "table_rounds"("tenant_id", "tab_id", "number");
CREATE INDEX "table_rounds_tenant_id_order_id_idx" ON "table_rounds"("tenant_id", "order_id");
CREATE INDEX "table_rounds_tenant_id_sent_at_idx" ON "table_rounds"("tenant_id", "sent_at" DESC);

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['table_order_settings', 'dining_tabs', 'table_rounds']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;

-- The kitchen display is live: a round reaching the kitchen, and each dish or round marked done, is announced on
-- `kitchen_changed` at commit (by a trigger, so no writer forgets). Each dashboard process LISTENs once
-- (packages/orders/src/server/kitchen-feed.ts). The payload names the store and the round; nothing a shopper typed.
CREATE FUNCTION table_rounds_announce() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_notify('kitchen_changed', json_build_object('tenant', NEW.tenant_id, 'round', NEW.id)::text);
  RETURN NULL;
END
$$;

CREATE TRIGGER table_rounds_announce_insert AFTER INSERT ON "table_rounds"
  FOR EACH ROW WHEN (NEW.sent_at IS NOT NULL) EXECUTE FUNCTION table_rounds_announce();
CREATE TRIGGER table_rounds_announce_update AFTER UPDATE ON "table_rounds"
  FOR EACH ROW
  WHEN (OLD.sent_at IS DISTINCT FROM NEW.sent_at OR OLD.done_lines IS DISTINCT FROM NEW.done_lines OR OLD.done_at IS DISTINCT FROM NEW.done_at)
  EXECUTE FUNCTION table_rounds_announce();

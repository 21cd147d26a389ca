-- Trading: shoppers, their carts, orders with their lines and recorded events, refunds, the store's order and
-- payment settings, and the Mini Program's AppSecret. Every table is a store table: keyed by tenant_id and under
-- row-level security like the rest.

-- The AppSecret (for wx.login's code2Session and the access token), sealed like the upload key.
ALTER TABLE "wechat_credentials" ADD COLUMN "app_secret_ciphertext" BYTEA,
  ADD COLUMN "app_secret_updated_at" TIMESTAMPTZ(3);

-- How the store takes orders: its delivery rules (validated by @kaidian/orders' deliveryRulesSchema) and how long
-- an unpaid order holds its stock.
CREATE TABLE "order_settings" (
    "tenant_id" UUID NOT NULL,
    "delivery_rules" JSONB NOT NULL,
    "unpaid_minutes" INTEGER NOT NULL DEFAULT 15,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "order_settings_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "order_settings_unpaid_minutes_check" CHECK ("unpaid_minutes" BETWEEN 5 AND 1440)
);

-- How the store is paid: direct (its own mchid and keys) or through the platform's service provider (its
-- sub_mchid). `account` holds what may be shown (mode, mchid, sub_mchid, certificate serial, public key id);
-- the keys are only in `keys_ciphertext`, sealed with the master key and bound to the store.
CREATE TABLE "payment_settings" (
    "tenant_id" UUID NOT NULL,
    "mode" TEXT NOT NULL,
    "account" JSONB NOT NULL DEFAULT '{}',
    "keys_ciphertext" BYTEA,
    "checked_at" TIMESTAMPTZ(3),
    "check_problem" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payment_settings_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "payment_settings_mode_check" CHECK ("mode" IN ('direct', 'partner'))
);

-- A shopper of one store, known by the openid WeChat gives for the store's Mini Program.
CREATE TABLE "shoppers" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "openid" TEXT NOT NULL,
    "unionid" TEXT,
    "phone" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "shoppers_pkey" PRIMARY KEY ("tenant_id", "id")
);
CREATE UNIQUE INDEX "shoppers_tenant_id_openid_key" ON "shoppers"("tenant_id", "openid");

-- A shopper's cart, kept on the server so it survives a reinstall. One row per distinct choice of an item.
CREATE TABLE "cart_lines" (
    "tenant_id" UUID NOT NULL,
    "shopper_id" UUID NOT NULL,
    "line_key" TEXT NOT NULL,
    "item_id" UUID NOT NULL,
    "sku_options" JSONB NOT NULL DEFAULT '[]',
    "dish_options" JSONB NOT NULL DEFAULT '[]',
    "quantity" INTEGER NOT NULL,
    "seen_unit_price_fen" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cart_lines_pkey" PRIMARY KEY ("tenant_id", "shopper_id", "line_key"),
    CONSTRAINT "cart_lines_quantity_check" CHECK ("quantity" BETWEEN 1 AND 999)
);

-- The per-store daily counter behind order numbers a shopper can read aloud ("261203-0042").
CREATE TABLE "order_sequences" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "last" INTEGER NOT NULL,
    CONSTRAINT "order_sequences_pkey" PRIMARY KEY ("tenant_id", "day")
);

-- An order. Amounts are integer fen computed on the server; `status` and the figures change only through the
-- lifecycle table in @kaidian/orders, each change with a row in order_events, in one transaction.
CREATE TABLE "orders" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" TEXT NOT NULL,
    "shopper_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "delivery" TEXT NOT NULL,
    "address" JSONB,
    "pickup_address" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "subtotal_fen" INTEGER NOT NULL,
    "delivery_fee_fen" INTEGER NOT NULL,
    "total_fen" INTEGER NOT NULL,
    "paid_fen" INTEGER NOT NULL DEFAULT 0,
    "refunded_fen" INTEGER NOT NULL DEFAULT 0,
    "refund_requested" BOOLEAN NOT NULL DEFAULT false,
    "tracking" JSONB,
    -- The payment's out_trade_no: unique across stores, as WeChat Pay requires of one merchant account.
    "payment_no" TEXT NOT NULL,
    -- WeChat Pay's transaction id, the payer's openid as Pay saw it, and when it was paid.
    "transaction_id" TEXT,
    "paid_at" TIMESTAMPTZ(3),
    -- Set when a payment did not fit the order (another amount): the merchant must look; never silently paid.
    "payment_problem" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    -- Shipping information for WeChat (upload_shipping_info): null when none is due, then pending until accepted.
    "shipping_upload" TEXT,
    "shipping_attempts" INTEGER NOT NULL DEFAULT 0,
    "shipping_next_at" TIMESTAMPTZ(3),
    "shipping_problem" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("tenant_id", "id"),
    CONSTRAINT "orders_status_check" CHECK ("status" IN ('pendingPayment', 'paid', 'shipped', 'completed', 'cancelled', 'refunded')),
    CONSTRAINT "orders_delivery_check" CHECK ("delivery" IN ('express', 'pickup')),
    CONSTRAINT "orders_amounts_check" CHECK ("subtotal_fen" >= 0 AND "delivery_fee_fen" >= 0 AND "total_fen" = "subtotal_fen" + "delivery_fee_fen"
      AND "paid_fen" >= 0 AND "refunded_fen" BETWEEN 0 AND "paid_fen")
);
CREATE UNIQUE INDEX "orders_tenant_id_number_key" ON "orders"("tenant_id", "number");
CREATE UNIQUE INDEX "orders_payment_no_key" ON "orders"("payment_no");
CREATE INDEX "orders_tenant_id_created_at_idx" ON "orders"("tenant_id", "created_at" DESC);
CREATE INDEX "orders_tenant_id_status_created_at_idx" ON "orders"("tenant_id", "status", "created_at" DESC);
CREATE INDEX "orders_tenant_id_shopper_id_created_at_idx" ON "orders"("tenant_id", "shopper_id", "created_at" DESC);
CREATE INDEX "orders_unpaid_expires_at_idx" ON "orders"("expires_at") WHERE "status" = 'pendingPayment';
CREATE INDEX "orders_shipping_due_idx" ON "orders"("shipping_next_at") WHERE "shipping_upload" = 'pending';

-- What was bought, named and priced as at order time. `stock_reserved` says whether the line took SKU stock, so
-- exactly that goes back when the order is cancelled or expires.
CREATE TABLE "order_lines" (
    "tenant_id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "item_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sku_options" JSONB NOT NULL DEFAULT '[]',
    "dish_options" JSONB NOT NULL DEFAULT '[]',
    "quantity" INTEGER NOT NULL,
    "unit_price_fen" INTEGER NOT NULL,
    "line_total_fen" INTEGER NOT NULL,
    "stock_reserved" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "order_lines_pkey" PRIMARY KEY ("tenant_id", "order_id", "position"),
    CONSTRAINT "order_lines_figures_check" CHECK ("quantity" > 0 AND "unit_price_fen" >= 0 AND "line_total_fen" = "unit_price_fen" * "quantity")
);

-- Every change of an order: what, between which states, by whom (role and id), why, with which amount or
-- tracking, and when. Append-only for the application.
CREATE TABLE "order_events" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "from_status" TEXT,
    "to_status" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "actor_id" UUID,
    "reason" TEXT NOT NULL DEFAULT '',
    "amount_fen" INTEGER,
    "tracking" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "order_events_pkey" PRIMARY KEY ("tenant_id", "id")
);
CREATE INDEX "order_events_tenant_id_order_id_at_idx" ON "order_events"("tenant_id", "order_id", "at");

-- A refund asked of WeChat Pay; its own notification settles it.
CREATE TABLE "refunds" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    -- out_refund_no: unique across stores, like payment_no.
    "refund_no" TEXT NOT NULL,
    "amount_fen" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "restock" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'processing',
    "wechat_refund_id" TEXT,
    "problem" TEXT,
    "requested_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),
    CONSTRAINT "refunds_pkey" PRIMARY KEY ("tenant_id", "id"),
    CONSTRAINT "refunds_amount_check" CHECK ("amount_fen" > 0),
    CONSTRAINT "refunds_status_check" CHECK ("status" IN ('processing', 'success', 'closed', 'abnormal'))
);
CREATE UNIQUE INDEX "refunds_refund_no_key" ON "refunds"("refund_no");
CREATE INDEX "refunds_tenant_id_order_id_idx" ON "refunds"("tenant_id", "order_id");

ALTER TABLE "order_settings" ADD CONSTRAINT "order_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "payment_settings" ADD CONSTRAINT "payment_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "shoppers" ADD CONSTRAINT "shoppers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_shopper_fkey" FOREIGN KEY ("tenant_id", "shopper_id") REFERENCES "shoppers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "order_sequences" ADD CONSTRAINT "order_sequences_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "orders" ADD CONSTRAINT "orders_shopper_fkey" FOREIGN KEY ("tenant_id", "shopper_id") REFERENCES "shoppers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_fkey" FOREIGN KEY ("tenant_id", "order_id") REFERENCES "orders"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['order_settings', 'payment_settings', 'shoppers', 'cart_lines', 'order_sequences', 'orders', 'order_lines', 'order_events', 'refunds']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;

-- An order's history is evidence: whoever acts on a store cannot rewrite or erase it.
REVOKE UPDATE, DELETE, TRUNCATE ON "order_events" FROM kaidian_app;

-- The order timers (expiring unpaid orders, retrying shipping uploads) run across stores as the queue's role: it
-- may read which orders are due and nothing else; each order's own change then runs in its store's scope.
GRANT SELECT ("tenant_id", "id", "status", "expires_at", "shipping_upload", "shipping_next_at") ON "orders" TO kaidian_worker;
CREATE POLICY order_timers ON "orders" FOR SELECT TO kaidian_worker
  USING (("status" = 'pendingPayment' AND "expires_at" <= now()) OR ("shipping_upload" = 'pending' AND "shipping_next_at" <= now()));

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "discount_fen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shopper_coupon_id" UUID;

-- CreateTable
CREATE TABLE "coupons" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount_fen" INTEGER NOT NULL DEFAULT 0,
    "percent_off" INTEGER NOT NULL DEFAULT 0,
    "threshold_fen" INTEGER NOT NULL DEFAULT 0,
    "validity" TEXT NOT NULL,
    "valid_from" TIMESTAMPTZ(3),
    "valid_until" TIMESTAMPTZ(3),
    "valid_days" INTEGER,
    "total_quantity" INTEGER NOT NULL,
    "claimed" INTEGER NOT NULL DEFAULT 0,
    "per_shopper_limit" INTEGER NOT NULL,
    "category_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "item_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "stopped_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coupons_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "coupon_claim_counts" (
    "tenant_id" UUID NOT NULL,
    "coupon_id" UUID NOT NULL,
    "shopper_id" UUID NOT NULL,
    "claimed" INTEGER NOT NULL,

    CONSTRAINT "coupon_claim_counts_pkey" PRIMARY KEY ("tenant_id","coupon_id","shopper_id")
);

-- CreateTable
CREATE TABLE "shopper_coupons" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "coupon_id" UUID NOT NULL,
    "shopper_id" UUID NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_until" TIMESTAMPTZ(3) NOT NULL,
    "order_id" UUID,
    "used_at" TIMESTAMPTZ(3),
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shopper_coupons_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "coupons_tenant_id_created_at_idx" ON "coupons"("tenant_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "shopper_coupons_tenant_id_shopper_id_valid_until_idx" ON "shopper_coupons"("tenant_id", "shopper_id", "valid_until");

-- CreateIndex
CREATE INDEX "shopper_coupons_tenant_id_order_id_idx" ON "shopper_coupons"("tenant_id", "order_id");

-- Hand-written: keys, the rules the application relies on, row-level security, and the claim's refusal.
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "coupon_claim_counts" ADD CONSTRAINT "coupon_claim_counts_coupon_fkey" FOREIGN KEY ("tenant_id", "coupon_id") REFERENCES "coupons"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "coupon_claim_counts" ADD CONSTRAINT "coupon_claim_counts_shopper_fkey" FOREIGN KEY ("tenant_id", "shopper_id") REFERENCES "shoppers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "shopper_coupons" ADD CONSTRAINT "shopper_coupons_coupon_fkey" FOREIGN KEY ("tenant_id", "coupon_id") REFERENCES "coupons"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "shopper_coupons" ADD CONSTRAINT "shopper_coupons_shopper_fkey" FOREIGN KEY ("tenant_id", "shopper_id") REFERENCES "shoppers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "coupons" ADD CONSTRAINT "coupons_terms_check" CHECK (
  ("kind" = 'amount' AND "amount_fen" > 0 AND "percent_off" = 0) OR ("kind" = 'percent' AND "percent_off" BETWEEN 1 AND 99 AND "amount_fen" = 0));
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_validity_check" CHECK (
  ("validity" = 'dates' AND "valid_from" IS NOT NULL AND "valid_until" > "valid_from" AND "valid_days" IS NULL)
  OR ("validity" = 'days' AND "valid_days" > 0 AND "valid_from" IS NULL AND "valid_until" IS NULL));
-- The counter never passes the quantity: a claim's conditional UPDATE keeps to it, this says so to any other writer.
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_quantity_check" CHECK (
  "threshold_fen" >= 0 AND "per_shopper_limit" >= 1 AND "claimed" BETWEEN 0 AND "total_quantity");
ALTER TABLE "coupon_claim_counts" ADD CONSTRAINT "coupon_claim_counts_claimed_check" CHECK ("claimed" >= 1);
ALTER TABLE "shopper_coupons" ADD CONSTRAINT "shopper_coupons_used_check" CHECK (("order_id" IS NULL) = ("used_at" IS NULL));

-- A coupon takes off the goods, never more than them: total = subtotal + delivery fee - discount.
ALTER TABLE "orders" DROP CONSTRAINT "orders_amounts_check";
ALTER TABLE "orders" ADD CONSTRAINT "orders_amounts_check" CHECK ("subtotal_fen" >= 0 AND "delivery_fee_fen" >= 0
  AND "discount_fen" BETWEEN 0 AND "subtotal_fen" AND "total_fen" = "subtotal_fen" + "delivery_fee_fen" - "discount_fen"
  AND "paid_fen" >= 0 AND "refunded_fen" BETWEEN 0 AND "paid_fen");

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['coupons', 'coupon_claim_counts', 'shopper_coupons']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;

-- A claim is one statement (packages/coupons/src/server/claims.ts): the coupon's counter, the shopper's counter and
-- the coupon the shopper now holds. When either counter refuses, the statement calls this so nothing of it stays;
-- the reason ("soldOut", "limit", ...) is the message, the SQLSTATE ours.
CREATE FUNCTION coupon_not_claimed(reason text) RETURNS uuid
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'KD410', MESSAGE = reason;
END
$$;

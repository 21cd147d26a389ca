-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "level_discount_fen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "points_discount_fen" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "points_used" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "member_settings" (
    "tenant_id" UUID NOT NULL,
    "points_enabled" BOOLEAN NOT NULL DEFAULT false,
    "points_per_yuan" INTEGER NOT NULL DEFAULT 1,
    "points_per_yuan_off" INTEGER NOT NULL DEFAULT 100,
    "max_points_percent" INTEGER NOT NULL DEFAULT 50,
    "levels" JSONB NOT NULL DEFAULT '[]',
    "last_number" INTEGER NOT NULL DEFAULT 0,
    "card_key_ciphertext" BYTEA,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_settings_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "members" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "shopper_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "spent_fen" INTEGER NOT NULL DEFAULT 0,
    "joined_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "members_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "point_entries" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "member_id" UUID NOT NULL,
    "change" INTEGER NOT NULL,
    "balance" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "order_id" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "actor_id" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "point_entries_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "members_tenant_id_phone_idx" ON "members"("tenant_id", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "members_tenant_id_shopper_id_key" ON "members"("tenant_id", "shopper_id");

-- CreateIndex
CREATE UNIQUE INDEX "members_tenant_id_number_key" ON "members"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "point_entries_tenant_id_member_id_at_idx" ON "point_entries"("tenant_id", "member_id", "at" DESC);

-- CreateIndex
CREATE INDEX "point_entries_tenant_id_order_id_idx" ON "point_entries"("tenant_id", "order_id");

-- Hand-written: keys, the rules the application relies on, and row-level security.
ALTER TABLE "member_settings" ADD CONSTRAINT "member_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "members" ADD CONSTRAINT "members_shopper_fkey" FOREIGN KEY ("tenant_id", "shopper_id") REFERENCES "shoppers"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_member_fkey" FOREIGN KEY ("tenant_id", "member_id") REFERENCES "members"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "member_settings" ADD CONSTRAINT "member_settings_rule_check" CHECK ("points_per_yuan" BETWEEN 0 AND 1000
  AND "points_per_yuan_off" BETWEEN 1 AND 100000 AND "max_points_percent" BETWEEN 0 AND 100 AND "last_number" >= 0);
ALTER TABLE "members" ADD CONSTRAINT "members_number_check" CHECK ("number" >= 1 AND "spent_fen" >= 0);
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_reason_check" CHECK (
  "reason" IN ('earned', 'redeemed', 'reversed', 'returned', 'adjusted') AND "change" <> 0);

-- The member's level and points discounts come off the goods too, never more than them:
-- total = subtotal + delivery fee - coupon discount - level discount - points discount.
ALTER TABLE "orders" DROP CONSTRAINT "orders_amounts_check";
ALTER TABLE "orders" ADD CONSTRAINT "orders_amounts_check" CHECK ("subtotal_fen" >= 0 AND "delivery_fee_fen" >= 0
  AND "discount_fen" >= 0 AND "level_discount_fen" >= 0 AND "points_discount_fen" >= 0 AND "points_used" >= 0
  AND "discount_fen" + "level_discount_fen" + "points_discount_fen" <= "subtotal_fen"
  AND "total_fen" = "subtotal_fen" + "delivery_fee_fen" - "discount_fen" - "level_discount_fen" - "points_discount_fen"
  AND "paid_fen" >= 0 AND "refunded_fen" BETWEEN 0 AND "paid_fen");

DO $$
DECLARE t TEXT;
BEGIN
  FOREACH t IN ARRAY ARRAY['member_settings', 'members', 'point_entries']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t);
  END LOOP;
END $$;

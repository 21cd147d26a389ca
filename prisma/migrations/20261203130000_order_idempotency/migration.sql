-- The Idempotency-Key a shopper's request to place an order carries: a retry (a lost answer, a double tap) finds
-- the order it placed instead of placing another. Unique per shopper, so two racing retries cannot both insert.
-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "idempotency_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "orders_tenant_id_shopper_id_idempotency_key_key" ON "orders"("tenant_id", "shopper_id", "idempotency_key");

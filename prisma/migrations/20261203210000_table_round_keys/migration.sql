-- AlterTable
ALTER TABLE "table_rounds" ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "shopper_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "table_rounds_tenant_id_shopper_id_idempotency_key_key" ON "table_rounds"("tenant_id", "shopper_id", "idempotency_key");

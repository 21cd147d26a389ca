-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'order';

ALTER TABLE "refunds" ADD CONSTRAINT "refunds_kind_check" CHECK ("kind" IN ('order', 'paidAfterCancel'));

-- A payment that arrived after its order was cancelled is given back once: a replayed or racing notification
-- cannot record a second refund of it.
CREATE UNIQUE INDEX "refunds_paid_after_cancel_key" ON "refunds" ("tenant_id", "order_id") WHERE "kind" = 'paidAfterCancel';

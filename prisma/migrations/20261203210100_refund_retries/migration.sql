-- AlterTable
ALTER TABLE "refunds" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retry_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "refunds_retry_at_idx" ON "refunds"("retry_at");

-- The order timers ask WeChat Pay again for refunds it has not accepted (a failed ask, or a process that died
-- before asking). They find them across stores as the queue's role, which may read which refunds are due and
-- nothing else; each refund is then claimed and asked in its store's scope.
GRANT SELECT ("tenant_id", "id", "status", "retry_at") ON "refunds" TO kaidian_worker;
CREATE POLICY refund_retries ON "refunds" FOR SELECT TO kaidian_worker
  USING ("status" = 'processing' AND "retry_at" <= now());

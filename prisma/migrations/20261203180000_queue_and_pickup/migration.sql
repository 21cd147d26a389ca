-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "pickup_number" INTEGER;

-- CreateTable
CREATE TABLE "queue_settings" (
    "tenant_id" UUID NOT NULL,
    "settings" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_settings_pkey" PRIMARY KEY ("tenant_id")
);

-- CreateTable
CREATE TABLE "queue_counters" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "prefix" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "queue_counters_pkey" PRIMARY KEY ("tenant_id","day","prefix")
);

-- CreateTable
CREATE TABLE "queue_tickets" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "day" DATE NOT NULL,
    "prefix" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "party_size" INTEGER NOT NULL,
    "shopper_id" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "called_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "closed_by_id" UUID,

    CONSTRAINT "queue_tickets_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "pickup_sequences" (
    "tenant_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "pickup_sequences_pkey" PRIMARY KEY ("tenant_id","day")
);

-- CreateTable
CREATE TABLE "subscribe_templates" (
    "tenant_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "template_id" TEXT NOT NULL,
    "keywords" JSONB NOT NULL,
    "updated_by_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscribe_templates_pkey" PRIMARY KEY ("tenant_id","purpose")
);

-- CreateTable
CREATE TABLE "subscribe_sends" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purpose" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "shopper_id" UUID NOT NULL,
    "template_id" TEXT,
    "outcome" TEXT NOT NULL,
    "problem" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscribe_sends_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE INDEX "queue_tickets_tenant_id_day_status_prefix_number_idx" ON "queue_tickets"("tenant_id", "day", "status", "prefix", "number");

-- CreateIndex
CREATE UNIQUE INDEX "queue_tickets_tenant_id_day_prefix_number_key" ON "queue_tickets"("tenant_id", "day", "prefix", "number");

-- CreateIndex
CREATE INDEX "subscribe_sends_tenant_id_subject_id_created_at_idx" ON "subscribe_sends"("tenant_id", "subject_id", "created_at");

-- AddForeignKey
ALTER TABLE "queue_settings" ADD CONSTRAINT "queue_settings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_shopper_fkey" FOREIGN KEY ("tenant_id", "shopper_id") REFERENCES "shoppers"("tenant_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pickup_sequences" ADD CONSTRAINT "pickup_sequences_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscribe_templates" ADD CONSTRAINT "subscribe_templates_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscribe_sends" ADD CONSTRAINT "subscribe_sends_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

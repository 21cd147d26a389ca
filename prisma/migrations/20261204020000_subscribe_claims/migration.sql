-- CreateTable
CREATE TABLE "subscribe_claims" (
    "tenant_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "subject_id" UUID NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscribe_claims_pkey" PRIMARY KEY ("tenant_id","purpose","subject_id")
);

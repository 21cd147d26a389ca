-- CreateTable
CREATE TABLE "qr_verification_files" (
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qr_verification_files_pkey" PRIMARY KEY ("tenant_id")
);

-- AddForeignKey
ALTER TABLE "qr_verification_files" ADD CONSTRAINT "qr_verification_files_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Row-level security, as for every tenant table: a query sees and writes only the rows of the store its
-- transaction is scoped to.
ALTER TABLE "qr_verification_files" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "qr_verification_files" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "qr_verification_files"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());

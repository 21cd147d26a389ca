-- AlterTable
ALTER TABLE "catalog_categories" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "updated_by_id" UUID;

-- AlterTable
ALTER TABLE "catalog_items" ADD COLUMN     "nights_revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nights_updated_at" TIMESTAMPTZ(3),
ADD COLUMN     "nights_updated_by_id" UUID,
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updated_by_id" UUID;

-- AlterTable
ALTER TABLE "dining_tables" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "updated_by_id" UUID;

-- AlterTable: revision 0 means "never saved", so the rows saved before this migration start at 1.
ALTER TABLE "wechat_credentials" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "wechat_credentials" ALTER COLUMN "revision" SET DEFAULT 0;

-- AlterTable
ALTER TABLE "compliance_profiles" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "compliance_profiles" ALTER COLUMN "revision" SET DEFAULT 0;

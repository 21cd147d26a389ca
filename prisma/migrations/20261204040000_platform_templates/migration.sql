-- CreateTable
CREATE TABLE "platform_templates" (
    "id" UUID NOT NULL,
    "component_appid" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "runtime_version" TEXT NOT NULL,
    "generator_version" TEXT NOT NULL,
    "user_version" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'uploading',
    "draft_id" INTEGER,
    "claimed_until" TIMESTAMPTZ(3),
    "error" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "added_at" TIMESTAMPTZ(3),

    CONSTRAINT "platform_templates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "platform_templates_component_appid_content_hash_key" ON "platform_templates"("component_appid", "content_hash");

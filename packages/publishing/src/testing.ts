// Stores ready to publish, for tests: published sample content, an appid, a sealed upload key, a filled-in
// compliance profile and a confirmed privacy guide. Written the way the dashboard writes them, in the store's scope.
import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { arrangeStore } from "@kaidian/storefront/testing";
import { personalDataUses, templates, type TemplateId } from "@kaidian/templates";
import { validatedConfig } from "@kaidian/storefront";
import { confirmPrivacyGuide, saveComplianceProfile } from "./compliance";
import { saveUploadKey, saveWechatSettings } from "./wechat-settings";

let appids = 0;

/** A unique, valid appid for a test store. */
export function testAppid(): string {
  return `wx${(BigInt(Date.now()) * 1000n + BigInt(++appids)).toString(16).padStart(16, "0").slice(-16)}`;
}

export async function arrangePublishableStore(
  db: Database,
  options: { templateId: TemplateId; privateKey: string; masterKey: Buffer; appid?: string; name?: string; agencyId?: string },
): Promise<{ tenantId: string; appid: string; userId: string }> {
  const tenantId = await arrangeStore(db, { name: options.name ?? "发布测试店", templateId: options.templateId, publish: true, contact: { phone: "0871-6800 1234", address: "昆明市翠湖南路 1 号" } });
  const appid = options.appid ?? testAppid();
  const user = await db.scoped({}, (tx) =>
    tx.user.create({ data: { email: `publisher-${randomUUID().slice(0, 8)}@example.test`, name: "发布员", passwordHash: "not-used" }, select: { id: true } }),
  );
  await db.scoped({ tenantId }, async (tx) => {
    if (options.agencyId) await tx.tenant.update({ where: { id: tenantId }, data: { agencyId: options.agencyId } });
    await saveWechatSettings(tx, tenantId, { userId: user.id, revision: 0 }, { appid, robot: 1 });
    await saveUploadKey(tx, tenantId, user.id, options.privateKey, options.masterKey);
    await saveComplianceProfile(tx, tenantId, { userId: user.id, revision: 0 }, {
      pathway: "localPartner",
      licenseHolder: "大理湖畔文化旅游有限公司",
      icpFilingNumber: "滇ICP备2026012345号-1X",
      miniProgramFiling: "approved",
      categoryConfirmed: true,
      foodLicenseNumber: options.templateId === "restaurant" ? "JY15301020012345" : "",
    });
    const version = await tx.configVersion.findFirstOrThrow({ where: { status: "PUBLISHED" }, orderBy: { number: "desc" } });
    await confirmPrivacyGuide(tx, tenantId, user.id, personalDataUses(templates[options.templateId], validatedConfig(version)));
  });
  return { tenantId, appid, userId: user.id };
}

// The checklist judged on real stores' facts: what blocks an upload, what only warns, and what a preview needs.
import { randomBytes } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { testUploadKey } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complianceFormSchema, saveComplianceProfile, readCompliance } from "./compliance";
import { checkReadiness, type ReadinessFacts } from "./readiness";
import { loadReadinessFacts } from "./readiness-facts";
import { arrangeStore } from "@kaidian/storefront/testing";
import { arrangePublishableStore } from "./testing";
import { readWechatSettings, saveAppSecret } from "./wechat-settings";

let db: Database;
const masterKey = randomBytes(32);
const key = testUploadKey();

beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

async function facts(templateId: "ecommerce" | "hotel" | "restaurant"): Promise<ReadinessFacts & { tenantId: string; userId: string }> {
  const store = await arrangePublishableStore(db, { templateId, privateKey: key.privateKey, masterKey });
  const loaded = await db.scoped({ tenantId: store.tenantId }, (tx) => loadReadinessFacts(tx, { id: store.tenantId, templateId, status: "ACTIVE" }, "UPLOAD"));
  return { ...loaded, tenantId: store.tenantId, userId: store.userId };
}

const ids = (checks: { id: string }[]) => checks.map((check) => check.id);

describe("readiness", () => {
  it("passes a store with its settings, paperwork and a confirmed privacy guide; the sample catalog and ordering warn", async () => {
    const ready = checkReadiness(await facts("hotel"), "UPLOAD");
    expect(ready.blocking).toEqual([]);
    expect(ids(ready.warnings)).toEqual(["catalog.own", "wechat.appSecret", "payments.setUp"]);
    // Never built: the package size is measured by the first build.
    expect(ready.checks.find((check) => check.id === "package.size")).toMatchObject({ status: "pending", severity: "hard" });
  });

  it("blocks an upload on each missing piece, and warns about the filings for an international entity", async () => {
    const f = await facts("restaurant");
    const broken: ReadinessFacts = {
      ...f,
      storeActive: false,
      wechat: { appid: true, key: false, appSecret: false },
      store: { phone: "", address: " " },
      catalog: { visible: 0, own: 0 },
      personalData: [...f.personalData, { key: "PhoneNumber", purpose: { "zh-CN": "外卖联系", en: "delivery" }, feature: { "zh-CN": "外卖", en: "Delivery" } }],
      compliance: { ...f.compliance, profile: { ...f.compliance.profile, pathway: "internationalEntity", foodLicenseNumber: "" } },
      sizes: { measured: { main: 2_200_000, subpackages: [], total: 2_200_000 }, configVersion: 1 },
    };
    const result = checkReadiness(broken, "UPLOAD");
    expect(ids(result.blocking)).toEqual(["store.active", "wechat.key", "package.size", "store.contact", "catalog.items", "privacy.guide"]);
    expect(ids(result.warnings)).toEqual(["catalog.own", "compliance.filings", "compliance.foodLicense", "wechat.appSecret", "payments.setUp"]);
    expect(result.checks.find((check) => check.id === "package.size")!.params).toMatchObject({ main: 2_200_000, mainLimit: 2 * 1024 * 1024 });
  });

  it("lists ordering as ready once the AppSecret is stored and WeChat Pay is set up", async () => {
    const f = await facts("ecommerce");
    const status = (loaded: ReadinessFacts) => checkReadiness(loaded, "UPLOAD").checks.filter((check) => check.id === "wechat.appSecret" || check.id === "payments.setUp").map((check) => check.status);
    expect(status(f)).toEqual(["failed", "failed"]);
    const load = () => db.scoped({ tenantId: f.tenantId }, (tx) => loadReadinessFacts(tx, { id: f.tenantId, templateId: "ecommerce", status: "ACTIVE" }, "UPLOAD"));
    await db.scoped({ tenantId: f.tenantId }, async (tx) => {
      const { revision } = (await readWechatSettings(tx))!;
      await saveAppSecret(tx, f.tenantId, { userId: f.userId, revision }, randomBytes(16).toString("hex"), masterKey);
    });
    expect(status(await load())).toEqual(["ok", "failed"]);
    await db.scoped({ tenantId: f.tenantId }, (tx) => tx.paymentSettings.create({ data: { tenantId: f.tenantId, mode: "partner", account: { subMchid: "1900000109" } } }));
    expect(status(await load())).toEqual(["ok", "ok"]);
    // A development QR code does not take orders: a preview asks for neither.
    expect(ids(checkReadiness(f, "PREVIEW").checks)).not.toContain("payments.setUp");
  });

  it("states the true cause for a store never published: nothing to upload, its contact details not yet judged", async () => {
    const tenantId = await arrangeStore(db, { name: "未发布小店", templateId: "restaurant", contact: { phone: "028-6000 0000", address: "成都市人民南路 1 号" } });
    const loaded = await db.scoped({ tenantId }, (tx) => loadReadinessFacts(tx, { id: tenantId, templateId: "restaurant", status: "ACTIVE" }, "UPLOAD"));
    const checks = checkReadiness(loaded, "UPLOAD").checks;
    expect(checks.find((check) => check.id === "config.ready")).toMatchObject({ status: "failed", params: { none: 1 } });
    expect(checks.find((check) => check.id === "store.contact")).toMatchObject({ status: "pending" });
  });

  it("counts the template's sample phone or address as missing, and the merchant's own as given", async () => {
    const f = await facts("restaurant");
    const sample = f.template.sample.config.store;
    const contact = (store: ReadinessFacts["store"]) => checkReadiness({ ...f, store }, "UPLOAD").checks.find((check) => check.id === "store.contact");
    expect(contact({ phone: sample.phone!, address: "" })).toMatchObject({ status: "failed", params: { sample: 1 } });
    expect(contact({ phone: "", address: sample.address! })).toMatchObject({ status: "failed", params: { sample: 1 } });
    expect(contact({ phone: "", address: "" })).toMatchObject({ status: "failed", params: {} });
    expect(contact({ phone: "028-6000 0000", address: "" })).toMatchObject({ status: "ok" });
  });

  it("blocks an upload whose shop-api address phones could not reach, naming the domain to list when it is right", async () => {
    const f = await facts("ecommerce");
    for (const url of [null, "http://shop.example.com", "https://localhost:3001", "https://127.0.0.1", "http://localhost:3001"]) {
      const result = checkReadiness({ ...f, shopApi: { url } }, "UPLOAD");
      expect(ids(result.blocking), String(url)).toContain("shopApi.https");
    }
    const ok = checkReadiness({ ...f, shopApi: { url: "https://api.shop.example.com" } }, "UPLOAD");
    expect(ok.checks.find((check) => check.id === "shopApi.https")).toMatchObject({ status: "ok", params: { domain: "api.shop.example.com" } });
    // A development QR code is the merchant's own test: it may still call a local shop-api.
    expect(ids(checkReadiness({ ...f, shopApi: { url: null } }, "PREVIEW").checks)).not.toContain("shopApi.https");
  });

  it("asks a preview only for what a development QR code needs", async () => {
    const f = await facts("ecommerce");
    const preview = checkReadiness({ ...f, catalog: { visible: 0, own: 0 }, compliance: { ...f.compliance, profile: { ...f.compliance.profile, pathway: null }, privacy: null } }, "PREVIEW");
    expect(ids(preview.checks)).toEqual(["store.active", "config.ready", "wechat.appid", "wechat.key", "package.size"]);
    expect(preview.blocking).toEqual([]);
  });

  it("keeps the compliance profile the merchant saved, and refuses a malformed filing number", async () => {
    const f = await facts("hotel");
    await expect(
      db.scoped({ tenantId: f.tenantId }, (tx) => saveComplianceProfile(tx, f.tenantId, { userId: f.userId, revision: f.compliance.revision }, { ...f.compliance.profile, icpFilingNumber: "ICP 12345" })),
    ).rejects.toThrow(/compliance.icpFilingNumber.invalid/);
    expect(complianceFormSchema.safeParse({ ...f.compliance.profile, pathway: "localPartner", categoryConfirmed: "on", licenseHolder: "\u202E司公限有" }).error?.issues).toEqual([
      expect.objectContaining({ path: ["licenseHolder"], message: "compliance.licenseHolder.invalid" }),
    ]);
    expect((await db.scoped({ tenantId: f.tenantId }, (tx) => readCompliance(tx))).profile.icpFilingNumber).toBe("滇ICP备2026012345号-1X");
  });
});

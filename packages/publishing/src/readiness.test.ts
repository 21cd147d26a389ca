// The checklist judged on real stores' facts: what blocks an upload, what only warns, and what a preview needs.
import { randomBytes } from "node:crypto";
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { testUploadKey } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveComplianceProfile, readCompliance } from "./compliance";
import { checkReadiness, type ReadinessFacts } from "./readiness";
import { loadReadinessFacts } from "./readiness-facts";
import { arrangePublishableStore } from "./testing";

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
  it("passes a store with its settings, paperwork and a confirmed privacy guide; only the sample catalog warns", async () => {
    const ready = checkReadiness(await facts("hotel"), "UPLOAD");
    expect(ready.blocking).toEqual([]);
    expect(ids(ready.warnings)).toEqual(["catalog.own"]);
    // Never built: the package size is measured by the first build.
    expect(ready.checks.find((check) => check.id === "package.size")).toMatchObject({ status: "pending", severity: "hard" });
  });

  it("blocks an upload on each missing piece, and warns about the filings for an international entity", async () => {
    const f = await facts("restaurant");
    const broken: ReadinessFacts = {
      ...f,
      storeActive: false,
      wechat: { appid: true, key: false },
      store: { phone: "", address: " " },
      catalog: { visible: 0, own: 0 },
      personalData: [...f.personalData, { key: "PhoneNumber", purpose: { "zh-CN": "外卖联系", en: "delivery" }, feature: { "zh-CN": "外卖", en: "Delivery" } }],
      compliance: { ...f.compliance, profile: { ...f.compliance.profile, pathway: "internationalEntity", foodLicenseNumber: "" } },
      sizes: { measured: { main: 2_200_000, subpackages: [], total: 2_200_000 }, configVersion: 1 },
    };
    const result = checkReadiness(broken, "UPLOAD");
    expect(ids(result.blocking)).toEqual(["store.active", "wechat.key", "package.size", "store.contact", "catalog.items", "privacy.guide"]);
    expect(ids(result.warnings)).toEqual(["catalog.own", "compliance.filings", "compliance.foodLicense"]);
    expect(result.checks.find((check) => check.id === "package.size")!.params).toMatchObject({ main: 2_200_000, mainLimit: 2 * 1024 * 1024 });
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
    const preview = checkReadiness({ ...f, catalog: { visible: 0, own: 0 }, compliance: { profile: { ...f.compliance.profile, pathway: null }, privacy: null } }, "PREVIEW");
    expect(ids(preview.checks)).toEqual(["store.active", "config.ready", "wechat.appid", "wechat.key", "package.size"]);
    expect(preview.blocking).toEqual([]);
  });

  it("keeps the compliance profile the merchant saved, and refuses a malformed filing number", async () => {
    const f = await facts("hotel");
    await expect(
      db.scoped({ tenantId: f.tenantId }, (tx) => saveComplianceProfile(tx, f.tenantId, f.userId, { ...f.compliance.profile, icpFilingNumber: "ICP 12345" })),
    ).rejects.toThrow(/compliance.icpFilingNumber.invalid/);
    expect((await db.scoped({ tenantId: f.tenantId }, (tx) => readCompliance(tx))).profile.icpFilingNumber).toBe("滇ICP备2026012345号-1X");
  });
});

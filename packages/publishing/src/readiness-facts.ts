// The facts the readiness checklist is judged on, read in the store's own scope.
import type { Transaction } from "@kaidian/db";
import { InvalidConfigError, validatedConfig } from "@kaidian/storefront";
import { personalDataUses, templates, type StoreConfig, type TemplateId } from "@kaidian/templates";
import { readCompliance } from "./compliance";
import { checkReadiness, type BuildPurpose, type MeasuredSizes, type Readiness, type ReadinessFacts } from "./readiness";
import { shopApiPublicUrl } from "./shop-api-url";
import { readWechatSettings } from "./wechat-settings";

export type StoreRef = { id: string; templateId: TemplateId; status: "ACTIVE" | "SUSPENDED" };

/** The config version a build of `purpose` uses: the latest published one for an upload, the latest for a preview. */
const versionFields = { id: true, tenantId: true, number: true, templateId: true, config: true, status: true } as const;

export function buildableVersion(tx: Transaction, purpose: BuildPurpose) {
  return tx.configVersion.findFirst({
    where: purpose === "UPLOAD" ? { status: "PUBLISHED" } : {},
    orderBy: { number: "desc" },
    select: versionFields,
  });
}

/**
 * The facts for a build of `purpose`: of the version a build would use now, or of `versionId`, the version a queued
 * build was asked for (a rollback's is an earlier one).
 */
export async function loadReadinessFacts(tx: Transaction, store: StoreRef, purpose: BuildPurpose, versionId?: string): Promise<ReadinessFacts> {
  const template = templates[store.templateId];
  const [version, wechat, visible, own, lastMeasured, compliance, payments] = await Promise.all([
    versionId ? tx.configVersion.findFirst({ where: { id: versionId }, select: versionFields }) : buildableVersion(tx, purpose),
    readWechatSettings(tx),
    tx.catalogItem.count({ where: { visible: true } }),
    tx.catalogItem.count({ where: { visible: true, sample: false } }),
    tx.build.findFirst({
      where: { sizes: { not: { equals: null } } },
      orderBy: { number: "desc" },
      select: { sizes: true, configVersion: { select: { number: true } } },
    }),
    readCompliance(tx),
    // Saved, and not failed by its last connection test (what shoppers' checkout also asks, less the platform's
    // service-provider account, which is the operator's and the same for every store).
    tx.paymentSettings.count({ where: { checkProblem: null } }),
  ]);
  let config: StoreConfig | null = null;
  let problems: ReadinessFacts["config"] = null;
  if (version) {
    try {
      config = validatedConfig(version);
      problems = { number: version.number, published: version.status === "PUBLISHED", problems: [] };
    } catch (error) {
      if (!(error instanceof InvalidConfigError)) throw error;
      problems = { number: version.number, published: version.status === "PUBLISHED", problems: error.problems };
    }
  }
  return {
    template,
    storeActive: store.status === "ACTIVE",
    config: problems,
    // An invalid version still has the merchant's details: they are judged too, not reported as missing.
    store: config ? { phone: config.store.phone, address: config.store.address } : version ? storeDetails(version.config) : null,
    wechat: { appid: wechat !== null, key: Boolean(wechat?.key), appSecret: Boolean(wechat?.appSecret) },
    payments: payments > 0,
    catalog: { visible, own },
    sizes: lastMeasured?.sizes ? { measured: lastMeasured.sizes as MeasuredSizes, configVersion: lastMeasured.configVersion.number } : null,
    compliance,
    personalData: config ? personalDataUses(template, config) : [],
    shopApi: { url: shopApiPublicUrl() },
  };
}

/** The phone and address of a version its template refuses, read as far as they can be. */
function storeDetails(config: unknown): { phone: string; address: string } {
  const store = (config as { store?: { phone?: unknown; address?: unknown } } | null)?.store;
  return { phone: typeof store?.phone === "string" ? store.phone : "", address: typeof store?.address === "string" ? store.address : "" };
}

export async function storeReadiness(tx: Transaction, store: StoreRef, purpose: BuildPurpose, versionId?: string): Promise<Readiness> {
  return checkReadiness(await loadReadinessFacts(tx, store, purpose, versionId), purpose);
}

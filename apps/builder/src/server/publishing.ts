import "server-only";
// Read models of the publishing pages, each in the store's own scope (or the agency's, for bulk publishing).
import {
  listBatches,
  listBuilds,
  readBatch,
  readBuild,
  readCompliance,
  readWechatSettings,
  storeReadiness,
  type BuildView,
  type Publisher,
} from "@kaidian/publishing";
import { InvalidConfigError, validatedConfig } from "@kaidian/storefront";
import { inStore, listStores, type StoreAccess } from "@kaidian/tenancy";
import { personalDataSignature, personalDataUses, templates } from "@kaidian/templates";
import { database } from "./db";

export function publishPage(access: StoreAccess) {
  return inStore(database(), access, async (tx) => {
    const [readiness, builds] = await Promise.all([storeReadiness(tx, access.store, "UPLOAD"), listBuilds(tx)]);
    return { readiness, builds, suggestedVersion: nextVersion(builds) };
  });
}

/** The last uploaded version with its last number bumped (1.0.3 → 1.0.4); 1.0.0 for a first upload. */
function nextVersion(builds: BuildView[]): string {
  const last = builds.find((build) => build.purpose === "UPLOAD" && build.version)?.version;
  if (!last) return "1.0.0";
  const match = /^(.*?)(\d+)$/.exec(last);
  return match ? `${match[1]}${Number(match[2]) + 1}` : last;
}

export function buildPage(access: StoreAccess, number: number, afterLogId?: bigint) {
  return inStore(database(), access, (tx) => readBuild(tx, number, afterLogId));
}

export function buildList(access: StoreAccess) {
  return inStore(database(), access, (tx) => listBuilds(tx));
}

/** The WeChat settings page: settings (never the key), compliance, and the privacy guide the package needs. */
export function wechatPage(access: StoreAccess) {
  return inStore(database(), access, async (tx) => {
    const template = templates[access.store.templateId];
    const [settings, compliance, version] = await Promise.all([
      readWechatSettings(tx),
      readCompliance(tx),
      // The guide must match what will be uploaded: the published design, or the latest while nothing is published.
      tx.configVersion.findFirst({ orderBy: [{ status: "desc" }, { number: "desc" }], select: { tenantId: true, number: true, templateId: true, config: true } }),
    ]);
    let uses = null;
    if (version) {
      try {
        uses = personalDataUses(template, validatedConfig(version));
      } catch (error) {
        if (!(error instanceof InvalidConfigError)) throw error;
      }
    }
    const signature = uses ? personalDataSignature(uses) : null;
    return {
      settings,
      compliance,
      privacy: uses && { uses, signature: signature!, confirmed: compliance.privacy?.signature === signature ? compliance.privacy : null, changed: compliance.privacy !== null && compliance.privacy.signature !== signature },
      category: template.wechatCategory,
      templateId: template.id,
    };
  });
}

const STORES_AT_ONCE = 4;

export type LastUpload = { status: BuildView["status"]; version: string | null; number: number } | null;

/** The agency's stores with what bulk publishing needs to choose among them: readiness and the last upload. */
export async function bulkPublishPage(publisher: Publisher) {
  const stores = await listStores(database(), publisher.userId, { agencyId: publisher.membership.agency.id });
  const row = (access: (typeof stores)[number]) =>
    inStore(database(), access, async (tx) => {
      const [readiness, last] = await Promise.all([
        storeReadiness(tx, access.store, "UPLOAD"),
        tx.build.findFirst({ where: { purpose: "UPLOAD" }, orderBy: { number: "desc" }, select: { status: true, version: true, number: true } }),
      ]);
      return { store: access.store, blocking: readiness.blocking.map((check) => check.id), lastUpload: last as LastUpload };
    });
  // One store transaction per store, a few at a time: an agency of hundreds must not take the whole pool.
  const rows = [];
  for (let at = 0; at < stores.length; at += STORES_AT_ONCE) rows.push(...(await Promise.all(stores.slice(at, at + STORES_AT_ONCE).map(row))));
  const batches = await listBatches(database(), publisher);
  return { rows, batches };
}

export function batchPage(publisher: Publisher, batchId: string) {
  return readBatch(database(), publisher, batchId);
}

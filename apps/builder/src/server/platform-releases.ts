import "server-only";
// Releases through the third-party platform as the dashboard shows them: a store's release card (its authorisation,
// the library's templates, the categories WeChat allows its Mini Program, its releases) and the agency's fleet
// form (its stores, which of them are authorised). Reads of WeChat that fail become a message on the card, since
// the rest of the page does not depend on them.
import { latestPlatformReleases, listFleetReleases, readFleetRelease, type Publisher } from "@kaidian/publishing";
import { inStore, listStores, type StoreAccess } from "@kaidian/tenancy";
import { listPlatformTemplates, type AuditCategory, type PlatformTemplate } from "@kaidian/wechat/open-platform";
import { WechatApiError, wechatErrorMessage, type Locale, type WechatErrorKind } from "@kaidian/wechat/server-api";
import { database } from "./db";
import { wechatPlatform } from "./wechat-platform";

async function fromWechat<T>(read: () => Promise<T>, empty: T): Promise<{ value: T; problem: WechatErrorKind | null }> {
  try {
    return { value: await read(), problem: null };
  } catch (error) {
    if (error instanceof WechatApiError) return { value: empty, problem: error.kind };
    throw error;
  }
}

/** The store's release card, or null when this deployment is not a platform. */
export async function releaseCard(access: StoreAccess) {
  const platform = wechatPlatform();
  if (!platform) return null;
  const tenantId = access.store.id;
  const [authorization, releases, published] = await Promise.all([
    platform.authorizations.status(tenantId),
    latestPlatformReleases(database(), tenantId, 10),
    inStore(database(), access, (tx) => tx.configVersion.findFirst({ where: { status: "PUBLISHED" }, orderBy: { number: "desc" }, select: { number: true } })),
  ]);
  const authorized = authorization !== null && authorization.revokedAt === null;
  const templates = authorized ? await fromWechat<PlatformTemplate[]>(() => listPlatformTemplates(platform.tokens), []) : { value: [], problem: null };
  const categories = authorized ? await fromWechat<Required<AuditCategory>[]>(() => platform.code.categories(tenantId), []) : { value: [], problem: null };
  return {
    authorized,
    publishedVersion: published?.number ?? null,
    templates: templates.value,
    categories: categories.value,
    problem: templates.problem ?? categories.problem,
    releases,
  };
}

const STORES_AT_ONCE = 4;

/** The agency's fleet form: the library's templates, and its stores with whether each is authorised. */
export async function fleetForm(publisher: Publisher) {
  const platform = wechatPlatform();
  if (!platform) return null;
  const stores = await listStores(database(), publisher.userId, { agencyId: publisher.membership.agency.id });
  const row = async (access: (typeof stores)[number]) => {
    const authorization = await platform.authorizations.status(access.store.id);
    return { id: access.store.id, name: access.store.name, appid: authorization?.authorizerAppid ?? null, authorized: authorization !== null && authorization.revokedAt === null };
  };
  // A few stores at a time: an agency of hundreds must not take the whole pool.
  const rows = [];
  for (let at = 0; at < stores.length; at += STORES_AT_ONCE) rows.push(...(await Promise.all(stores.slice(at, at + STORES_AT_ONCE).map(row))));
  const templates = await fromWechat<PlatformTemplate[]>(() => listPlatformTemplates(platform.tokens), []);
  const fleets = await listFleetReleases(database(), publisher);
  return { stores: rows, templates: templates.value, problem: templates.problem, fleets };
}

/** A fleet release as its live table shows it, WeChat's refusals in the reader's language. */
export async function fleetPage(publisher: Publisher, fleetId: string, locale: Locale) {
  const fleet = await readFleetRelease(database(), publisher, fleetId);
  return {
    id: fleet.id,
    userVersion: fleet.userVersion,
    status: fleet.status,
    haltedReason: fleet.haltedReason as "firstStageFailed" | "auditQuotaSpent" | null,
    counts: fleet.counts,
    rows: fleet.rows.map((row) => ({ ...row, errorMessage: row.errorKind ? wechatErrorMessage(row.errorKind as WechatErrorKind, locale) : null })),
  };
}

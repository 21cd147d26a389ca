import "server-only";
import { paymentsReady } from "@kaidian/payments/server";
import { CatalogError, countItems, type ItemListQuery, listCategories, listItemsPage, readItem } from "@kaidian/catalog/server";
import { listVersions } from "@kaidian/design";
import { inStore, type StoreAccess } from "@kaidian/tenancy";
import { sampleContact, storeInfoSchema, templates, type TemplateId } from "@kaidian/templates";
import { database } from "./db";
import { paymentDeps } from "./payments";

// Read models for the store pages. Every read runs in the store's own row-level-security scope.

/** The store's own phone or address is in its latest version: not empty, and not the template sample's. */
function hasOwnContact(config: unknown, templateId: TemplateId): boolean {
  const store = storeInfoSchema.safeParse((config as { store?: unknown } | null)?.store);
  if (!store.success) return false;
  const { phone, address } = store.data;
  return Boolean(phone.trim() || address.trim()) && !sampleContact(store.data, templates[templateId].sample.config.store);
}

export function storeProgress(access: StoreAccess) {
  return inStore(database(), access, async (tx) => {
    const [latest, designed, catalogItems, wechat, builds, members, payments] = await Promise.all([
      tx.configVersion.findFirst({ orderBy: { number: "desc" }, select: { config: true } }),
      // Version 1 is the template's sample: the design step is done once the merchant saves or publishes.
      tx.configVersion.count({ where: { OR: [{ number: { gt: 1 } }, { status: "PUBLISHED" }] } }),
      // The template's sample items do not count: the step is done once the merchant has an item of their own.
      tx.catalogItem.count({ where: { sample: false } }),
      // Both halves of the step: the Mini Program's appid and the key to upload to it.
      tx.wechatCredential.count({ where: { keyFingerprint: { not: null } } }),
      tx.build.count({ where: { status: "SUCCEEDED", purpose: "UPLOAD" } }),
      tx.tenantMember.count({ where: { tenantId: access.store.id } }),
      // The step is done when shoppers can really pay: what the checkout itself asks.
      paymentsReady(tx, paymentDeps().provider),
    ]);
    return {
      storeInfo: hasOwnContact(latest?.config, access.store.templateId),
      design: designed > 0,
      catalog: catalogItems > 0,
      wechat: wechat > 0,
      publish: builds > 0,
      payments,
      members,
    };
  });
}

export function versionHistory(access: StoreAccess) {
  return inStore(database(), access, (tx) => listVersions(tx, access.store.id));
}

/** The catalog page: every category, one page of items as searched and filtered, and the store's item count. */
export function catalogListing(access: StoreAccess, query: ItemListQuery) {
  return inStore(database(), access, async (tx) => ({
    categories: await listCategories(tx, access.store.id),
    listing: await listItemsPage(tx, access.store.id, query),
    count: await countItems(tx, access.store.id),
  }));
}

/** One item and the store's categories for the item form; null when the store has no such item. */
export function catalogItem(access: StoreAccess, id: string) {
  return inStore(database(), access, async (tx) => {
    const categories = await listCategories(tx, access.store.id);
    try {
      return { item: await readItem(tx, access.store.id, id), categories };
    } catch (error) {
      if (error instanceof CatalogError && error.code === "item.notFound") return null;
      throw error;
    }
  });
}

export function catalogCategories(access: StoreAccess) {
  return inStore(database(), access, (tx) => listCategories(tx, access.store.id));
}

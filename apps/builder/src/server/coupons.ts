import "server-only";
// What the coupons page reads: the store's coupons with their counts, and the categories and items a coupon can be for.
import { listCategories } from "@kaidian/catalog/server";
import { listCoupons } from "@kaidian/coupons/server";
import { inStore, type StoreAccess } from "@kaidian/tenancy";
import { database } from "./db";

export function couponsPage(access: StoreAccess) {
  return inStore(database(), access, async (tx) => {
    const [coupons, categories, items] = await Promise.all([
      listCoupons(tx),
      listCategories(tx, access.store.id),
      tx.catalogItem.findMany({ where: { tenantId: access.store.id }, select: { id: true, title: true }, orderBy: [{ title: "asc" }, { id: "asc" }], take: 500 }),
    ]);
    return { coupons, categories: categories.map(({ id, name }) => ({ id, name })), items };
  });
}

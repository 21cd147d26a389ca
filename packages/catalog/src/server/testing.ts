// Stores for the catalog's tests: a tenant of the given template with two categories and two items, in its own scope.
import { randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import type { ItemEditInput, ItemKind } from "../items";
import { createCategory } from "./categories";
import { createItem } from "./items";

const templateOf = { product: "ecommerce", room: "hotel", dish: "restaurant" } as const satisfies Record<ItemKind, string>;

export const sampleDetails = {
  product: { specs: [{ name: "规格", options: ["250g", "500g"] }], skus: [{ options: ["250g"], priceFen: 6800, stock: 5 }, { options: ["500g"], priceFen: 12800, stock: 0 }] },
  room: { capacity: 2, bedType: "大床", rooms: 3, cancellation: { kind: "nonRefundable" } },
  dish: { optionGroups: [{ name: "辣度", required: true, options: [{ name: "微辣" }, { name: "特辣", extraFen: 100 }] }] },
} as const;

export function itemInput(kind: ItemKind, fields: Partial<ItemEditInput> = {}): ItemEditInput {
  return { kind, categoryId: null, title: "招牌", priceFen: 1800, details: sampleDetails[kind], ...fields } as ItemEditInput;
}

/** `userId`: the store's owner, who edits in the tests. */
export type ArrangedStore = { tenantId: string; userId: string; categories: string[]; items: string[] };

/** A person of the dashboard, to save as (and be named in a conflict). */
export async function arrangeEditor(db: Database, name: string): Promise<string> {
  const email = `${randomUUID().slice(0, 8)}@example.test`;
  return (await db.scoped({}, (tx) => tx.user.create({ data: { email, name, passwordHash: "not-used" }, select: { id: true } }))).id;
}

export async function arrangeCatalogStore(db: Database, kind: ItemKind): Promise<ArrangedStore> {
  const tenantId = randomUUID();
  const userId = await arrangeEditor(db, "店长");
  return db.scoped({ tenantId }, async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: "测试店", slug: `test-${tenantId}`, templateId: templateOf[kind] } });
    const first = await createCategory(tx, tenantId, { name: "招牌" });
    const second = await createCategory(tx, tenantId, { name: "小吃" });
    const a = await createItem(tx, tenantId, kind, itemInput(kind, { categoryId: first.id, title: "第一" }));
    const b = await createItem(tx, tenantId, kind, itemInput(kind, { categoryId: first.id, title: "第二", description: "两行\n描述, 带\"引号\"" }));
    return { tenantId, userId, categories: [first.id, second.id], items: [a.id, b.id] };
  });
}

// A store's categories as its merchants edit them. Every query names the tenant as well as running in its
// row-level-security scope, so a wrong scope finds nothing rather than another store's rows.
import { type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { categorySchema } from "../items";
import { problemsOf } from "../problems";
import { CatalogError, CatalogInputError } from "./errors";
import { isUuid } from "./kinds";
import { type Direction, moved, positionOrder, renumber } from "./order";

/** A category as its list shows it; `revision` is what a rename names. */
export type EditedCategory = { id: string; name: string; itemCount: number; revision: number };

/** A category name as typed: surrounding spaces dropped, then the category's own rule. */
export function readCategoryName(input: unknown): string {
  const parsed = categorySchema.shape.name.safeParse(typeof input === "string" ? input.trim() : input);
  if (!parsed.success) throw new CatalogInputError(problemsOf(parsed.error).map((p) => ({ ...p, path: ["name"] })));
  return parsed.data;
}

export async function listCategories(tx: Transaction, tenantId: string): Promise<EditedCategory[]> {
  const rows = await tx.catalogCategory.findMany({
    where: { tenantId },
    select: { id: true, name: true, revision: true, _count: { select: { items: true } } },
    orderBy: positionOrder,
  });
  return rows.map(({ _count, ...row }) => ({ ...row, itemCount: _count.items }));
}

async function refuseTakenName(tx: Transaction, tenantId: string, name: string, except?: string) {
  const taken = await tx.catalogCategory.findFirst({ where: { tenantId, name, id: except ? { not: except } : undefined }, select: { id: true } });
  if (taken) throw new CatalogError("category.taken", "name");
}

async function requireCategory(tx: Transaction, tenantId: string, id: string) {
  const row = isUuid(id) ? await tx.catalogCategory.findFirst({ where: { tenantId, id }, select: { id: true } }) : null;
  if (!row) throw new CatalogError("category.notFound");
  return row;
}

/** A new category, last in the store's order. Names are unique in a store: the spreadsheet import finds categories by name. */
export async function createCategory(tx: Transaction, tenantId: string, input: { name: unknown }): Promise<{ id: string }> {
  const name = readCategoryName(input.name);
  await refuseTakenName(tx, tenantId, name);
  const last = await tx.catalogCategory.aggregate({ where: { tenantId }, _max: { position: true } });
  return tx.catalogCategory.create({ data: { tenantId, name, position: (last._max.position ?? -1) + 1 }, select: { id: true } });
}

/** Renames the category, if nobody changed it since the form was opened at `from.revision` (one conditional UPDATE). */
export async function renameCategory(tx: Transaction, tenantId: string, id: string, input: { name: unknown }, from: SaveFrom): Promise<void> {
  const name = readCategoryName(input.name);
  await requireCategory(tx, tenantId, id);
  await refuseTakenName(tx, tenantId, name, id);
  const saved = await tx.catalogCategory.updateMany({
    where: { tenantId, id, revision: from.revision },
    data: { name, revision: { increment: 1 }, updatedById: from.userId },
  });
  if (saved.count === 0) {
    const row = await tx.catalogCategory.findFirst({ where: { tenantId, id }, select: { revision: true, updatedAt: true, updatedById: true } });
    throw await staleRevision(tx, "category", row);
  }
}

/** Deletes an empty category; one that still holds items is refused, saying how many, so nothing is lost by surprise. */
export async function deleteCategory(tx: Transaction, tenantId: string, id: string): Promise<void> {
  await requireCategory(tx, tenantId, id);
  const count = await tx.catalogItem.count({ where: { tenantId, categoryId: id } });
  if (count > 0) throw new CatalogError("category.notEmpty", undefined, { count });
  await tx.catalogCategory.delete({ where: { tenantId_id: { tenantId, id } } });
}

/** Moves a category one place up or down in the store's order; at either end it stays. */
export async function moveCategory(tx: Transaction, tenantId: string, id: string, direction: Direction): Promise<void> {
  await requireCategory(tx, tenantId, id);
  const rows = await tx.catalogCategory.findMany({ where: { tenantId }, select: { id: true, position: true }, orderBy: positionOrder });
  const order = moved(rows.map((row) => row.id), id, direction, () => true);
  if (!order) return;
  await renumber(rows, order, (row, position) =>
    tx.catalogCategory.update({ where: { tenantId_id: { tenantId, id: row } }, data: { position } }),
  );
}

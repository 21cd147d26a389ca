"use server";
// The catalog editor's actions: parse the input, check the role, call the catalog domain in the store's scope,
// and turn its refusals into the dashboard's words.
import { isCsvKind } from "@kaidian/catalog";
import {
  CatalogError, CatalogInputError, createCategory, createItem, CsvImportError, type CsvImportResult, decodeCsv, deleteCategory,
  deleteItem, importCatalogCsv, loadedStockSchema, moveCategory, moveItem, renameCategory, setDishSoldOut, setItemVisible, updateItem,
} from "@kaidian/catalog/server";
import { StaleRevisionError, type Transaction } from "@kaidian/db";
import { can, inStore, type StoreAccess, storeRefSchema } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { fieldErrorsOf, problemMessage } from "@/components/catalog/problem-message";
import { errorMessage, format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "../db";
import { requireStore } from "../session";
import { revisionField, staleEditMessage } from "../stale-edit";

/** `stale`: someone saved first; the form offers a reload and keeps what was typed until then. */
export type CatalogActionResult = { ok: true; id?: string } | { ok: false; message?: string; fieldErrors?: Record<string, string>; stale?: boolean };

const idSchema = z.string().min(1).max(64);

const kindOf = (access: StoreAccess) => templates[access.store.templateId].itemKind;

/** The one shape of these actions; `work` gets the store's item kind and its scoped transaction. */
async function catalogAction<S extends z.ZodType<{ store: string }>>(
  schema: S,
  input: unknown,
  work: (tx: Transaction, access: StoreAccess, input: z.infer<S>) => Promise<string | void>,
): Promise<CatalogActionResult> {
  const { t, locale } = await currentDictionary();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, message: errorMessage(t, "form.invalid") };
  const access = await requireStore(parsed.data.store);
  if (!can(access.roles, "catalog")) return { ok: false, message: errorMessage(t, "permission.denied") };
  const kind = kindOf(access);
  try {
    const id = await inStore(database(), access, (tx) => work(tx, access, parsed.data));
    revalidatePath(`/stores/${access.store.slug}`, "layout");
    return id ? { ok: true, id } : { ok: true };
  } catch (error) {
    if (error instanceof CatalogInputError) {
      return { ok: false, message: errorMessage(t, "form.invalid"), fieldErrors: fieldErrorsOf(t, kind, error.problems) };
    }
    if (error instanceof CatalogError) {
      const message = format(t.catalog.errors[error.code], error.params);
      return error.field ? { ok: false, message, fieldErrors: { [error.field]: message } } : { ok: false, message };
    }
    if (error instanceof StaleRevisionError) return { ok: false, message: staleEditMessage(t, locale, error), stale: true };
    throw error;
  }
}

/** A new item (no `id`), or the item `id` as its form opened it at `revision`, with the SKU stock it showed. */
const saveItemSchema = z.object({
  store: storeRefSchema,
  id: idSchema.optional(),
  revision: revisionField.optional(),
  loadedStock: loadedStockSchema.optional(),
  item: z.unknown(),
});

/** Creates the item, or replaces the item `id`, from the item form; the catalog checks every field. */
export async function saveItemAction(input: z.input<typeof saveItemSchema>): Promise<CatalogActionResult> {
  return catalogAction(saveItemSchema, input, async (tx, access, { id, revision, loadedStock, item }) => {
    if (id === undefined) return (await createItem(tx, access.store.id, kindOf(access), item)).id;
    if (revision === undefined) throw new CatalogInputError([{ path: ["revision"], code: "required" }]);
    await updateItem(tx, access.store.id, kindOf(access), id, item, { userId: access.userId, revision }, loadedStock);
    return id;
  });
}

// The list's buttons are small forms, so they work from the keyboard and before the page's script loads.
const rowSchema = z.object({ store: storeRefSchema, id: idSchema });
const fields = (formData: FormData) => Object.fromEntries(formData);

export async function deleteItemAction(_: CatalogActionResult | null, formData: FormData): Promise<CatalogActionResult> {
  return catalogAction(rowSchema, fields(formData), (tx, access, { id }) => deleteItem(tx, access.store.id, id));
}

const flagSchema = rowSchema.extend({ value: z.enum(["true", "false"]).transform((value) => value === "true") });

export async function setItemVisibleAction(_: CatalogActionResult | null, formData: FormData): Promise<CatalogActionResult> {
  return catalogAction(flagSchema, fields(formData), (tx, access, { id, value }) => setItemVisible(tx, access.store.id, id, value, access.userId));
}

export async function setDishSoldOutAction(_: CatalogActionResult | null, formData: FormData): Promise<CatalogActionResult> {
  return catalogAction(flagSchema, fields(formData), (tx, access, { id, value }) => setDishSoldOut(tx, access.store.id, id, value, access.userId));
}

const moveSchema = rowSchema.extend({ direction: z.enum(["up", "down"]) });

export async function moveItemAction(_: CatalogActionResult | null, formData: FormData): Promise<CatalogActionResult> {
  return catalogAction(moveSchema, fields(formData), (tx, access, { id, direction }) => moveItem(tx, access.store.id, id, direction));
}

export async function moveCategoryAction(_: CatalogActionResult | null, formData: FormData): Promise<CatalogActionResult> {
  return catalogAction(moveSchema, fields(formData), (tx, access, { id, direction }) => moveCategory(tx, access.store.id, id, direction));
}

export async function deleteCategoryAction(_: CatalogActionResult | null, formData: FormData): Promise<CatalogActionResult> {
  return catalogAction(rowSchema, fields(formData), (tx, access, { id }) => deleteCategory(tx, access.store.id, id));
}

const categorySchema = z.object({ store: storeRefSchema, id: idSchema.optional(), revision: revisionField.optional(), name: z.string() });

/** Adds a category, or renames the category `id` as its form opened it at `revision`. */
export async function saveCategoryAction(_: CatalogActionResult | null, formData: FormData): Promise<CatalogActionResult> {
  return catalogAction(categorySchema, fields(formData), async (tx, access, { id, revision, name }) => {
    if (id === undefined || id === "") return (await createCategory(tx, access.store.id, { name })).id;
    if (revision === undefined) throw new CatalogInputError([{ path: ["revision"], code: "required" }]);
    await renameCategory(tx, access.store.id, id, { name }, { userId: access.userId, revision });
  });
}

/** Uploads are read whole; a full catalog (MAX_STORE_ITEMS rows) with short descriptions is about 2 MB. */
const MAX_CSV_MB = 8;

export type ImportState =
  | { ok: true; result: CsvImportResult }
  | { ok: false; message: string; problems?: string[] };

const importSchema = z.object({ store: storeRefSchema, file: z.instanceof(File) });

/** Imports the uploaded CSV: all rows or, when any is wrong, none, with every problem by line and column. */
export async function importCatalogAction(_: ImportState | null, formData: FormData): Promise<ImportState> {
  const { t } = await currentDictionary();
  const parsed = importSchema.safeParse(fields(formData));
  if (!parsed.success || parsed.data.file.size === 0) return { ok: false, message: t.catalog.csv.noFile };
  const { store, file } = parsed.data;
  if (file.size > MAX_CSV_MB * 1024 * 1024) return { ok: false, message: format(t.catalog.csv.tooLarge, { max: MAX_CSV_MB }) };
  const access = await requireStore(store);
  if (!can(access.roles, "catalog")) return { ok: false, message: errorMessage(t, "permission.denied") };
  const kind = kindOf(access);
  if (!isCsvKind(kind)) return { ok: false, message: errorMessage(t, "form.invalid") };
  const text = decodeCsv(new Uint8Array(await file.arrayBuffer()));
  try {
    const result = await inStore(database(), access, (tx) => importCatalogCsv(tx, access.store.id, kind, text, access.userId));
    revalidatePath(`/stores/${access.store.slug}`, "layout");
    return { ok: true, result };
  } catch (error) {
    if (!(error instanceof CsvImportError)) throw error;
    const problems = error.problems.map((problem) => {
      const message = problemMessage(t, kind, problem);
      return problem.column
        ? format(t.catalog.csv.problem, { line: problem.line, column: problem.column, message })
        : format(t.catalog.csv.problemNoColumn, { line: problem.line, message });
    });
    return { ok: false, message: format(t.catalog.csv.refused, { count: problems.length }), problems };
  }
}

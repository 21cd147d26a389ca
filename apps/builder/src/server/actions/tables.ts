"use server";
import { DomainError } from "@kaidian/accounts";
import { createTable, deleteTable, qrVerificationFileSchema, saveQrVerificationFile, TableError, tableInputSchema, updateTable } from "@kaidian/catalog/server";
import { assertCan, inStore, storeRefSchema, type StoreAccess } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";
import { revisionField } from "../stale-edit";

async function editTables<T>(store: string, work: (access: StoreAccess) => Promise<T>): Promise<T> {
  const access = await requireStore(store);
  assertCan(access.roles, "catalog");
  try {
    const result = await work(access);
    revalidatePath(`/stores/${access.store.slug}/tables`);
    return result;
  } catch (error) {
    if (error instanceof TableError) throw new DomainError(error.code, error.field, error.params);
    throw error;
  }
}

export const addTableAction = formAction(tableInputSchema.extend({ store: storeRefSchema }), ({ store, ...table }) =>
  editTables(store, (access) => inStore(database(), access, (tx) => createTable(tx, access.store.id, table))),
);

export const updateTableAction = formAction(
  tableInputSchema.extend({ store: storeRefSchema, tableId: z.string().max(64), revision: revisionField }),
  ({ store, tableId, revision, ...table }) =>
    editTables(store, (access) => inStore(database(), access, (tx) => updateTable(tx, access.store.id, tableId, table, { userId: access.userId, revision }))),
);

export const deleteTableAction = formAction(z.object({ store: storeRefSchema, tableId: z.string().max(64) }), ({ store, tableId }) =>
  editTables(store, (access) => inStore(database(), access, (tx) => deleteTable(tx, tableId))),
);

/** WeChat's check file for the table-code rule, uploaded by whoever manages the store's WeChat settings. */
export const uploadQrVerificationAction = formAction(
  z.object({ store: storeRefSchema, file: z.file({ error: "qrVerification.name.invalid" }) }),
  async ({ store, file }) => {
    const access = await requireStore(store);
    assertCan(access.roles, "settings");
    // WeChat's file is a line of text; anything much larger is not it, and is not read.
    if (file.size > 4096) throw new DomainError("qrVerification.content.tooLong", "file");
    const parsed = qrVerificationFileSchema.safeParse({ name: file.name, content: await file.text() });
    if (!parsed.success) throw new DomainError(parsed.error.issues[0]!.message, "file");
    const saved = await inStore(database(), access, (tx) => saveQrVerificationFile(tx, access.store.id, parsed.data));
    revalidatePath(`/stores/${access.store.slug}/tables/print`);
    return { name: saved.name };
  },
);

import { randomUUID } from "node:crypto";
import { type AccountUser, createSession, createUser, prepareAccount } from "@kaidian/accounts";
import { type Database, Prisma, type Transaction } from "@kaidian/db";
import { addSampleContent } from "@kaidian/storefront";
import type { TemplateId } from "@kaidian/templates";
import { type Store, storeFields, toStore } from "./access";
import type { MerchantSignUp } from "./schemas";
import { newSlug } from "./slugs";

const SLUG_ATTEMPTS = 3;

type StoreDraft = { id: string; name: string; templateId: TemplateId; agencyId?: string | null; contact?: { phone?: string; address?: string } };

function isSlugClash(error: unknown) {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    JSON.stringify(error.meta ?? {}).includes("slug")
  );
}

/** Inserts the store row. Must run in a transaction scoped to `draft.id` (row-level security checks it). */
async function insertStore(tx: Transaction, draft: StoreDraft): Promise<Store> {
  return toStore(
    await tx.tenant.create({
      data: { id: draft.id, name: draft.name, templateId: draft.templateId, agencyId: draft.agencyId ?? null, slug: newSlug(draft.name) },
      select: storeFields,
    }),
  );
}

/**
 * Runs `work` in a new store's scope, creating the store first with its template's sample config and catalog, so
 * no store opens empty. A slug clash rolls the whole transaction back and tries again with a fresh slug, so nothing
 * is ever half-written.
 */
export async function withNewStore<T>(
  db: Database,
  store: Omit<StoreDraft, "id">,
  userId: string | null,
  work: (tx: Transaction, created: Store) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const id = randomUUID();
    try {
      return await db.scoped({ userId, tenantId: id }, async (tx) => {
        const created = await insertStore(tx, { ...store, id });
        await addSampleContent(tx, { tenantId: id, templateId: store.templateId, storeName: store.name, contact: store.contact, createdById: userId });
        return work(tx, created);
      });
    } catch (error) {
      if (!isSlugClash(error) || attempt >= SLUG_ATTEMPTS) throw error;
    }
  }
}

/** A signed-in user opening another store of their own. */
export function createOwnStore(db: Database, userId: string, input: { storeName: string; templateId: TemplateId }) {
  return withNewStore(db, { name: input.storeName, templateId: input.templateId }, userId, async (tx, store) => {
    await tx.tenantMember.create({ data: { tenantId: store.id, userId, role: "OWNER" } });
    return store;
  });
}

export type MerchantSignedUp = { user: AccountUser; store: Store; token: string; expiresAt: Date };

/** A new merchant: their account, their first store (with them as owner) and a session, all or nothing. */
export async function signUpMerchant(db: Database, input: MerchantSignUp): Promise<MerchantSignedUp> {
  const account = await prepareAccount(input);
  const contact = { phone: input.phone, address: input.address };
  return withNewStore(db, { name: input.storeName, templateId: input.templateId, contact }, null, async (tx, store) => {
    const user = await createUser(tx, account);
    await tx.tenantMember.create({ data: { tenantId: store.id, userId: user.id, role: "OWNER" } });
    return { user, store, ...(await createSession(tx, user.id)) };
  });
}

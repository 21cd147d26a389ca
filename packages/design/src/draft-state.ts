import type { Transaction } from "@kaidian/db";

export type Person = { id: string; name: string; email: string };

/** Where the working draft stands: what a conflict message and the editor's header show. */
export type DraftState = { number: number; revision: number; updatedAt: Date; updatedBy: Person | null };

export async function people(tx: Transaction, ids: (string | null)[]): Promise<Map<string, Person>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const users = await tx.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((user) => [user.id, user]));
}

export async function draftState(tx: Transaction, tenantId: string): Promise<DraftState | null> {
  const draft = await tx.configVersion.findFirst({
    where: { tenantId, status: "DRAFT" },
    select: { number: true, revision: true, updatedAt: true, updatedById: true },
  });
  if (!draft) return null;
  const byId = await people(tx, [draft.updatedById]);
  return { number: draft.number, revision: draft.revision, updatedAt: draft.updatedAt, updatedBy: byId.get(draft.updatedById ?? "") ?? null };
}

// Which stores a user may act on. Every store page starts here: a store the user has no role in is "not found",
// exactly like a store that does not exist. Row-level security repeats the check in the database.
import { NotFoundError } from "@kaidian/accounts";
import type { Database, TenantStatus, Transaction } from "@kaidian/db";
import { type TemplateId, templateIdSchema } from "@kaidian/templates";
import { isUuid } from "./ids";
import { primaryRole, type StoreRole } from "./permissions";

export type Store = {
  id: string;
  name: string;
  slug: string;
  templateId: TemplateId;
  status: TenantStatus;
  agencyId: string | null;
  createdAt: Date;
};

export type StoreAccess = { store: Store; userId: string; roles: StoreRole[]; role: StoreRole };

export const storeFields = {
  id: true, name: true, slug: true, templateId: true, status: true, agencyId: true, createdAt: true,
} as const;

function accessibleTo(userId: string) {
  return {
    OR: [{ members: { some: { userId } } }, { agency: { members: { some: { userId } } } }],
  };
}

function rolesSelect(userId: string) {
  return {
    ...storeFields,
    members: { where: { userId }, select: { role: true } },
    agency: { select: { members: { where: { userId }, select: { role: true } } } },
  } as const;
}

type StoreRow = Omit<Store, "templateId"> & { templateId: string };

/** A store row as the domain sees it; a template id the catalogue does not know is a data error, said loudly. */
export function toStore(row: StoreRow): Store {
  return { ...row, templateId: templateIdSchema.parse(row.templateId) };
}

type StoreRowWithRoles = StoreRow & {
  members: { role: "OWNER" | "STAFF" }[];
  agency: { members: { role: "ADMIN" | "PUBLISHER" }[] } | null;
};

function toAccess(userId: string, { members, agency, ...store }: StoreRowWithRoles): StoreAccess {
  const roles: StoreRole[] = [
    ...members.map((m) => m.role),
    ...(agency?.members ?? []).map((m): StoreRole => (m.role === "ADMIN" ? "AGENCY_ADMIN" : "AGENCY_PUBLISHER")),
  ];
  return { store: toStore(store), userId, roles, role: primaryRole(roles) };
}

/** `%` and `_` are wildcards to LIKE, which Prisma's `contains` does not escape. */
const literal = (text: string) => text.replace(/[\\%_]/g, "\\$&");

async function findAccess(tx: Transaction, userId: string, ref: string): Promise<StoreAccess | null> {
  const row = await tx.tenant.findFirst({
    where: { AND: [isUuid(ref) ? { id: ref } : { slug: ref.toLowerCase() }, accessibleTo(userId)] },
    select: rolesSelect(userId),
  });
  return row ? toAccess(userId, row) : null;
}

/** The store `ref` (its slug or id) as `userId` may act on it; NotFoundError when they may not. */
export async function resolveStore(db: Database, userId: string, ref: string): Promise<StoreAccess> {
  const access = await db.scoped({ userId }, (tx) => findAccess(tx, userId, ref));
  if (!access) throw new NotFoundError("store.notFound");
  return access;
}

/**
 * Every store the user may act on, through their own memberships or their agency's; optionally only one
 * agency's stores, and only those whose name or slug contains `search`.
 */
export async function listStores(
  db: Database,
  userId: string,
  filter: { agencyId?: string; search?: string } = {},
): Promise<StoreAccess[]> {
  const search = filter.search?.trim() && literal(filter.search.trim());
  const rows = await db.scoped({ userId }, (tx) =>
    tx.tenant.findMany({
      where: {
        AND: [
          accessibleTo(userId),
          filter.agencyId ? { agencyId: filter.agencyId } : {},
          search
            ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { slug: { contains: search.toLowerCase() } }] }
            : {},
        ],
      },
      select: rolesSelect(userId),
      orderBy: { createdAt: "asc" },
    }),
  );
  return rows.map((row) => toAccess(userId, row));
}

/** Runs `work` in the store's own row-level-security scope. */
export function inStore<T>(db: Database, access: StoreAccess, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.scoped({ userId: access.userId, tenantId: access.store.id }, work);
}

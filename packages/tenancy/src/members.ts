import type { Database } from "@kaidian/db";
import { inStore, type StoreAccess } from "./access";
import { assertCan } from "./permissions";

export function listMembers(db: Database, access: StoreAccess) {
  assertCan(access.roles, "view");
  return inStore(db, access, (tx) =>
    tx.tenantMember.findMany({
      where: { tenantId: access.store.id },
      select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    }),
  );
}

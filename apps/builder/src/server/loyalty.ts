import "server-only";
// What the members page (会员) reads: the store's rule and levels, the members (searched by number or phone), and the
// member opened from the list or by scanning their card, with their points ledger.
import { listMembers, memberDetail, readMemberRules } from "@kaidian/members/server";
import { inStore, type StoreAccess } from "@kaidian/tenancy";
import { database } from "./db";

export function membersPage(access: StoreAccess, { search, memberId }: { search: string; memberId: string | null }) {
  return inStore(database(), access, async (tx) => {
    const [rules, members, opened] = await Promise.all([
      readMemberRules(tx, access.store.id),
      listMembers(tx, access.store.id, { search: search || undefined, take: 50 }),
      memberId ? memberDetail(tx, access.store.id, memberId) : null,
    ]);
    return { rules, members, opened };
  });
}

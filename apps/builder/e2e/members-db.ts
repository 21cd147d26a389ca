// Members in the browser tests' database, made as shop-api makes them (a shopper who shared a phone number joins
// with @kaidian/members' joinMember, in the store's own scope), and their card codes signed with the store's card
// key under the same master key the running server uses, as GET /me/member/code would give the phone.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Database, type Transaction } from "../../../packages/db/src/database";
import { runningEmbeddedUrl } from "../../../packages/db/src/server/embedded";
import { signCardCode } from "../../../packages/members/src/card-code";
import { cardKey } from "../../../packages/members/src/server/settings";
import { joinMember } from "../../../packages/members/src/server/members";
import { masterKey } from "../../../packages/secrets/src/master-key";
import { appRoot } from "./isolation-surfaces";

const dataDir = path.join(appRoot, ".data/e2e");

async function inStore<T>(tenantId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const url = await runningEmbeddedUrl(dataDir);
  if (!url) throw new Error("the browser tests' embedded PostgreSQL is not running");
  const db = new Database(url, { maxConnections: 1 });
  try {
    return await db.scoped({ tenantId }, work);
  } finally {
    await db.disconnect();
  }
}

/** A shopper who shared `phone` and joined; answers the member's number (as stored) for signing codes. */
export function arrangeMember(tenantId: string, phone: string): Promise<number> {
  return inStore(tenantId, async (tx) => {
    const shopper = await tx.shopper.create({ data: { tenantId, openid: `o${randomUUID().replaceAll("-", "")}`, phone }, select: { id: true } });
    const joined = await joinMember(tx, tenantId, shopper.id);
    if (!joined.ok) throw new Error(`joinMember refused: ${joined.refusal}`);
    return Number(joined.card.number);
  });
}

/** The member's card code as the phone would show it at `at` (now, or earlier for one that has ended). */
export function cardCode(tenantId: string, number: number, at = new Date()): Promise<string> {
  const key = masterKey({ KAIDIAN_MASTER_KEY: process.env.KAIDIAN_MASTER_KEY, KAIDIAN_DATA_DIR: dataDir }).key;
  return inStore(tenantId, async (tx) => signCardCode(await cardKey(tx, tenantId, key), tenantId, number, at).code);
}

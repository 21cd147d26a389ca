// Table orders in the browser tests' database, sent as shop-api sends them (the orders package's sendRound, in the
// store's own scope), so the kitchen display sees real rounds arrive while it is open.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Database } from "../../../packages/db/src/database";
import { runningEmbeddedUrl } from "../../../packages/db/src/server/embedded";
import { sendRound } from "../../../packages/orders/src/server/table-orders";
import { wechatpayConnection } from "../../../packages/payments/src/index";
import { appRoot } from "./isolation-surfaces";

async function database(): Promise<Database> {
  const url = await runningEmbeddedUrl(path.join(appRoot, ".data/e2e"));
  if (!url) throw new Error("the browser tests' embedded PostgreSQL is not running");
  return new Database(url, { maxConnections: 2 });
}

export type Dining = { tableCode: string; shopperId: string; dishes: { noodles: string; tea: string } };

/** A table 8 with a diner, and two dishes, in the store; its tables pay at the end. */
export async function arrangeDining(tenantId: string): Promise<Dining> {
  const db = await database();
  try {
    return await db.scoped({ tenantId }, async (tx) => {
      const code = randomUUID().replaceAll("-", "").slice(0, 6).toUpperCase();
      await tx.diningTable.create({ data: { tenantId, name: "8", code } });
      const shopper = await tx.shopper.create({ data: { tenantId, openid: `o-${randomUUID()}` } });
      const dish = async (title: string, priceFen: number) =>
        (await tx.catalogItem.create({ data: { tenantId, kind: "DISH", title, priceFen, details: { optionGroups: [], soldOut: false } } })).id;
      return { tableCode: code, shopperId: shopper.id, dishes: { noodles: await dish("牛肉面", 2800), tea: await dish("大麦茶", 500) } };
    });
  } finally {
    await db.disconnect();
  }
}

/** The diner sends a round from the table; pay-at-end, so it needs no payment. */
export async function sendTableRound(tenantId: string, dining: Dining, lines: { itemId: string; quantity: number; seenUnitPriceFen: number }[]) {
  const db = await database();
  try {
    const sent = await sendRound(db, {
      tenantId,
      shopperId: dining.shopperId,
      tableCode: dining.tableCode,
      body: { lines },
      payments: { masterKey: Buffer.alloc(32), provider: null, connection: wechatpayConnection({}), shopApiUrl: "http://127.0.0.1:9" },
    });
    if (!sent.ok) throw new Error(`round refused: ${JSON.stringify(sent)}`);
    return sent.round;
  } finally {
    await db.disconnect();
  }
}

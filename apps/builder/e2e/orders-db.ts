// Orders in the browser tests' database, written as the shop-api writes them (the orders package's test helper and
// its changeOrder, in the store's own scope), so the dashboard sees real rows arrive while its pages are open.
import path from "node:path";
import pg from "pg";
import { Database, type Transaction } from "../../../packages/db/src/database";
import { runningEmbeddedUrl } from "../../../packages/db/src/server/embedded";
import { changeOrder } from "../../../packages/orders/src/server/change-order";
import { seedOrder, type SeedOrder } from "../../../packages/orders/src/server/seeded-orders";
import { appRoot } from "./isolation-surfaces";

async function databaseUrl(): Promise<string> {
  const url = await runningEmbeddedUrl(path.join(appRoot, ".data/e2e"));
  if (!url) throw new Error("the browser tests' embedded PostgreSQL is not running");
  return url;
}

async function inStore<T>(tenantId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const db = new Database(await databaseUrl(), { maxConnections: 1 });
  try {
    return await db.scoped({ tenantId }, work);
  } finally {
    await db.disconnect();
  }
}

export function placeOrder(tenantId: string, order: SeedOrder): Promise<{ id: string; number: string }> {
  return inStore(tenantId, (tx) => seedOrder(tx, tenantId, order));
}

/** The shopper asks for a refund, through the lifecycle as shop-api's order action does. */
export async function requestRefund(tenantId: string, orderId: string, reason: string): Promise<void> {
  const result = await inStore(tenantId, (tx) => changeOrder(tx, { orderId, command: { action: "requestRefund", reason }, actor: { role: "shopper", id: null } }));
  if (!result.ok) throw new Error(`requestRefund refused: ${JSON.stringify(result)}`);
}

/** Reads rows as the database's owner (bypassing row-level security), to check what the dashboard wrote. */
export async function query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: await databaseUrl() });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

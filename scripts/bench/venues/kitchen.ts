// The kitchen display's latency from order to screen: diners at 4 tables of a pay-at-end restaurant send 200 rounds
// (a few at a time, as a busy dinner would), on an embedded PostgreSQL. The screen's side is what the dashboard runs:
// the process's KitchenFeed hears `kitchen_changed` (LISTEN/NOTIFY at commit) and the display reads its rounds
// again (kitchenRounds, as GET /api/stores/:store/kitchen does). Latency: from the diner's send until that re-read
// shows the round. Not counted: the last hop of the server-sent event to the browser, a write on an open socket.
// Prints p50 and p95; target p95 <= 1 s. Self-contained: starts and stops its own database.
import { randomBytes, randomUUID } from "node:crypto";
import { Database } from "@kaidian/db";
import { KitchenFeed, kitchenRounds, sendRound } from "@kaidian/orders/server";
import { arrangeRestaurant } from "@kaidian/orders/testing";
import { wechatpayConnection } from "@kaidian/payments";
import { percentile } from "../stats";
import { benchDatabase } from "../support";

const ROUNDS = 200;
const AT_ONCE = 4;

export async function run(): Promise<{ p50: number; p95: number }> {
  const server = await benchDatabase("kitchen");
  const db = new Database(server.url, { maxConnections: 6 });
  const feed = new KitchenFeed(server.url);
  try {
    const masterKey = randomBytes(32);
    const store = await arrangeRestaurant(db, { name: "晚市面馆", masterKey, payment: "payAtEnd" });
    const tables = await db.scoped({ tenantId: store.tenantId }, async (tx) => [
      ...store.tables,
      ...(await Promise.all(["B1", "B2"].map((name) => tx.diningTable.create({ data: { tenantId: store.tenantId, name, code: randomUUID().slice(0, 6).toUpperCase() } })))),
    ]);
    const diner = await db.scoped({ tenantId: store.tenantId }, async (tx) => (await tx.shopper.create({ data: { tenantId: store.tenantId, openid: `o-${randomUUID()}` } })).id);
    const payments = { masterKey, provider: null, connection: wechatpayConnection({}), shopApiUrl: "http://127.0.0.1:9" };

    // The screen: on each announcement, read the rounds again (one read at a time, a later change rereads after it).
    const sentAt = new Map<string, number>();
    // Rounds the screen showed before their sender had the answer back: the announcement can beat the reply.
    const seenFirst = new Map<string, number>();
    const latencies: number[] = [];
    let reading: Promise<void> | null = null;
    let again = false;
    const reread = async (): Promise<void> => {
      const rounds = await db.scoped({ tenantId: store.tenantId }, (tx) => kitchenRounds(tx));
      const now = performance.now();
      for (const round of rounds) {
        const started = sentAt.get(round.id);
        if (started !== undefined) {
          latencies.push(now - started);
          sentAt.delete(round.id);
        } else if (!seenFirst.has(round.id)) seenFirst.set(round.id, now);
      }
    };
    const onChange = () => {
      if (reading) {
        again = true;
        return;
      }
      reading = reread().finally(() => {
        reading = null;
        if (again) {
          again = false;
          onChange();
        }
      });
    };
    await feed.subscribe(store.tenantId, { onChange, onResync: onChange });

    const started = performance.now();
    for (let sent = 0; sent < ROUNDS; sent += AT_ONCE) {
      await Promise.all(
        Array.from({ length: AT_ONCE }, async (_, index) => {
          const table = tables[(sent + index) % tables.length]!;
          const clicked = performance.now();
          const round = await sendRound(db, { tenantId: store.tenantId, shopperId: diner, tableCode: table.code, body: { lines: [{ itemId: store.dishes.rice, quantity: 1, seenUnitPriceFen: 200 }] }, payments });
          if (!round.ok) throw new Error(`round refused: ${JSON.stringify(round)}`);
          const seen = seenFirst.get(round.round.id);
          if (seen === undefined) sentAt.set(round.round.id, clicked);
          else latencies.push(seen - clicked);
        }),
      );
    }
    const deadline = Date.now() + 10_000;
    while ((sentAt.size > 0 || reading) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (performance.now() - started) / 1000;
    if (sentAt.size > 0) throw new Error(`${sentAt.size} rounds never reached the screen`);
    const sorted = latencies.sort((a, b) => a - b);
    const p50 = Math.round(percentile(sorted, 50));
    const p95 = Math.round(percentile(sorted, 95));
    console.log(`kitchen: ${ROUNDS} rounds from ${tables.length} tables, ${AT_ONCE} at a time, in ${seconds.toFixed(1)} s`);
    console.log(`kitchen: order to screen p50 ${p50} ms, p95 ${p95} ms (target p95 <= 1000 ms) ${p95 <= 1000 ? "OK" : "MISSED"}`);
    return { p50, p95 };
  } finally {
    await feed.stop();
    await db.disconnect();
    await server.stop();
  }
}

export default run;

if (import.meta.url === `file://${process.argv[1]}`) await run();

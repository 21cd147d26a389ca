// Queue takes under contention: 2,000 shoppers take a number in one store's busiest group, 50 at a time, on an
// embedded PostgreSQL through the same domain call shop-api makes (one scoped transaction, one statement on the
// group's counter row). Checks 2,000 distinct, consecutive numbers; prints takes per second and the latency of each
// take (p50, p99). Self-contained: starts its database and stops it.
import { randomUUID } from "node:crypto";
import { Database } from "@kaidian/db";
import { DEFAULT_QUEUE_SETTINGS } from "@kaidian/queue";
import { saveQueueSettings, takeNumber } from "@kaidian/queue/server";
import { arrangeStore } from "@kaidian/storefront/testing";
import { percentile } from "../stats";
import { benchDatabase } from "../support";

const TAKES = 2000;
const CONCURRENCY = 50;

export default async function run(): Promise<void> {
  const server = await benchDatabase("queue");
  // As shop-api runs: a pool of 10, requests waiting their turn for a connection.
  const db = new Database(server.url, { maxConnections: 10, transactionWaitMs: 60_000 });
  try {
    const tenantId = await arrangeStore(db, { name: "排队压测面馆", templateId: "restaurant" });
    const shoppers = await db.scoped({ tenantId }, async (tx) => {
      await saveQueueSettings(tx, tenantId, { userId: randomUUID(), revision: 0 }, { ...DEFAULT_QUEUE_SETTINGS, enabled: true });
      const rows = Array.from({ length: TAKES }, () => ({ tenantId, id: randomUUID(), openid: `o${randomUUID().replaceAll("-", "")}` }));
      await tx.shopper.createMany({ data: rows });
      return rows.map((row) => row.id);
    });

    const latencies: number[] = [];
    const numbers: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < shoppers.length) {
          const shopperId = shoppers[next++]!;
          const at = performance.now();
          const taken = await db.scoped({ tenantId }, (tx) => takeNumber(tx, { tenantId, shopperId, partySize: 2 }));
          latencies.push(performance.now() - at);
          if (taken.ok) numbers.push(taken.ticket.number);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const sortedNumbers = [...numbers].sort((a, b) => a - b);
    const consecutive = sortedNumbers.length === TAKES && sortedNumbers.every((number, index) => number === index + 1);
    latencies.sort((a, b) => a - b);
    console.log(`queue takes: ${TAKES} shoppers, ${CONCURRENCY} at a time, one group (the counter row every take contends for)`);
    console.log(`  ${consecutive ? "numbers 1.." + TAKES + ", distinct and consecutive" : "NUMBERS WRONG: " + sortedNumbers.length + " taken"}`);
    console.log(`  takes/s ${(TAKES / seconds).toFixed(0)} over ${seconds.toFixed(2)} s; latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    if (!consecutive) process.exitCode = 1;
  } finally {
    await db.disconnect();
    await server.stop();
  }
}

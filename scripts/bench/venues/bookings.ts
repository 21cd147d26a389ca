// Booking holds under contention, for `npm run bench:venues` (or `npx tsx scripts/bench/venues/bookings.ts`).
// Self-contained: an embedded PostgreSQL, the fake WeChat Pay, and a shop-api process of its own.
//  1. The hold alone: 1,000 three-night stays race for a room type of 500 rooms through 20 database connections,
//     each hold ONE conditional statement over the nights in its own transaction; exactly 500 must succeed.
//  2. The whole booking over HTTP: 1,000 logged-in shoppers at 100 connections book the same three nights of a room
//     type with 100 rooms (hold, order number, order, stay, then WeChat Pay's prepay); exactly 100 must be booked and
//     every other shopper told which night is sold out.
// Prints holds per second and latency percentiles (p50, p99) for each.
import os from "node:os";
import { pathToFileURL } from "node:url";
import { addStayDays, shanghaiToday } from "@kaidian/orders";
import { holdNights } from "@kaidian/orders/server";
import { arrangeTradingStore } from "@kaidian/orders/testing";
import { percentile } from "../stats";
import { answersLine, arrangeShoppers, postAsShoppers, say, tradingBench } from "../support";

const NIGHTS = 3;
const RATE_FEN = 38_800;

export async function run(): Promise<boolean> {
  const bench = await tradingBench("bookings", { maxConnections: 20 });
  const { db, admin, masterKey, serviceProvider } = bench;
  let right = true;
  const checkIn = addStayDays(shanghaiToday(new Date()), 7);
  const checkOut = addStayDays(checkIn, NIGHTS);

  const arrangeRoom = async (tenantId: string, rooms: number) => {
    const { rows } = await admin.query<{ id: string }>(
      `INSERT INTO catalog_items (tenant_id, kind, title, price_fen, details, updated_at) VALUES ($1, 'ROOM', '湖景大床房', $2, $3, now()) RETURNING id`,
      [tenantId, RATE_FEN, JSON.stringify({ capacity: 2, rooms, cancellation: { kind: "free", hoursBefore: 24 } })],
    );
    return rows[0]!.id;
  };
  const nightCounts = async (itemId: string) =>
    (await admin.query<{ held: number }>("SELECT held FROM room_nights WHERE item_id = $1 ORDER BY date", [itemId])).rows.map((row) => row.held);

  try {
    say(`bookings benchmark: ${os.cpus().length} cores, Node ${process.version}; stays of ${NIGHTS} nights from ${checkIn}`);
    const store = await arrangeTradingStore(db, { name: "湖畔民宿", masterKey, serviceProvider });

    // 1. The hold alone.
    {
      const ROOMS = 500;
      const ATTEMPTS = 1000;
      const itemId = await arrangeRoom(store.tenantId, ROOMS);
      const stay = { tenantId: store.tenantId, itemId, checkIn, checkOut };
      const latencies: number[] = [];
      let held = 0;
      let next = 0;
      const started = performance.now();
      // 20 workers, each one transaction at a time: the pool's width is the contention.
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < ATTEMPTS) {
            next += 1;
            const began = performance.now();
            const result = await db.scoped({ tenantId: store.tenantId }, (tx) => holdNights(tx, stay, ROOMS));
            latencies.push(performance.now() - began);
            if (result.ok) held += 1;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      const counts = await nightCounts(itemId);
      const ok = held === ROOMS && counts.every((count) => count === ROOMS);
      right &&= ok;
      say(`1. the hold alone: ${ATTEMPTS} holds of ${NIGHTS} nights racing for ${ROOMS} rooms, 20 connections`);
      say(`   ${held} held, ${ATTEMPTS - held} refused; nights now held ${counts.join("/")}; ${ok ? "exactly the rooms there are" : "WRONG"}`);
      say(`   ${(ATTEMPTS / seconds).toFixed(0)} holds/s (attempts answered) over ${seconds.toFixed(2)} s; latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    }

    // 2. The whole booking over HTTP.
    {
      const SHOPPERS = 1000;
      const CONNECTIONS = 100;
      const ROOMS = 100;
      const itemId = await arrangeRoom(store.tenantId, ROOMS);
      const bearers = await arrangeShoppers(admin, masterKey, store.tenantId, SHOPPERS);
      const shopApi = await bench.startShopApi();
      const { url } = shopApi;
      if (!(await fetch(`${url}/api/mp/v1/${store.tenantId}/ordering`)).ok) throw new Error("the store is not live");
      const body = JSON.stringify({ itemId, checkIn, checkOut, guests: 2, guestName: "张三", guestPhone: "13800138000", seenTotalFen: RATE_FEN * NIGHTS });
      const refusals = new Set<string>();
      const started = Date.now();
      const booked = await postAsShoppers({
        url,
        path: `/api/mp/v1/${store.tenantId}/bookings`,
        bearers,
        body,
        connections: CONNECTIONS,
        // Every request is answered, however loaded the machine: a timeout would hide a booking made.
        timeoutSeconds: 120,
        onAnswer: (status, text) => {
          if (status === 409) refusals.add((JSON.parse(text) as { error: { message: string } }).error.message);
        },
      });
      const { result, answers, lastCreatedAt: lastBookedAt } = booked;
      const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM stays WHERE item_id = $1", [itemId]);
      const counts = await nightCounts(itemId);
      // Right means the rooms sold exactly once and every refusal named the sold-out night; an overloaded machine may
      // also answer 500 to a request that waited too long for a database connection (shop-api's 10 s), reported apart.
      const ok = rows[0]!.n === ROOMS && answers.get(201) === ROOMS && counts.every((count) => count === ROOMS) && refusals.size === 1;
      const overloaded = [...answers].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
      right &&= ok;
      const bookingSeconds = (lastBookedAt - started) / 1000;
      say(`2. the whole booking over HTTP: ${SHOPPERS} shoppers, ${CONNECTIONS} connections, ${ROOMS} rooms (hold + order + WeChat Pay prepay)`);
      say(`   ${answersLine(booked)}; refused with: ${[...refusals].join(" | ")}`);
      say(`   ${rows[0]!.n} stays booked; nights now held ${counts.join("/")}; ${ok ? "exactly the rooms there are" : "WRONG"}${overloaded ? `; ${overloaded} requests gave up waiting for a database connection` : ""}`);
      say(`   booking requests answered ${(SHOPPERS / result.duration).toFixed(0)}/s over ${result.duration.toFixed(2)} s; bookings placed ${(ROOMS / bookingSeconds).toFixed(0)}/s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    }
    say(`   load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    return right;
  } finally {
    await bench.close();
  }
}

export default run;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (!(await run())) process.exitCode = 1;
}

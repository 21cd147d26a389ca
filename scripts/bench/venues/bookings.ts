// Booking holds under contention, for `npm run bench:venues` (or `npx tsx scripts/bench/venues/bookings.ts`).
// Self-contained: an embedded PostgreSQL, the fake WeChat Pay, and a shop-api process of its own.
//  1. The hold alone: 1,000 three-night stays race for a room type of 500 rooms through 20 database connections,
//     each hold ONE conditional statement over the nights in its own transaction; exactly 500 must succeed.
//  2. The whole booking over HTTP: 1,000 logged-in shoppers at 100 connections book the same three nights of a room
//     type with 100 rooms (hold, order number, order, stay, then WeChat Pay's prepay); exactly 100 must be booked and
//     every other shopper told which night is sold out.
// Prints holds per second and latency percentiles (p50, p99) for each.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Database } from "@kaidian/db";
import { applyMigrations, freePort, startEmbeddedPostgres } from "@kaidian/db/server";
import { addStayDays, shanghaiToday } from "@kaidian/orders";
import { holdNights, ShopperTokens } from "@kaidian/orders/server";
import { arrangeTradingStore } from "@kaidian/orders/testing";
import { arrangeServiceProvider, startFakeWechatPay } from "@kaidian/payments/testing";
import pg from "pg";

type Result = { duration: number; latency: { p50: number; p99: number }; errors: number; timeouts: number };
type Request = { method: string; path: string; headers: Record<string, string>; body: string };

const root = path.resolve(import.meta.dirname, "../../..");
const NIGHTS = 3;
const RATE_FEN = 38_800;
const say = (line: string) => console.log(line);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function run(): Promise<boolean> {
  const autocannon = createRequire(import.meta.url)("autocannon") as (options: object) => Promise<Result>;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-bench-bookings-"));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  await applyMigrations(server.url);
  const db = new Database(server.url, { maxConnections: 20 });
  const admin = new pg.Pool({ connectionString: server.url, max: 2 });
  const masterKey = randomBytes(32);
  const pay = await startFakeWechatPay();
  const serviceProvider = await arrangeServiceProvider(pay);
  let child: ChildProcess | undefined;
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
      const { rows: shoppers } = await admin.query<{ id: string }>(
        "INSERT INTO shoppers (tenant_id, openid) SELECT $1, 'bench-' || i FROM generate_series(1, $2) AS i RETURNING id",
        [store.tenantId, SHOPPERS],
      );
      const tokens = new ShopperTokens(masterKey);
      const bearers = shoppers.map((shopper) => tokens.issue(store.tenantId, shopper.id).token);
      const port = await freePort();
      child = spawn(process.execPath, ["--import", "tsx", "apps/shop-api/src/main.ts"], {
        cwd: root,
        env: {
          ...process.env, DATABASE_URL: server.url, SHOP_API_PORT: String(port), SHOP_API_HOST: "127.0.0.1", NODE_ENV: "production",
          KAIDIAN_MASTER_KEY: masterKey.toString("base64"), SHOP_API_PUBLIC_URL: `http://127.0.0.1:${port}`, ...serviceProvider.env,
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; !(await fetch(`${url}/readyz`).catch(() => null))?.ok; i++) {
        if (child.exitCode !== null || i > 600) throw new Error("shop-api did not start");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (!(await fetch(`${url}/api/mp/v1/${store.tenantId}/ordering`)).ok) throw new Error("the store is not live");
      const body = JSON.stringify({ itemId, checkIn, checkOut, guests: 2, guestName: "张三", guestPhone: "13800138000", seenTotalFen: RATE_FEN * NIGHTS });
      let next = 0;
      let lastBookedAt = 0;
      const answers = new Map<number, number>();
      const refusals = new Set<string>();
      const started = Date.now();
      const result = await autocannon({
        url,
        connections: CONNECTIONS,
        amount: SHOPPERS,
        // Every request is answered, however loaded the machine: a timeout would hide a booking made.
        timeout: 120,
        requests: [
          {
            method: "POST",
            path: `/api/mp/v1/${store.tenantId}/bookings`,
            setupRequest: (request: Request) => ({
              ...request,
              headers: { "Content-Type": "application/json", Authorization: `Bearer ${bearers[next++ % SHOPPERS]}`, "Idempotency-Key": randomUUID() },
              body,
            }),
            onResponse: (status: number, text: string) => {
              answers.set(status, (answers.get(status) ?? 0) + 1);
              if (status === 201) lastBookedAt = Date.now();
              if (status === 409) refusals.add((JSON.parse(text) as { error: { message: string } }).error.message);
            },
          },
        ],
      });
      const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM stays WHERE item_id = $1", [itemId]);
      const counts = await nightCounts(itemId);
      // Right means the rooms sold exactly once and every refusal named the sold-out night; an overloaded machine may
      // also answer 500 to a request that waited too long for a database connection (shop-api's 10 s), reported apart.
      const ok = rows[0]!.n === ROOMS && answers.get(201) === ROOMS && counts.every((count) => count === ROOMS) && refusals.size === 1;
      const overloaded = [...answers].filter(([status]) => status >= 500).reduce((sum, [, count]) => sum + count, 0);
      right &&= ok;
      const bookingSeconds = (lastBookedAt - started) / 1000;
      say(`2. the whole booking over HTTP: ${SHOPPERS} shoppers, ${CONNECTIONS} connections, ${ROOMS} rooms (hold + order + WeChat Pay prepay)`);
      say(`   answers: ${[...answers].sort().map(([status, count]) => `${count} × ${status}`).join(", ")}; errors ${result.errors + result.timeouts}; refused with: ${[...refusals].join(" | ")}`);
      say(`   ${rows[0]!.n} stays booked; nights now held ${counts.join("/")}; ${ok ? "exactly the rooms there are" : "WRONG"}${overloaded ? `; ${overloaded} requests gave up waiting for a database connection` : ""}`);
      say(`   booking requests answered ${(SHOPPERS / result.duration).toFixed(0)}/s over ${result.duration.toFixed(2)} s; bookings placed ${(ROOMS / bookingSeconds).toFixed(0)}/s; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    }
    say(`   load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
    return right;
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await admin.end();
    await db.disconnect();
    await pay.close();
    await serviceProvider.dispose();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export default run;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (!(await run())) process.exitCode = 1;
}

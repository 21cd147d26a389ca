// `npm run bench`: what tenant isolation costs per request. Each operation is timed in interleaved rounds on
// one embedded PostgreSQL, and medians are printed with their ratio to an unscoped Prisma query.
import { PrismaPg } from "@prisma/adapter-pg";
import { createSession, resolveSession, verifyPassword, hashPassword } from "@kaidian/accounts";
import { Database } from "@kaidian/db";
import { listStores, resolveStore } from "@kaidian/tenancy";
import { PrismaClient } from "../../packages/db/src/generated/prisma/client";
import { seedDemo } from "../../prisma/seed";
import { benchDatabase } from "./support";

const ROUNDS = 20;
const PER_ROUND = 50;

const server = await benchDatabase("access");
const db = new Database(server.url, { maxConnections: 4 });
const unscoped = new PrismaClient({ adapter: new PrismaPg({ connectionString: server.url, max: 4 }) });
await seedDemo(db);

const owner = await db.scoped({}, (tx) => tx.user.findUniqueOrThrow({ where: { email: "shop@demo.kaidian.test" } }));
const admin = await db.scoped({}, (tx) => tx.user.findUniqueOrThrow({ where: { email: "agency@demo.kaidian.test" } }));
const store = await resolveStore(db, owner.id, "shanye-coffee");
const { token } = await db.scoped({}, (tx) => createSession(tx, owner.id));

const operations: Record<string, () => Promise<unknown>> = {
  "unscoped Prisma query (baseline, RLS bypassed)": () => unscoped.tenant.findUnique({ where: { id: store.store.id } }),
  "store-scoped query (transaction + role + RLS)": () =>
    db.scoped({ tenantId: store.store.id, userId: owner.id }, (tx) => tx.tenant.findUnique({ where: { id: store.store.id } })),
  "session lookup (every signed-in request)": () => db.scoped({}, (tx) => resolveSession(tx, token)),
  "store access check (every store page)": () => resolveStore(db, owner.id, "shanye-coffee"),
  "agency store list (3 stores)": () => listStores(db, admin.id),
};

const samples = new Map<string, number[]>(Object.keys(operations).map((name) => [name, []]));
for (const run of Object.values(operations)) for (let i = 0; i < 20; i++) await run(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(operations)) {
    for (let i = 0; i < PER_ROUND; i++) {
      const started = process.hrtime.bigint();
      await run();
      samples.get(name)!.push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]!;
const baseline = median(samples.values().next().value!);
console.log(`Database access, ${ROUNDS * PER_ROUND} samples each, interleaved (medians; this machine is noisy)`);
for (const [name, values] of samples) {
  console.log(
    `  ${name.padEnd(50)} median ${median(values).toFixed(0).padStart(5)} µs   p95 ${p95(values).toFixed(0).padStart(5)} µs   ×${(median(values) / baseline).toFixed(2)}`,
  );
}

const hash = await hashPassword("bench-password-2026");
const verifications: number[] = [];
for (let i = 0; i < 30; i++) {
  const started = process.hrtime.bigint();
  await verifyPassword(hash, "bench-password-2026");
  verifications.push(Number(process.hrtime.bigint() - started) / 1e6);
}
console.log(`  ${"argon2id password check (sign-in)".padEnd(50)} median ${median(verifications).toFixed(1).padStart(5)} ms   → ~${Math.floor(1000 / median(verifications))} sign-ins/s per core`);

await unscoped.$disconnect();
await db.disconnect();
await server.stop();

import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ROLE, Database, sql, sqlState } from "./index";
import { superuser, testDatabase, testDatabaseUrl } from "./testing";

let db: Database;
let admin: pg.Client;
const storeA = randomUUID();
const storeB = randomUUID();

async function arrangeStore(tenantId: string, title: string) {
  await db.scoped({ tenantId }, async (tx) => {
    await tx.tenant.create({ data: { id: tenantId, name: title, slug: `rls-${tenantId}`, templateId: "ecommerce" } });
    await tx.catalogItem.create({ data: { tenantId, kind: "PRODUCT", title, priceFen: 1200 } });
    await tx.configVersion.create({
      data: { tenantId, number: 1, templateId: "ecommerce", schemaVersion: 1, config: { title } },
    });
  });
}

beforeAll(async () => {
  db = testDatabase();
  admin = await superuser();
  await arrangeStore(storeA, "A's coffee");
  await arrangeStore(storeB, "B's tea");
});

afterAll(async () => {
  await admin.end();
  await db.disconnect();
});

describe("row-level security", () => {
  it("is enabled and forced on the tenants table and on every table that has a tenant_id column", async () => {
    const { rows } = await admin.query<{ table: string; enabled: boolean; forced: boolean }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
        AND (c.relname = 'tenants' OR EXISTS (
          SELECT 1 FROM information_schema.columns col
          WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'tenant_id'))
      ORDER BY 1`);
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(["tenants", "catalog_items", "config_versions", "builds"]));
    for (const row of rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true });
  });

  it("shows no store rows at all to a query that names no store", async () => {
    const counts = await db.scoped({}, async (tx) => [
      await tx.tenant.count(),
      await tx.catalogItem.count(),
      await tx.configVersion.count(),
    ]);
    expect(counts).toEqual([0, 0, 0]);
  });

  it("shows a store only its own rows, even to a query without any tenant filter", async () => {
    const titles = await db.scoped({ tenantId: storeA }, (tx) => tx.catalogItem.findMany({ select: { title: true } }));
    expect(titles).toEqual([{ title: "A's coffee" }]);
    const stores = await db.scoped({ tenantId: storeA }, (tx) => tx.tenant.findMany({ select: { id: true } }));
    expect(stores).toEqual([{ id: storeA }]);
  });

  it("does not let one store change or delete another store's rows", async () => {
    const changed = await db.scoped({ tenantId: storeA }, (tx) =>
      tx.catalogItem.updateMany({ where: { tenantId: storeB }, data: { title: "hijacked" } }),
    );
    const deleted = await db.scoped({ tenantId: storeA }, (tx) => tx.configVersion.deleteMany({ where: { tenantId: storeB } }));
    expect([changed.count, deleted.count]).toEqual([0, 0]);
    const { rows } = await admin.query("SELECT title FROM catalog_items WHERE tenant_id = $1", [storeB]);
    expect(rows).toEqual([{ title: "B's tea" }]);
  });

  it("refuses to write a row into another store", async () => {
    await expect(
      db.scoped({ tenantId: storeA }, (tx) =>
        tx.catalogItem.create({ data: { tenantId: storeB, kind: "PRODUCT", title: "planted", priceFen: 1 } }),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("does not carry one transaction's store into the next query on a pooled connection", async () => {
    for (let i = 0; i < 5; i++) {
      await db.scoped({ tenantId: storeA }, (tx) => tx.catalogItem.count());
      expect(await db.scoped({}, (tx) => tx.catalogItem.count())).toBe(0);
    }
  });

  it("scopes statements sent through pg (db.statements) like Prisma's, without carrying a store into the next", async () => {
    const titles = (tenantId?: string) =>
      db.statements({ tenantId }, (tx) => tx.commitWith<{ title: string }>(sql`SELECT title FROM catalog_items ORDER BY title`));
    for (let i = 0; i < 3; i++) {
      expect(await titles(storeA)).toEqual([{ title: "A's coffee" }]);
      expect(await titles()).toEqual([]);
    }
    const changed = await db.statements({ tenantId: storeA }, (tx) => tx.commitWith(sql`UPDATE catalog_items SET title = 'x' WHERE tenant_id = ${storeB}::uuid RETURNING id`));
    expect(changed).toEqual([]);
    const refused = await db
      .statements({ tenantId: storeA }, (tx) => tx.commitWith(sql`INSERT INTO catalog_items (tenant_id, kind, title, price_fen, updated_at) VALUES (${storeB}::uuid, 'PRODUCT', 'sneaked', 1, now())`))
      .catch((error: unknown) => error);
    expect(sqlState(refused)).toBe("42501");
  });

  it("keeps nothing of a pg transaction whose last statement fails, though its COMMIT was sent with it", async () => {
    const failed = await db
      .statements({ tenantId: storeA }, async (tx) => {
        await tx.rows(sql`UPDATE catalog_items SET title = 'renamed' WHERE tenant_id = ${storeA}::uuid`);
        return tx.commitWith(sql`SELECT 1 / 0`);
      })
      .catch((error: unknown) => error);
    expect(sqlState(failed)).toBe("22012");
    expect(await db.scoped({ tenantId: storeA }, (tx) => tx.catalogItem.findMany({ select: { title: true } }))).toEqual([{ title: "A's coffee" }]);
  });

  it("binds the application role, which cannot read store tables without a scope, whoever connects", async () => {
    const { rows: tables } = await admin.query<{ table_name: string }>(
      "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id'",
    );
    await admin.query("BEGIN");
    try {
      await admin.query("SELECT set_config('role', $1, true)", [APP_ROLE]);
      for (const { table_name } of tables) {
        const { rows } = await admin.query(`SELECT count(*)::int AS n FROM "${table_name}"`);
        expect(rows[0].n, table_name).toBe(0);
      }
    } finally {
      await admin.query("ROLLBACK");
    }
  });
});

describe("the operator bypass", () => {
  it("sees every store for a user that bypasses RLS, and refuses one that does not rather than see nothing", async () => {
    const everyStore = await db.privileged((tx) => tx.tenant.findMany({ where: { id: { in: [storeA, storeB] } } }));
    expect(everyStore).toHaveLength(2);

    const role = `kaidian_operator_${randomUUID().slice(0, 8)}`;
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'operator-test-pw'`);
    const url = new URL(testDatabaseUrl());
    url.username = role;
    url.password = "operator-test-pw";
    const limited = new Database(url.toString(), { maxConnections: 1 });
    try {
      await expect(limited.privileged((tx) => tx.tenant.count())).rejects.toThrow(/needs a database user with BYPASSRLS/);
    } finally {
      await limited.disconnect();
      await admin.query(`DROP ROLE ${role}`);
    }
  });
});

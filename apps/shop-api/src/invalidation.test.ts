// Two real shop-api processes on one database, as behind a load balancer: what the dashboard changes reaches both.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { Database, Transaction } from "@kaidian/db";
import { freePort, superuser, testDatabase, testDatabaseUrl, uniqueEmail } from "@kaidian/db/testing";
import { editDraft, openDraft, publishDraft } from "@kaidian/design";
import { siteResponseSchema } from "@kaidian/storefront";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const WAIT = { timeout: 30_000, interval: 100 };

type Process = { url: string; child: ChildProcess; output: string[] };
let db: Database;
let merchant: string;
let processes: Process[] = [];

async function startProcess(env: Record<string, string>): Promise<Process> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "apps/shop-api/src/main.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), SHOP_API_PORT: String(port), SHOP_API_HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => output.push(String(chunk)));
  child.stderr!.on("data", (chunk) => output.push(String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  // Ready: listening, and following changes (hooks cannot use expect.poll, hence the loop).
  for (const started = Date.now(); (await fetch(`${url}/readyz`).catch(() => null))?.status !== 200; ) {
    if (child.exitCode !== null || Date.now() - started > 60_000) {
      child.kill("SIGKILL");
      throw new Error(`shop-api did not get ready:\n${output.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, child, output };
}

const inStore = <T>(tenantId: string, work: (tx: Transaction) => Promise<T>) => db.scoped({ tenantId }, work);

async function storeName(api: Process, tenantId: string): Promise<string | number> {
  const response = await fetch(`${api.url}/api/mp/v1/${tenantId}/site`);
  return response.ok ? siteResponseSchema.parse(await response.json()).config.store.name : response.status;
}

/** Publishes a renamed store as the dashboard's editor does: open the draft, edit it, publish it. */
async function publishName(tenantId: string, name: string) {
  await inStore(tenantId, async (tx) => {
    const draft = await openDraft(tx, tenantId, merchant);
    const edited = await editDraft(tx, { tenantId, userId: merchant, number: draft.number, revision: draft.revision }, (config) => ({
      ...config,
      store: { ...config.store, name },
    }));
    await publishDraft(tx, { tenantId, userId: merchant, number: edited.number, revision: edited.revision });
  });
}

beforeAll(async () => {
  db = testDatabase();
  merchant = (await db.scoped({}, (tx) => tx.user.create({ data: { email: uniqueEmail("shop"), name: "店主", passwordHash: "not-used" } }))).id;
  // The fallback check runs every second here; notifications must still be what brings changes at once.
  processes = await Promise.all([startProcess({ SHOP_API_CHECK_MS: "1000" }), startProcess({ SHOP_API_CHECK_MS: "1000" })]);
}, 120_000);

afterAll(async () => {
  await Promise.all(
    processes.map(({ child }) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once("exit", resolve), child.kill("SIGTERM"))))),
  );
  await db.disconnect();
});

describe("two shop-api processes", () => {
  it("both serve a newly published version once the dashboard publishes it", async () => {
    const tenantId = await arrangeStore(db, { name: "老店名", templateId: "restaurant", publish: true });
    for (const api of processes) expect(await storeName(api, tenantId)).toBe("老店名");
    await publishName(tenantId, "新店名");
    for (const api of processes) await expect.poll(() => storeName(api, tenantId), WAIT).toBe("新店名");
  });

  it("both catch a change whose notification never arrived, through the periodic check", async () => {
    const tenantId = await arrangeStore(db, { name: "静悄悄", templateId: "ecommerce", publish: true });
    for (const api of processes) expect(await storeName(api, tenantId)).toBe("静悄悄");
    // A change recorded without its NOTIFY: triggers off for this transaction, the version row written by hand.
    const admin = await superuser();
    try {
      await admin.query("BEGIN");
      await admin.query("SET LOCAL session_replication_role = replica");
      await admin.query(
        `UPDATE config_versions SET config = jsonb_set(config, '{store,name}', '"悄悄改了"') WHERE tenant_id = $1 AND number = 1`,
        [tenantId],
      );
      await admin.query(
        `INSERT INTO storefront_versions (tenant_id, version) VALUES ($1, pg_current_xact_id()::text::bigint)
         ON CONFLICT (tenant_id) DO UPDATE SET version = EXCLUDED.version`,
        [tenantId],
      );
      await admin.query("COMMIT");
    } finally {
      await admin.end();
    }
    for (const api of processes) await expect.poll(() => storeName(api, tenantId), WAIT).toBe("悄悄改了");
  });

  it("both stop showing a store the moment it is suspended, and show it again when reactivated", async () => {
    const tenantId = await arrangeStore(db, { name: "停业", templateId: "hotel", publish: true });
    for (const api of processes) expect(await storeName(api, tenantId)).toBe("停业");
    await inStore(tenantId, (tx) => tx.tenant.update({ where: { id: tenantId }, data: { status: "SUSPENDED" } }));
    for (const api of processes) await expect.poll(() => storeName(api, tenantId), WAIT).toBe(404);
    const catalog = await fetch(`${processes[0]!.url}/api/mp/v1/${tenantId}/catalog`);
    expect(catalog.status).toBe(404);
    await inStore(tenantId, (tx) => tx.tenant.update({ where: { id: tenantId }, data: { status: "ACTIVE" } }));
    for (const api of processes) await expect.poll(() => storeName(api, tenantId), WAIT).toBe("停业");
  });

  it("both drop a hidden item from the catalog", async () => {
    const tenantId = await arrangeStore(db, { name: "下架", templateId: "ecommerce", publish: true });
    const item = await inStore(tenantId, (tx) => tx.catalogItem.findFirstOrThrow({ select: { id: true } }));
    const itemStatus = async (api: Process) => (await fetch(`${api.url}/api/mp/v1/${tenantId}/items/${item.id}`)).status;
    for (const api of processes) expect(await itemStatus(api)).toBe(200);
    await inStore(tenantId, (tx) => tx.catalogItem.update({ where: { tenantId_id: { tenantId, id: item.id } }, data: { visible: false } }));
    for (const api of processes) await expect.poll(() => itemStatus(api), WAIT).toBe(404);
  });

  it("stops cleanly when told to: ends its connections and exits 0", async () => {
    const extra = await startProcess({});
    const exited = new Promise<number | null>((resolve) => extra.child.once("exit", resolve));
    extra.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await fetch(`${extra.url}/healthz`).catch(() => "closed")).toBe("closed");
  });
});

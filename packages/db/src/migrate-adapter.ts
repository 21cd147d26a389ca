// The driver adapter Prisma's WASM schema engine runs migrations through (loaded by prisma.config.ts, only in
// the Prisma CLI process). @prisma/adapter-pg 6.19 needs four repairs for that path; each is marked below.
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { connectionFields } from "./connection";

const PG_CHAR = 18;
const PG_NAME = 19;
const PG_TEXT = 25;
const LONG_TIMER_MS = 10_000;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

// Repair 1 (prisma/orm#27403): introspection reads pg_catalog columns of type "char" and name, which the
// adapter cannot map; they are plain text to the engine.
function retypeCatalogColumns<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR || field.dataTypeID === PG_NAME) field.dataTypeID = PG_TEXT;
  }
  return result;
}

class MigrationClient extends pg.Client {
  // pg's query() is overloaded (callback or promise); both paths get their result retyped.
  override query(...args: unknown[]): never {
    const callbackAt = args.findIndex((arg) => typeof arg === "function");
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (error: Error | null, result: unknown) => void;
      args[callbackAt] = (error: Error | null, result: unknown) =>
        callback(error, error ? result : retypeCatalogColumns(result));
    }
    const pending = (super.query as (...a: unknown[]) => unknown)(...args);
    if (pending instanceof Promise) return pending.then(retypeCatalogColumns) as never;
    return pending as never;
  }
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// Repair 3: the stock executeScript splits on ";", which breaks $$-quoted function bodies in hand-written
// migrations. PostgreSQL runs a multi-statement script sent as one simple query in one implicit transaction.
function runScriptsWhole(adapter: Adapter, pool: pg.Pool): Adapter {
  const toDriverError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      toDriverError(error);
    }
  };
  return adapter;
}

// Repair 4: the WASM engine leaves 10-60 s timers pending, which keeps every CLI command alive long after it
// is done. Unref'd timers still fire if the process is otherwise busy.
function unrefLongTimers() {
  const original = globalThis.setTimeout;
  const patched = ((handler: (...a: unknown[]) => void, delay?: number, ...rest: unknown[]) => {
    const timer = original(handler, delay, ...rest);
    if ((delay ?? 0) >= LONG_TIMER_MS) timer.unref?.();
    return timer;
  }) as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patched, original);
}
unrefLongTimers();

function migrationPool(fields: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ ...fields, max: 2, allowExitOnIdle: true, Client: MigrationClient });
}

export function migrationAdapter(url = process.env.DATABASE_URL): SqlMigrationAwareDriverAdapterFactory {
  if (!url) throw new Error("DATABASE_URL is not set: the migration command needs the database to migrate.");
  const fields = connectionFields(url);

  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async connect() {
      const pool = migrationPool(fields);
      return runScriptsWhole(await new PrismaPg(pool, { disposeExternalPool: true }).connect(), pool);
    },
    // Repair 2: the stock factory opens the shadow database with {...config, database}, where a
    // connectionString silently wins over `database`; separate fields make it really the shadow database.
    async connectToShadowDb() {
      const admin = await this.connect();
      const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const pool = migrationPool({ ...fields, database });
      const shadow = runScriptsWhole(await new PrismaPg(pool).connect(), pool);
      const disposeShadow = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await disposeShadow();
        await pool.end();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}

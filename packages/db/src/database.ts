// The one way the application reaches PostgreSQL: a transaction scoped to a user and, when acting on a store,
// a tenant. Row-level security (prisma/migrations/*_row_level_security) does the rest.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import type { Prisma } from "./generated/prisma/client";
import { GroupCommits } from "./group-commit";
import { SharedReads } from "./shared-reads";
import { type Sql, sql, SqlTransaction } from "./sql";

export type Transaction = Prisma.TransactionClient;

export type Scope = {
  /** The signed-in user; lets them list the stores they belong to. */
  userId?: string | null;
  /** The store being acted on. Set it only after checking the user may act on that store. */
  tenantId?: string | null;
};

/** The database role the application runs as: owns nothing, cannot bypass row-level security. */
export const APP_ROLE = "kaidian_app";
/** The publishing queue's role: reads and changes `builds` of every store, and nothing else (see its migration). */
export const QUEUE_ROLE = "kaidian_worker";

/**
 * The scope's transaction-local settings: the application role, the store, the user, and how PostgreSQL plans the
 * transaction's prepared statements (`statements` sends them prepared). Generic plans are for statements that find
 * their rows by key: PostgreSQL would otherwise plan them anew on every run (its custom plans look cheaper, as they
 * fold the parameters in), which costs more than running them. `auto`, its default, suits the rest (a range of days,
 * whose best plan depends on how long it is).
 */
const scopeSettings = (scope: Scope, genericPlans = false) => sql`SELECT set_config('role', ${APP_ROLE}, true),
  set_config('app.tenant_id', ${scope.tenantId ?? ""}, true),
  set_config('app.user_id', ${scope.userId ?? ""}, true),
  set_config('plan_cache_mode', ${genericPlans ? "force_generic_plan" : "auto"}, true)`;

export class Database {
  private readonly client: PrismaClient;
  /** One pool for Prisma and for `statements`, so maxConnections bounds both together. */
  private readonly pool: pg.Pool;
  private readonly groups: GroupCommits;
  private readonly reads: SharedReads;

  /**
   * `transactionWaitMs`: how long a transaction may wait for a free connection before it fails (Prisma's default,
   * 2 s, unless given). A server that takes bursts (a flash sale) queues them a little longer instead of failing.
   */
  constructor(url: string, options: { maxConnections?: number; transactionWaitMs?: number } = {}) {
    // Pipelined: a connection sends each statement as soon as it is given, not once the one before is answered.
    // Prisma awaits each of its statements, so it is unaffected; `statements` sends BEGIN, the scope and the
    // first statement together, and a last statement with its COMMIT.
    const maxConnections = options.maxConnections ?? 10;
    this.pool = new pg.Pool({ connectionString: url, max: maxConnections, pipeline: true });
    // An idle connection the server closed is dropped by the pool (the next checkout opens another); without a
    // listener its error event would end the process.
    this.pool.on("error", () => {});
    // The pool stops hearing a connection once it hands it out. One the server drops while held (by `statements`,
    // a group, shared reads) fails its statements with that error; unheard, its error event would end the process.
    this.pool.on("connect", (client) => client.on("error", () => {}));
    this.groups = new GroupCommits(() => this.pool.connect());
    // Half the pool at most, leaving the rest to Prisma's transactions and the groups.
    this.reads = new SharedReads(() => this.pool.connect(), Math.max(1, Math.floor(maxConnections / 2)));
    this.client = new PrismaClient({
      adapter: new PrismaPg(this.pool),
      ...(options.transactionWaitMs ? { transactionOptions: { maxWait: options.transactionWaitMs, timeout: options.transactionWaitMs + 5000 } } : {}),
    });
  }

  /**
   * Runs `work` in one transaction as the application role, with the scope in transaction-local settings
   * (they vanish at commit, so a pooled connection never carries one request's tenant into the next).
   * `timeoutMs` lets a transaction known to write many rows run longer than the default.
   */
  scoped<T>(scope: Scope, work: (tx: Transaction) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
    return this.client.$transaction(
      async (tx) => {
        const settings = scopeSettings(scope);
        // Parameters still: the text has $1..$3 and the values go separately.
        await tx.$executeRawUnsafe(settings.text, ...settings.values);
        return work(tx);
      },
      options.timeoutMs ? { timeout: options.timeoutMs } : undefined,
    );
  }

  /**
   * Like `scoped`, but `work` writes its SQL itself (tagged `sql` statements) and pg sends it, without Prisma: for
   * hot paths only, where Prisma's per-query work dominates. The same role, scope and row-level security; BEGIN
   * and the scope go out with the first statement, so a short transaction costs few waits. `genericPlans`: for
   * work whose statements find their rows by key (see scopeSettings).
   */
  async statements<T>(scope: Scope, work: (tx: SqlTransaction) => Promise<T>, options: { genericPlans?: boolean } = {}): Promise<T> {
    const client = await this.pool.connect();
    const tx = new SqlTransaction(client, scopeSettings(scope, options.genericPlans));
    let result: T;
    try {
      result = await work(tx);
      await tx.end("COMMIT");
    } catch (error) {
      // A connection that cannot even roll back is not given back to the pool.
      await tx.end("ROLLBACK").then(() => client.release(), (broken: Error) => client.release(broken));
      throw error;
    }
    client.release();
    return result;
  }

  /**
   * One read in a read-only transaction of its own, sent in one write with the others given meanwhile (see
   * shared-reads.ts): for the hot paths' reads, in place of `statements` with one `commitWith`. A statement's own
   * failure is thrown here alone; a lost connection fails every read it carried, as it would any transaction.
   */
  read<T>(scope: Scope, statement: Sql, options: { genericPlans?: boolean } = {}): Promise<T[]> {
    return this.reads.run<T>(scopeSettings(scope, options.genericPlans), statement);
  }

  /**
   * One statement in its own right, committed in one transaction with the others given in the same scope while
   * an earlier group of that scope ran (see group-commit.ts): for writes that queue on the same rows anyway, such as
   * a store's orders. The statement must check all its conditions itself and be safe to run again; its own failure
   * is thrown here, with nothing of it kept, and fails no other.
   */
  grouped<T>(scope: Scope, statement: Sql, options: { genericPlans?: boolean } = {}): Promise<T[]> {
    return this.groups.commit<T>(scopeSettings(scope, options.genericPlans), statement);
  }

  /**
   * Runs `work` as the queue's own role, whose one right is reading and changing `builds` rows of any store (the
   * `build_queue` policy), to claim due builds and reclaim those whose worker stopped. Any other table is refused;
   * a build's own work runs in its store's scope. The dashboard's role cannot take this right by any setting.
   */
  buildQueue<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', ${QUEUE_ROLE}, true)`;
      return work(tx);
    });
  }

  /**
   * Runs `work` as the workers' role to find the orders whose timers are due in any store (the `order_timers`
   * policy: unpaid ones past expiry, shipping uploads due; a few columns, read-only). Each order is then changed
   * in its own store's scope.
   */
  orderTimers<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', ${QUEUE_ROLE}, true)`;
      return work(tx);
    });
  }

  /**
   * Runs `work` as the workers' role to read and move the analytics fold's watermark and to learn which stores'
   * orders changed in a window (`analytics_changed_stores`, its one right on orders); the figures are then
   * re-counted in each store's own scope.
   */
  analyticsFold<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', ${QUEUE_ROLE}, true)`;
      return work(tx);
    });
  }

  /**
   * Runs `work` as the connecting user, outside row-level security, for operator tools that act across stores
   * (listing every store to generate). Never for request handling. The connecting user must be a superuser or
   * have BYPASSRLS, as the owner that applies migrations does; otherwise this refuses rather than see nothing.
   */
  privileged<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.client.$transaction(async (tx) => {
      const [role] = await tx.$queryRaw<{ bypasses: boolean }[]>`
        SELECT rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user`;
      if (!role?.bypasses) {
        throw new Error("This operator command needs a database user with BYPASSRLS (or a superuser) in DATABASE_URL");
      }
      return work(tx);
    });
  }

  async disconnect(): Promise<void> {
    await this.client.$disconnect();
    if (!this.pool.ended) await this.pool.end();
  }
}

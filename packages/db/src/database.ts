// The one way the application reaches PostgreSQL: a transaction scoped to a user and, when acting on a store,
// a tenant. Row-level security (prisma/migrations/*_row_level_security) does the rest.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import type { Prisma } from "./generated/prisma/client";

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

export class Database {
  private readonly client: PrismaClient;

  /**
   * `transactionWaitMs`: how long a transaction may wait for a free connection before it fails (Prisma's default,
   * 2 s, unless given). A server that takes bursts (a flash sale) queues them a little longer instead of failing.
   */
  constructor(url: string, options: { maxConnections?: number; transactionWaitMs?: number } = {}) {
    this.client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: options.maxConnections ?? 10 }),
      ...(options.transactionWaitMs ? { transactionOptions: { maxWait: options.transactionWaitMs, timeout: options.transactionWaitMs + 5000 } } : {}),
    });
  }

  /**
   * Runs `work` in one transaction as the application role, with the scope in transaction-local settings
   * (they vanish at commit, so a pooled connection never carries one request's tenant into the next).
   */
  scoped<T>(scope: Scope, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', ${APP_ROLE}, true),
        set_config('app.tenant_id', ${scope.tenantId ?? ""}, true),
        set_config('app.user_id', ${scope.userId ?? ""}, true)`;
      return work(tx);
    });
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

  disconnect(): Promise<void> {
    return this.client.$disconnect();
  }
}

// Statements sent to PostgreSQL through pg itself, for the few hot paths (placing an order in a flash sale) where
// Prisma's per-query work (its WASM compiler runs for raw queries too) costs more than the query. Same pool, same
// scope, same row-level security as `Database.scoped`; only the client in between is thinner.
import { createHash } from "node:crypto";
import type { Writable } from "node:stream";
import type pg from "pg";

/** A statement and its parameters. */
export type Sql = { readonly text: string; readonly values: readonly unknown[] };

/**
 * A statement written as a tagged template: every `${value}` becomes a parameter ($1, $2…), never SQL text, so
 * shoppers' and merchants' words stay data. Objects are not turned into jsonb for you: pass JSON.stringify(...)
 * and cast (`::jsonb`), as with Prisma's $queryRaw.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return { text: strings.reduce((text, part, index) => `${text}$${index}${part}`), values };
}

/** PostgreSQL's error code (SQLSTATE) of a failed statement, such as "23505" for a unique violation. */
export function sqlState(error: unknown): string | undefined {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

const names = new Map<string, string>();

/**
 * The statement as a named prepared statement: each connection parses and plans a text once, then only binds
 * and runs it (the placing statement's planning cost more than its run).
 */
export function prepared(statement: Sql): pg.QueryConfig {
  let name = names.get(statement.text);
  if (!name) {
    name = `kd_${createHash("sha1").update(statement.text).digest("hex").slice(0, 24)}`;
    names.set(statement.text, name);
  }
  return { name, text: statement.text, values: statement.values as unknown[] };
}

/** pg's socket of the connection: pg has no public way to reach it. */
function socketOf(client: pg.PoolClient): Writable | undefined {
  return (client as unknown as { connection?: { stream?: Writable } }).connection?.stream;
}

/**
 * pg writes each message to the socket as it is given, one system call (and one wake-up of the server) each. The
 * messages `give` hands pg leave together, in one write.
 */
export function inOneWrite<T>(client: pg.PoolClient, give: () => T): T {
  const socket = socketOf(client);
  socket?.cork();
  try {
    return give();
  } finally {
    socket?.uncork();
  }
}

/** One transaction on one pooled connection (see Database.statements). */
export class SqlTransaction {
  private finished = false;
  /** BEGIN and the scope's settings, sent without waiting for their answers. */
  private readonly begun: Promise<unknown>;

  constructor(
    private readonly client: pg.PoolClient,
    scope: Sql,
  ) {
    const socket = socketOf(client);
    socket?.cork();
    this.begun = Promise.all([client.query("BEGIN"), client.query(prepared(scope))]);
    // Awaited by the transaction's statements; this keeps a failure from also counting as unhandled.
    this.begun.catch(() => {});
    // Released once the caller has given its first statement (in this same tick), so all three leave in one write.
    if (socket) process.nextTick(() => socket.uncork());
  }

  /** The rows of one statement. */
  async rows<T>(statement: Sql): Promise<T[]> {
    const [, result] = await Promise.all([this.begun, this.client.query(prepared(statement))]);
    return result.rows as T[];
  }

  /**
   * The transaction's last statement, with COMMIT sent in the same write (the pool's connections are pipelined):
   * PostgreSQL commits as soon as the statement is done, without a round trip to this process, so the rows the
   * statement locks are held only while it runs, however busy the process is. A statement that fails turns that
   * COMMIT into a rollback (PostgreSQL's rule for a failed transaction), and its error is thrown here.
   */
  async commitWith<T>(statement: Sql): Promise<T[]> {
    this.finished = true;
    const [, result] = await inOneWrite(this.client, () => Promise.all([this.begun, this.client.query(prepared(statement)), this.client.query("COMMIT")]));
    return result.rows as T[];
  }

  /** @internal Ends the transaction unless commitWith already did. */
  async end(outcome: "COMMIT" | "ROLLBACK"): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await Promise.all([this.begun, this.client.query(outcome)]);
  }
}

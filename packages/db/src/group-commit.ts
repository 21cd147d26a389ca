// Statements committed together. A store's orders all advance its one daily order counter, and a flash sale's all
// take stock from one item: PostgreSQL runs such writes one after another whatever the client does. Sent one
// transaction each, every write waits for the row lock, flushes its own commit and then wakes the next backend in
// line; on a busy machine those hand-offs cost more than the writes. Grouped, one transaction runs the writes that
// arrived meanwhile back to back and commits them once. Nobody waits for a group to fill: a statement given while
// none of its scope is running goes at once, alone.
import type pg from "pg";
import { inOneWrite, prepared, type Sql } from "./sql";

/** The most statements one transaction runs, so that no group holds its rows' locks for long. */
const MOST_IN_A_GROUP = 50;

type Given = {
  statement: Sql;
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
};

type Sent = { statements: PromiseSettledResult<pg.QueryResult>[]; commit: PromiseSettledResult<pg.QueryResult> };

/** BEGIN, the scope, the statements and COMMIT in one write; each statement's outcome, and the COMMIT's. */
async function sendGroup(client: pg.PoolClient, scope: Sql, statements: readonly Sql[]): Promise<Sent> {
  const { begun, runs, commit } = inOneWrite(client, () => ({
    begun: Promise.all([client.query("BEGIN"), client.query(prepared(scope))]),
    runs: statements.map((statement) => client.query(prepared(statement))),
    commit: client.query("COMMIT"),
  }));
  // A failed BEGIN or scope fails everything after it: thrown to every statement of the group.
  const [, settled, committed] = await Promise.all([begun, Promise.allSettled(runs), Promise.allSettled([commit])]);
  return { statements: settled, commit: committed[0]! };
}

/**
 * Runs statements in groups, one group per scope at a time. Each statement must stand on its own: it checks its
 * own conditions (a conditional UPDATE, a unique key), writes all or nothing, and can run again unchanged. A
 * statement that fails fails its transaction: its caller gets its error, and the others of its group run again
 * without it.
 */
export class GroupCommits {
  /** The statements waiting, per scope; a scope is present while a group of it is running. */
  private readonly waiting = new Map<string, Given[]>();

  constructor(private readonly connect: () => Promise<pg.PoolClient>) {}

  commit<T>(scope: Sql, statement: Sql): Promise<T[]> {
    const key = JSON.stringify(scope.values);
    return new Promise<T[]>((resolve, reject) => {
      const given: Given = { statement, resolve: resolve as (rows: unknown[]) => void, reject };
      const queue = this.waiting.get(key);
      if (queue) return void queue.push(given);
      this.waiting.set(key, [given]);
      void this.drain(key, scope);
    });
  }

  /**
   * Runs the scope's groups until none waits, on one connection held throughout: taken back from the pool between
   * groups, it would queue behind the reads of the very orders waiting to be written.
   */
  private async drain(key: string, scope: Sql): Promise<void> {
    const queue = this.waiting.get(key)!;
    const line = new Line(this.connect, scope);
    while (queue.length > 0) queue.unshift(...(await line.run(queue.splice(0, MOST_IN_A_GROUP))));
    line.close();
    this.waiting.delete(key);
  }
}

/** One scope's groups, one after another on one connection. */
class Line {
  private client: pg.PoolClient | null = null;

  constructor(
    private readonly connect: () => Promise<pg.PoolClient>,
    private readonly scope: Sql,
  ) {}

  /** Runs one group; settles the statements it decided, and returns those to run again, in their order. */
  async run(group: Given[]): Promise<Given[]> {
    let sent: Sent;
    try {
      this.client ??= await this.connect();
      sent = await sendGroup(this.client, this.scope, group.map((given) => given.statement));
    } catch (error) {
      // The connection is broken, or none could be had: the group cannot know what became of its statements.
      this.client?.release(error as Error);
      this.client = null;
      for (const given of group) given.reject(error);
      return [];
    }
    const failed = sent.statements.findIndex((outcome) => outcome.status === "rejected");
    if (failed === -1 && sent.commit.status === "fulfilled") {
      sent.statements.forEach((outcome, index) => group[index]!.resolve((outcome as PromiseFulfilledResult<pg.QueryResult>).value.rows));
      return [];
    }
    if (failed === -1) {
      // Every statement ran but the commit failed: which one failed it is found by running each alone.
      if (group.length === 1) group[0]!.reject((sent.commit as PromiseRejectedResult).reason);
      else for (const given of group) await this.run([given]);
      return [];
    }
    // The first to fail failed of itself. Those before it ran well but were rolled back with it: they run again by
    // themselves, so that they commit whatever keeps failing after them, and before its caller is told (who may read
    // what they wrote). Those after it never ran: they wait for the next group.
    const before = failed > 0 ? await this.run(group.slice(0, failed)) : [];
    group[failed]!.reject((sent.statements[failed] as PromiseRejectedResult).reason);
    return [...before, ...group.slice(failed + 1)];
  }

  close(): void {
    this.client?.release();
    this.client = null;
  }
}

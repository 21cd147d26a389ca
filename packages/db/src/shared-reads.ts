// Reads of their own that share the way there. Each is one read-only transaction (BEGIN READ ONLY, the scope, the
// statement, COMMIT), answered or failed alone as if sent by itself; but those given while the connections are busy
// leave together, many transactions in one write on one connection, which runs them one after another. On these
// machines a write to PostgreSQL's socket costs more than a short read once the process is busy: it wakes a sleeping
// backend, and those writes took a quarter of shop-api's time in a flash sale, whose requests arrive by the dozen.
// Nobody waits for company: a read given while a connection is free goes at once. Read-only, a statement takes no
// row lock, so none waits behind another store's lock and holds up the reads sent with it; PostgreSQL refuses a
// write given here.
import pg from "pg";
import { inOneWrite, prepared, type Sql } from "./sql";

/** The most transactions one write carries, so that the last of them does not wait long behind the first. */
const MOST_IN_A_WRITE = 32;

type Given = {
  scope: Sql;
  statement: Sql;
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
};

export class SharedReads {
  private readonly waiting: Given[] = [];
  private sending = 0;

  /** `connections`: how many pooled connections may carry reads at once. */
  constructor(
    private readonly connect: () => Promise<pg.PoolClient>,
    private readonly connections: number,
  ) {}

  run<T>(scope: Sql, statement: Sql): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      this.waiting.push({ scope, statement, resolve: resolve as (rows: unknown[]) => void, reject });
      if (this.sending < this.connections) void this.send();
    });
  }

  /** Takes a connection and sends what waits, write after write, until nothing does. */
  private async send(): Promise<void> {
    this.sending++;
    let client: pg.PoolClient;
    try {
      client = await this.connect();
    } catch (error) {
      this.sending--;
      // No connection to be had. While another sender holds one, what waits goes with it; otherwise it fails here.
      if (this.sending === 0) for (const given of this.waiting.splice(0)) given.reject(error);
      return;
    }
    let lost: Error | undefined;
    while (!lost && this.waiting.length > 0) {
      const together = this.waiting.splice(0, MOST_IN_A_WRITE);
      const outcomes = await sendTogether(client, together);
      lost = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected" && lostTheConnection(outcome.reason))?.reason;
      // Told why before anyone hears of the failure, the pool drops the connection at once, even while its socket
      // is still closing; what waits then goes on another. The reads it carried fail, as on any lost connection.
      if (lost) client.release(lost);
      outcomes.forEach((outcome, index) => (outcome.status === "fulfilled" ? together[index]!.resolve(outcome.value) : together[index]!.reject(outcome.reason)));
    }
    if (!lost) client.release();
    this.sending--;
    if (this.waiting.length > 0 && this.sending < this.connections) void this.send();
  }
}

/**
 * The reads' transactions in one write, and each one's rows or error. A failed statement turns its COMMIT into a
 * rollback, and the next transaction's BEGIN starts afresh.
 */
function sendTogether(client: pg.PoolClient, together: Given[]): Promise<PromiseSettledResult<unknown[]>[]> {
  const runs = inOneWrite(client, () =>
    together.map(({ scope, statement }) =>
      Promise.all([client.query("BEGIN READ ONLY"), client.query(prepared(scope)), client.query(prepared(statement)), client.query("COMMIT")]),
    ),
  );
  return Promise.allSettled(runs.map((run) => run.then(([, , result]) => result.rows as unknown[])));
}

/** Whether the error is the connection's, not a statement's: the socket's own (a reset), or the server's FATAL. */
function lostTheConnection(error: unknown): boolean {
  return !(error instanceof pg.DatabaseError) || error.severity === "FATAL" || error.severity === "PANIC";
}

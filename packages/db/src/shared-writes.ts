// Statements of their own that share the way there. Each is one transaction (BEGIN, the scope, the statement,
// COMMIT), committed or rolled back alone as if sent by itself; but those given while the connections are busy leave
// together, many transactions in one write on one connection, which runs them one after another. On these machines a
// write to PostgreSQL's socket costs more than a short statement once the process is busy: it wakes a sleeping
// backend, and those writes took a quarter of shop-api's time in a flash sale, whose requests arrive by the dozen.
// Nobody waits for company: a statement given while a connection is free goes at once.
import type pg from "pg";
import { prepared, type Sql, socketOf, sqlState } from "./sql";

/** The most transactions one write carries, so that the last of them does not wait long behind the first. */
const MOST_IN_A_WRITE = 32;

type Given = {
  scope: Sql;
  statement: Sql;
  resolve(rows: unknown[]): void;
  reject(error: unknown): void;
};

export class SharedWrites {
  private readonly waiting: Given[] = [];
  private sending = 0;

  /** `connections`: how many pooled connections may carry statements at once; the rest of the pool stays free. */
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
      // No connection to be had: what waits would wait for the same pool.
      for (const given of this.waiting.splice(0)) given.reject(error);
      this.sending--;
      return;
    }
    let ended: Error | undefined;
    while (!ended && this.waiting.length > 0) {
      const together = this.waiting.splice(0, MOST_IN_A_WRITE);
      const outcomes = await sendTogether(client, together);
      ended = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected" && endedTheConnection(outcome.reason))?.reason;
      // Told why before anyone hears of the failure, the pool drops the connection at once, even while its socket
      // is still closing; what waits then goes on another.
      if (ended) client.release(ended);
      outcomes.forEach((outcome, index) => (outcome.status === "fulfilled" ? together[index]!.resolve(outcome.value) : together[index]!.reject(outcome.reason)));
    }
    if (!ended) client.release();
    this.sending--;
    if (this.waiting.length > 0 && this.sending < this.connections) void this.send();
  }
}

/**
 * The statements' transactions in one write, and each one's rows or error. A failed statement turns its COMMIT
 * into a rollback, and the next transaction's BEGIN starts afresh.
 */
async function sendTogether(client: pg.PoolClient, together: Given[]): Promise<PromiseSettledResult<unknown[]>[]> {
  const socket = socketOf(client);
  socket?.cork();
  const runs = together.map(({ scope, statement }) =>
    Promise.all([client.query("BEGIN"), client.query(prepared(scope)), client.query(prepared(statement)), client.query("COMMIT")]).then(
      ([, , result]) => result.rows as unknown[],
    ),
  );
  socket?.uncork();
  return Promise.allSettled(runs);
}

/** Whether the error ended the session: the socket's own (no SQLSTATE), or the server's FATAL (shut down, terminated). */
function endedTheConnection(error: unknown): boolean {
  return sqlState(error) === undefined || (error as { severity?: string }).severity === "FATAL";
}

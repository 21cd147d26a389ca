// What the benchmarks share: an embedded PostgreSQL of their own, shop-api in a process of its own (as production
// runs it), logged-in shoppers' requests fired by autocannon or over connections opened beforehand, and how the
// figures are summed up.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Database } from "@kaidian/db";
import { applyMigrations, freePort, startEmbeddedPostgres } from "@kaidian/db/server";
import { ShopperTokens } from "@kaidian/orders/server";
import { arrangeServiceProvider, startFakeWechatPay, type FakeWechatPay, type TestServiceProvider } from "@kaidian/payments/testing";
import pg from "pg";
import { percentile } from "./stats";

const root = path.resolve(import.meta.dirname, "../..");

export const say = (line: string) => console.log(line);

export type BenchDatabase = { url: string; dataDir: string; stop(): Promise<void> };

/** A migrated embedded PostgreSQL in a temporary directory, removed again by stop(). */
export async function benchDatabase(name: string): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `kaidian-bench-${name}-`));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const stop = async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await applyMigrations(server.url);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: server.url, dataDir, stop };
}

/** Waits until `url` answers 2xx, for at most a minute; refuses as soon as the process exits. */
export async function waitForAnswer(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited`);
    if ((await fetch(url).catch(() => null))?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

export type ShopApiProcess = {
  url: string;
  child: ChildProcess;
  /** CPU seconds the process has used (user + system): unlike wall-clock figures, not swung by busy neighbours. */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
};

/** shop-api's main.ts in a process of its own, in production mode on a free port, once it is ready. */
export async function startShopApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ShopApiProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : []), "--import", "tsx", "apps/shop-api/src/main.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, SHOP_API_PORT: String(port), SHOP_API_HOST: "127.0.0.1", NODE_ENV: "production", SHOP_API_PUBLIC_URL: url, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  try {
    await waitForAnswer(`${url}/readyz`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    child,
    async cpuSeconds() {
      const fields = (await readFile(`/proc/${child.pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    stop,
  };
}

export type TradingBench = {
  database: BenchDatabase;
  db: Database;
  /** A superuser pool, for arranging rows in bulk and checking the outcome. */
  admin: pg.Pool;
  masterKey: Buffer;
  pay: FakeWechatPay;
  /** The platform's service-provider account the stores take payment through. */
  serviceProvider: TestServiceProvider;
  /** shop-api in a process of its own, sealing with this master key and paying through the fake WeChat Pay. */
  startShopApi(): Promise<ShopApiProcess>;
  /** Stops all it started, shop-api first. */
  close(): Promise<void>;
};

/** What a benchmark of shoppers buying needs: its database, the fake WeChat Pay with the service provider, shop-api. */
export async function tradingBench(name: string, options: { maxConnections: number }): Promise<TradingBench> {
  const database = await benchDatabase(name);
  const db = new Database(database.url, { maxConnections: options.maxConnections });
  const admin = new pg.Pool({ connectionString: database.url, max: 2 });
  const masterKey = randomBytes(32);
  const pay = await startFakeWechatPay();
  const serviceProvider = await arrangeServiceProvider(pay);
  const shopApis: ShopApiProcess[] = [];
  return {
    database,
    db,
    admin,
    masterKey,
    pay,
    serviceProvider,
    async startShopApi() {
      const shopApi = await startShopApiProcess(database.url, { KAIDIAN_MASTER_KEY: masterKey.toString("base64"), ...serviceProvider.env });
      shopApis.push(shopApi);
      return shopApi;
    },
    async close() {
      await Promise.all(shopApis.map((shopApi) => shopApi.stop()));
      await admin.end();
      await db.disconnect();
      await pay.close();
      await serviceProvider.dispose();
      await database.stop();
    },
  };
}

export type LoadResult = {
  duration: number;
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
};

type Request = { method: string; path: string; headers: Record<string, string>; body: string };

const require = createRequire(import.meta.url);

/** autocannon, loaded only by the benchmarks that fire load. */
export const autocannon = (options: object): Promise<LoadResult> => (require("autocannon") as (options: object) => Promise<LoadResult>)(options);

/** `count` shoppers of the store, logged in: a bearer token each. */
export async function arrangeShoppers(admin: pg.Pool, masterKey: Buffer, tenantId: string, count: number): Promise<string[]> {
  const { rows } = await admin.query<{ id: string }>(
    "INSERT INTO shoppers (tenant_id, openid) SELECT $1, 'bench-' || i FROM generate_series(1, $2) AS i RETURNING id",
    [tenantId, count],
  );
  const tokens = new ShopperTokens(masterKey);
  return rows.map((shopper) => tokens.issue(tenantId, shopper.id).token);
}

export type ShoppersPosted = {
  result: LoadResult;
  /** How many answers of each HTTP status. */
  answers: Map<number, number>;
  /** When the last 201 came back (Date.now()), 0 if none. */
  lastCreatedAt: number;
  /** When the last answer came back (Date.now()): autocannon's own duration is rounded up to its next 1 s tick. */
  lastAnsweredAt: number;
};

type PostOptions = {
  path: string;
  bearers: string[];
  body: string;
  timeoutSeconds?: number;
  /** Sent with every request besides the shopper's token and key (a preference, say). */
  headers?: Record<string, string>;
  onAnswer?: (status: number, text: string) => void;
};

const shopperHeaders = (options: PostOptions, bearer: string) => ({
  ...options.headers,
  "Content-Type": "application/json",
  Authorization: `Bearer ${bearer}`,
  "Idempotency-Key": randomUUID(),
});

/** The count of each status and when the last 201 and the last answer came back, as the answers arrive. */
function answerTally(onAnswer?: (status: number, text: string) => void) {
  const tally = { answers: new Map<number, number>(), lastCreatedAt: 0, lastAnsweredAt: 0 };
  const record = (status: number, text: string) => {
    tally.answers.set(status, (tally.answers.get(status) ?? 0) + 1);
    tally.lastAnsweredAt = Date.now();
    if (status === 201) tally.lastCreatedAt = tally.lastAnsweredAt;
    onAnswer?.(status, text);
  };
  return { tally, record };
}

/**
 * One POST of `body` to `path` from each of the shoppers in turn, each with an Idempotency-Key of its own, at
 * `connections` at once, opened as the first requests go; `onAnswer` sees each answer's status and text.
 */
export async function postAsShoppers(options: PostOptions & { url: string; connections: number }): Promise<ShoppersPosted> {
  const { bearers } = options;
  const { tally, record } = answerTally(options.onAnswer);
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    amount: bearers.length,
    ...(options.timeoutSeconds === undefined ? {} : { timeout: options.timeoutSeconds }),
    requests: [
      {
        method: "POST",
        path: options.path,
        setupRequest: (request: Request) => ({ ...request, headers: shopperHeaders(options, bearers[next++ % bearers.length]!), body: options.body }),
        onResponse: record,
      },
    ],
  });
  return { result, ...tally };
}

class AnswerTimeout extends Error {}

/** Keep-alive connections to shop-api, every one opened before the first order is sent. */
export type OpenConnections = {
  /** As postAsShoppers, over these connections: one request at a time on each. */
  post(options: PostOptions): Promise<ShoppersPosted>;
  close(): void;
};

/** A request's bytes, written whole in one go. */
function requestBytes(method: string, url: URL, path: string, headers: Record<string, string>, body = ""): Buffer {
  const lines = Object.entries({ ...headers, Host: url.host, "Content-Length": String(Buffer.byteLength(body)) }).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`${method} ${path} HTTP/1.1\r\n${lines.join("")}\r\n${body}`);
}

/**
 * One keep-alive connection speaking just the HTTP/1.1 the benchmark needs: a request written whole, its answer read
 * by its Content-Length. The phones are not on this machine; node:http's client spent about 0.6 ms of CPU per
 * request here, half a core in a sale, taken from shop-api and PostgreSQL on the same two cores.
 */
class Connection {
  private received: Buffer = Buffer.alloc(0);
  /** Why the connection ended, once it has: a request given after that fails at once. */
  private ended: Error | null = null;
  private awaited: { resolve(answer: { status: number; text: string }): void; reject(error: Error): void; timer: NodeJS.Timeout } | null = null;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", (error) => this.fail(error));
    socket.on("close", () => this.fail(new Error("shop-api closed the connection")));
  }

  static open(url: URL): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: url.hostname, port: Number(url.port) }, () => resolve(new Connection(socket)));
      socket.once("error", reject);
    });
  }

  exchange(request: Buffer, timeoutMs: number): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      if (this.ended) return reject(this.ended);
      const timer = setTimeout(() => this.fail(new AnswerTimeout()), timeoutMs);
      this.awaited = { resolve, reject, timer };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
    const headEnd = this.received.indexOf("\r\n\r\n");
    if (headEnd === -1) return;
    const head = this.received.toString("latin1", 0, headEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
    if (length === undefined) return this.fail(new Error(`an answer without Content-Length: ${head.split("\r\n")[0]}`));
    const end = headEnd + 4 + Number(length);
    if (this.received.length < end) return;
    const answer = { status: Number(head.slice(9, 12)), text: this.received.toString("utf8", headEnd + 4, end) };
    this.received = this.received.subarray(end);
    const awaited = this.awaited;
    this.awaited = null;
    if (awaited) {
      clearTimeout(awaited.timer);
      awaited.resolve(answer);
    }
  }

  private fail(error: Error): void {
    this.ended ??= error;
    const awaited = this.awaited;
    this.awaited = null;
    if (!awaited) return;
    clearTimeout(awaited.timer);
    this.socket.destroy();
    awaited.reject(error);
  }
}

/**
 * `count` connections to `url`, each opened and answered once (GET /readyz) before anything is measured. Phones
 * reach shop-api through the HTTPS proxy in front of it (WeChat requires HTTPS; shop-api speaks HTTP), whose
 * connections to shop-api stay open from request to request. A burst of new connections straight at one Node
 * process is instead accepted one per turn of its event loop (libuv since 1.45): in a sale, the last of 100 waited
 * 300–800 ms behind the other requests before its first was read. Every request's bytes are made before the first
 * is sent, so the measured time spends the benchmark's CPU on little more than the sockets.
 */
export async function openConnections(url: string, count: number): Promise<OpenConnections> {
  const target = new URL(url);
  const connections = await Promise.all(Array.from({ length: count }, () => Connection.open(target)));
  const ready = await Promise.all(connections.map((connection) => connection.exchange(requestBytes("GET", target, "/readyz", {}), 10_000)));
  if (ready.some((answer) => answer.status !== 200)) throw new Error("shop-api is not ready on every connection");
  return {
    async post(options) {
      const requests = options.bearers.map((bearer) => requestBytes("POST", target, options.path, shopperHeaders(options, bearer), options.body));
      const { tally, record } = answerTally(options.onAnswer);
      const latencies: number[] = [];
      let errors = 0;
      let timeouts = 0;
      let next = 0;
      const started = Date.now();
      const phone = async (connection: Connection) => {
        while (next < requests.length) {
          const request = requests[next++]!;
          const sentAt = performance.now();
          try {
            const { status, text } = await connection.exchange(request, (options.timeoutSeconds ?? 10) * 1000);
            latencies.push(performance.now() - sentAt);
            record(status, text);
          } catch (error) {
            if (error instanceof AnswerTimeout) timeouts++;
            else errors++;
            // A connection that failed is gone; its phone stops, the others carry on.
            return;
          }
        }
      };
      await Promise.all(connections.map(phone));
      const duration = (Date.now() - started) / 1000;
      const non2xx = [...tally.answers].reduce((sum, [status, answered]) => sum + (status >= 200 && status < 300 ? 0 : answered), 0);
      const latency = { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)) };
      return { result: { duration, requests: { average: latencies.length / duration }, latency, errors, timeouts, non2xx }, ...tally };
    },
    close: () => connections.forEach((connection) => connection.close()),
  };
}

/** "answers: 100 × 201, 900 × 409; errors 0". */
export const answersLine = ({ answers, result }: ShoppersPosted) =>
  `answers: ${[...answers].sort().map(([status, count]) => `${count} × ${status}`).join(", ")}; errors ${result.errors + result.timeouts}`;

import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import type { Database } from "@kaidian/db";
import { apiErrorSchema } from "@kaidian/storefront";
import { arrangeStore } from "@kaidian/storefront/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningShopApi, startShopApi } from "./testing";

let db: Database;
let store: string;
const running: RunningShopApi[] = [];

beforeAll(async () => {
  db = testDatabase();
  store = await arrangeStore(db, { name: "限流", templateId: "ecommerce", publish: true });
});

afterAll(async () => {
  await Promise.all(running.map((api) => api.close()));
  await db.disconnect();
});

async function start(env: Record<string, string>) {
  const api = await startShopApi(testDatabaseUrl(), env);
  running.push(api);
  return api;
}

const burst = (api: RunningShopApi, count: number, headers: HeadersInit = {}) =>
  Promise.all(Array.from({ length: count }, () => fetch(`${api.url}/api/mp/v1/${store}/site`, { headers })));

describe("rate limits", () => {
  it("answers a client's burst beyond its limit with 429 and Retry-After, and other clients as usual", async () => {
    // 2 a second, 6 at once, per client: slow enough that a loaded machine's slow burst still meets the limit.
    const api = await start({ SHOP_API_CLIENT_READS_PER_SECOND: "2", TRUSTED_PROXIES: "127.0.0.1" });
    const answers = await burst(api, 40, { "X-Forwarded-For": "203.0.113.7" });
    const refused = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(6);
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(Number(refused[0]!.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(apiErrorSchema.parse(await refused[0]!.json()).error.code).toBe("rate.limited");
    // Behind a trusted proxy, another shopper is another client.
    expect((await burst(api, 1, { "X-Forwarded-For": "198.51.100.9" }))[0]!.status).toBe(200);
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", async () => {
    // 1 a second, 3 at once. Each request claims another address; were any believed, each would be a new client.
    const api = await start({ SHOP_API_CLIENT_READS_PER_SECOND: "1" });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => fetch(`${api.url}/api/mp/v1/${store}/site`, { headers: { "X-Forwarded-For": `198.51.100.${i + 1}` } })),
    );
    // The peer's own address is the one client: beyond its burst (and what refills on a slow machine), refused.
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(20);
  });

  it("limits a store's reads across all its clients", async () => {
    const api = await start({ SHOP_API_STORE_READS_PER_SECOND: "5", SHOP_API_CLIENT_READS_PER_SECOND: "1000", TRUSTED_PROXIES: "127.0.0.1" });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => fetch(`${api.url}/api/mp/v1/${store}/site`, { headers: { "X-Forwarded-For": `203.0.113.${i + 1}` } })),
    );
    expect(answers.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(10);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(10);
  });

  it("logs one structured line per request with its id, keeping a load balancer's X-Request-Id", async () => {
    const api = await start({});
    const answer = await fetch(`${api.url}/api/mp/v1/${store}/site`, { headers: { "X-Request-Id": "lb-42" } });
    expect(answer.headers.get("X-Request-Id")).toBe("lb-42");
    await expect.poll(() => api.logs.map((line) => JSON.parse(line)).find((entry) => entry.reqId === "lb-42")).toMatchObject({
      msg: "request",
      method: "GET",
      status: 200,
      url: `/api/mp/v1/${store}/site`,
    });
    const generated = await fetch(`${api.url}/healthz`, { headers: { "X-Request-Id": "not a valid id!" } });
    expect(generated.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

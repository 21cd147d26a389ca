// The isolation proof, over everything the dashboard answers: every route handler and page found in src/app and
// every server action found in Next's action manifest is tried, by every role, against a store that is none of
// theirs, by slug and by id. Nothing of that store may come back, and nothing of it may change (its rows in every
// tenant table are fingerprinted before and after, through the database itself). A new route, page or action is
// covered the day it is added: the lists below are read from the build, and an action without sample input, or a
// route without a classification, fails the test until it has one.
//
// Shop-api joins through SURFACES (isolation-surfaces.ts): a surface names its base URL, how to list its routes and
// how each role authenticates; a shopper token of store A tried on store B is one more role.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { type APIRequestContext, type Browser, type BrowserContext, expect, test } from "@playwright/test";
import pg from "pg";
import { runningEmbeddedUrl } from "../../../packages/db/src/server/embedded";
import { baseURL } from "../playwright.config";
import { ownOrigin, signIn, signUp, uniqueEmail } from "./helpers";
import { placeOrder } from "./orders-db";
import { type Action, type ActionTarget, ACTION_INPUTS, appRoot, DASHBOARD, dashboardActions, encodeAction, ROLES, SESSION_ACTIONS } from "./isolation-surfaces";

type Rival = ActionTarget & { markers: string[]; owner: BrowserContext };

/**
 * A store of nobody else's: signed up fresh (no agency), with a table whose name is a marker of its data. Its owner
 * stays signed in, for the control.
 */
async function rivalStore(browser: Browser): Promise<Rival> {
  const owner = await browser.newContext({ baseURL });
  const page = await owner.newPage();
  const marker = randomUUID().slice(0, 6);
  const name = `隔离店${marker}`;
  await signUp(page, { name: "隔离", email: uniqueEmail("rival"), password: "rival-store-2026", storeName: name, template: "餐厅点餐" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const slug = new URL(page.url()).pathname.split("/").at(-1)!;
  await page.goto(`/stores/${slug}/tables`);
  await page.getByLabel("桌名").fill(`T${marker}`);
  await page.getByRole("button", { name: "添加餐桌" }).click();
  await expect(page.getByTestId("tables")).toContainText(`T${marker}`);
  const tableId = (await page.getByTestId("tables").locator('input[name="tableId"]').first().getAttribute("value"))!;
  const database = await openDatabase();
  const { rows } = await database.query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [slug]);
  await database.end();
  // A paid order of one of its shoppers, whose line, address and note are markers too.
  const order = await placeOrder(rows[0]!.id, {
    lines: [{ title: `隔离菜${marker}`, unitPriceFen: 1800, quantity: 1 }],
    delivery: { method: "express", address: { name: `收货${marker}`, phone: "13811112222", province: "四川省", city: "成都市", district: "", detail: "人民南路 1 号", postalCode: "" } },
    note: `备注${marker}`,
  });
  await page.close();
  return { slug, id: rows[0]!.id, tableId, orderId: order.id, markers: [name, `T${marker}`, `隔离菜${marker}`, `收货${marker}`, `备注${marker}`], owner };
}

async function openDatabase(): Promise<pg.Client> {
  const url = await runningEmbeddedUrl(path.join(appRoot, ".data/e2e"));
  if (!url) throw new Error("the browser tests' embedded PostgreSQL is not running");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Every row the store owns, in every table with a tenant_id (and its own tenants row), as one digest per table. */
async function fingerprint(tenantId: string): Promise<Record<string, string>> {
  const database = await openDatabase();
  try {
    // The analytics day rollups are left out: the workers' fold re-counts them from the store's own rows (which are
    // fingerprinted) on its own schedule, so they change during the test without any request doing it.
    const { rows: tables } = await database.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'tenant_id' AND table_name NOT LIKE 'analytics\\_day%' ORDER BY table_name",
    );
    const digests: Record<string, string> = {};
    for (const { table_name: table } of [...tables, { table_name: "tenants" }]) {
      const key = table === "tenants" ? "id" : "tenant_id";
      const { rows } = await database.query<{ digest: string }>(
        `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t WHERE ${key} = $1`,
        [tenantId],
      );
      digests[table] = rows[0]!.digest;
    }
    return digests;
  } finally {
    await database.end();
  }
}

/** A route's or page's URL aimed at the rival store (by `store`, its slug or its id). */
function urlOf(pattern: string, store: string, rival: ActionTarget): string {
  const values: Record<string, string> = {
    store, tenant: rival.id, tenantId: rival.id, secret: "guessed-secret", number: "1", batch: randomUUID(), item: randomUUID(), order: rival.orderId, round: randomUUID(),
    file: `${"0".repeat(64)}.png`, hash: "0".repeat(64), name: "tea.svg", fleet: randomUUID(),
  };
  return pattern.replace(/\[(\w+)\]/g, (_, param: string) => {
    if (!(param in values)) throw new Error(`isolation test: no value for [${param}] in ${pattern}; add one above`);
    return values[param]!;
  });
}

function expectNothingOf(rival: Rival, body: string, what: string) {
  for (const marker of rival.markers) expect(body, `${what} leaked "${marker}"`).not.toContain(marker);
}

test("no role reads or changes another store through any route, page or server action", async ({ browser }) => {
  test.setTimeout(20 * 60_000);
  const rival = await rivalStore(browser);
  const before = await fingerprint(rival.id);
  const routes = DASHBOARD.routes();
  const actions = dashboardActions();
  const unknownActions = actions.filter((action) => !(action.key in ACTION_INPUTS)).map((action) => action.key);
  expect(unknownActions, "server actions without sample input in ACTION_INPUTS").toEqual([]);
  expect(Object.keys(ACTION_INPUTS).filter((key) => !actions.some((action) => action.key === key)), "ACTION_INPUTS for actions that no longer exist").toEqual([]);
  let tried = 0;

  async function attempt(role: string, request: APIRequestContext, action: Action, ref: string): Promise<number> {
    const what = `${role}: action ${action.key} on ${ref}`;
    const response = await request.post(urlOf(action.page, ref, rival), {
      ...encodeAction(action, ACTION_INPUTS[action.key]!({ ...rival, slug: ref })),
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    expect(response.status(), what).toBeLessThan(500);
    expectNothingOf(rival, await response.text(), what);
    return 1;
  }

  for (const role of ROLES) {
    const context = await browser.newContext({ baseURL });
    if (role.email) await signIn(await context.newPage(), role.email);
    const request: APIRequestContext = context.request;
    for (const ref of [rival.slug, rival.id]) {
      for (const route of routes.filter((candidate) => candidate.access !== "public")) {
        const url = urlOf(route.pattern, ref, rival);
        for (const method of route.methods) {
          const response = await request.fetch(url, { method, headers: ownOrigin, maxRedirects: 0, failOnStatusCode: false });
          const what = `${role.name}: ${method} ${url}`;
          // Refused outright, or (pages, signed out) sent to sign in.
          if (response.status() === 307 || response.status() === 303) expect(response.headers().location, what).toMatch(/\/sign-in/);
          else expect([401, 403, 404, 405], what).toContain(response.status());
          expectNothingOf(rival, await response.text(), what);
          tried++;
        }
      }
      for (const action of actions.filter((candidate) => !SESSION_ACTIONS.has(candidate.key))) tried += await attempt(role.name, request, action, ref);
    }
    // Last, as they end or replace the role's session.
    for (const action of actions.filter((candidate) => SESSION_ACTIONS.has(candidate.key))) tried += await attempt(role.name, request, action, rival.slug);
    await context.close();
  }
  await rival.owner.close();
  console.log(`isolation: ${tried} attempts by ${ROLES.length} roles over ${routes.length} routes and pages and ${actions.length} actions`);
  expect(await fingerprint(rival.id)).toEqual(before);
});

test("the same requests do reach the store for its own owner, so the refusals above are the guard's", async ({ browser }) => {
  // The control: if the requests were malformed, every role would be refused and the proof above would prove nothing.
  const own = await rivalStore(browser);
  const before = await fingerprint(own.id);
  const actions = dashboardActions();
  for (const key of ["tables.ts#addTableAction", "catalog.ts#saveCategoryAction", "wechat.ts#saveWechatAppAction"]) {
    const action = actions.find((candidate) => candidate.key === key)!;
    const response = await own.owner.request.post(urlOf(action.page, own.slug, own), { ...encodeAction(action, ACTION_INPUTS[key]!(own)), failOnStatusCode: false });
    expect(response.status(), key).toBe(200);
  }
  const after = await fingerprint(own.id);
  for (const table of ["dining_tables", "catalog_categories", "wechat_credentials", "audit_events"]) expect(after[table], table).not.toBe(before[table]);
  await own.owner.close();
});

test("every state-changing route handler refuses a request from another site, even with a valid session", async ({ browser }) => {
  const context = await browser.newContext({ baseURL });
  await signIn(await context.newPage(), "shop@demo.kaidian.test");
  const database = await openDatabase();
  const { rows } = await database.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'shanye-coffee'");
  await database.end();
  const own = { slug: "shanye-coffee", id: rows[0]!.id, tableId: randomUUID(), orderId: randomUUID(), markers: [] };
  const before = await fingerprint(own.id);
  let tried = 0;
  for (const route of DASHBOARD.routes().filter((candidate) => candidate.kind === "route")) {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const url = urlOf(route.pattern, own.slug, own);
      const response = await context.request.fetch(url, {
        method,
        headers: { Origin: "https://evil.example" },
        multipart: { file: { name: "x.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) } },
        failOnStatusCode: false,
      });
      const what = `${method} ${url}`;
      // 403 from the route wrapper; 405 where the route has no such method.
      expect(route.methods.includes(method) ? [403] : [405], what).toContain(response.status());
      if (response.status() === 403) expect((await response.json()).error.code, what).toBe("request.foreignOrigin");
      tried++;
    }
  }
  expect(tried).toBeGreaterThan(0);
  expect(await fingerprint(own.id)).toEqual(before);
  await context.close();
});

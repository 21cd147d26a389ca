// The store's 数据 page and the agency's, in a real browser: views recorded as shop-api records them, orders written
// as shop-api writes them and folded as the worker folds them; the figures, the charts (drawn by Recharts in the
// browser) and the top items as the merchant reads them, with a screenshot to look at.
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { type AnalyticsEventInput } from "../../../packages/analytics/src/index";
import { recordEvents } from "../../../packages/analytics/src/server/events";
import { foldOrders } from "../../../packages/analytics/src/server/fold";
import { Database } from "../../../packages/db/src/database";
import { runningEmbeddedUrl } from "../../../packages/db/src/server/embedded";
import { signIn, signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { placeOrder, query } from "./orders-db";

const DAY_MS = 86_400_000;

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = new Database((await runningEmbeddedUrl(path.join(appRoot, ".data/e2e")))!, { maxConnections: 2 });
  try {
    return await work(db);
  } finally {
    await db.disconnect();
  }
}

async function shopStore(page: Page) {
  await signUp(page, { name: "周数据", email: uniqueEmail("analytics"), password: "analytics-test-2026", storeName: "数据咖啡" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const store = new URL(page.url()).pathname.split("/").at(-1)!;
  const [row] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [store]);
  const items = await query<{ id: string; title: string }>("SELECT id, title FROM catalog_items WHERE tenant_id = $1 ORDER BY position, id LIMIT 2", [row!.id]);
  return { store, tenantId: row!.id, items };
}

test("the store's 数据 page shows the week's visitors, orders, amount, conversion, shoppers and top items, charted", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const { store, tenantId, items } = await shopStore(page);
  const [beans, cups] = items;
  // Five visitors over the last three days (one each day comes back); two look at the beans, one at the cups.
  const visitors = Array.from({ length: 5 }, () => crypto.randomUUID());
  const views = (itemId?: string): AnalyticsEventInput[] => [
    { kind: "pageView", page: "pages/home/index", ageMs: 0 },
    ...(itemId ? [{ kind: "itemView" as const, page: "pages/item/index", itemId, ageMs: 0 }] : []),
  ];
  await withDatabase(async (db) => {
    for (const [index, visitorId] of visitors.entries()) {
      const now = new Date(Date.now() - (index % 3) * DAY_MS);
      await recordEvents(db, { tenantId, shopperId: null, batch: { visitorId, events: views(index < 2 ? beans!.id : index === 2 ? cups!.id : undefined) }, now });
    }
  });
  // Two paid orders today and one yesterday, one unpaid: ¥176.00 + ¥32.00 + ¥48.00 paid.
  const beansOrder = await placeOrder(tenantId, { lines: [{ title: beans!.title, unitPriceFen: 8800, quantity: 2 }] });
  await placeOrder(tenantId, { lines: [{ title: cups!.title, unitPriceFen: 3200, quantity: 1 }] });
  await placeOrder(tenantId, { lines: [{ title: cups!.title, unitPriceFen: 4800, quantity: 1 }], at: new Date(Date.now() - DAY_MS) });
  await placeOrder(tenantId, { lines: [{ title: "未付", unitPriceFen: 500, quantity: 1 }], paid: false });
  await query("UPDATE order_lines SET item_id = $2 WHERE order_id = $1", [beansOrder.id, beans!.id]);
  await query("UPDATE order_lines SET item_id = $2 WHERE tenant_id = $1 AND title = $3", [tenantId, cups!.id, cups!.title]);
  await withDatabase((db) => foldOrders(db, { lagMs: 0 }));

  await page.getByRole("navigation", { name: "数据咖啡" }).getByRole("link", { name: "数据" }).click();
  await expect(page.getByRole("heading", { name: "数据概览" })).toBeVisible();
  const figure = (name: string) => page.locator(`[data-figure="${name}"] p`).nth(1);
  await expect(figure("visitors")).toHaveText("5");
  await expect(figure("paidOrders")).toHaveText("3");
  await expect(figure("paidAmount")).toHaveText("¥256.00");
  await expect(figure("averageOrder")).toHaveText("¥85.33");
  // Three paying shoppers of five visitors, all new to the store.
  await expect(figure("conversion")).toHaveText("60.0%");
  await expect(figure("newBuyers")).toHaveText("3");
  await expect(figure("returningBuyers")).toHaveText("0");
  const top = page.getByTestId("top-items").locator("tbody tr");
  await expect(top.first()).toContainText(beans!.title);
  await expect(top.first()).toContainText("¥176.00");
  // The charts are drawn in the browser: seven days on the axis, a bar for each of the two days with payments, and
  // both shopper slices.
  const daily = page.getByTestId("daily-chart");
  const days = daily.locator(".recharts-xAxis .recharts-cartesian-axis-tick");
  await expect(days).toHaveCount(7);
  await expect(daily.locator(".recharts-bar-rectangle")).toHaveCount(2);
  await expect(daily.locator(".recharts-line")).toHaveCount(2);
  await expect(page.getByTestId("buyers-chart").locator(".recharts-pie")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("store-analytics.png"), fullPage: true });

  // A range is a link: today only.
  await page.getByRole("link", { name: "今天" }).click();
  await expect(figure("paidOrders")).toHaveText("2");
  await expect(days).toHaveCount(1);
  // A range that cannot be shown says so and shows the week.
  await page.goto(`/stores/${store}/analytics?from=2026-12-09&to=2026-01-01`);
  await expect(page.getByRole("alert").filter({ hasText: "日期范围无效" })).toBeVisible();
  await expect(figure("paidOrders")).toHaveText("3");
});

test("an agency admin sees its stores' figures added up, store by store", async ({ page }, testInfo) => {
  await signIn(page, "agency@demo.kaidian.test");
  await page.goto("/agency");
  await page.getByRole("link", { name: "数据概览" }).click();
  // The page reads every store's figures before it answers: on a loaded machine that takes a while.
  await expect(page.getByRole("heading", { name: "全部店铺数据" })).toBeVisible({ timeout: 30_000 });
  const rows = page.getByTestId("store-figures").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  const stores = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM tenants t JOIN agency_members m ON m.agency_id = t.agency_id JOIN users u ON u.id = m.user_id WHERE u.email = $1",
    ["agency@demo.kaidian.test"],
  );
  await expect(rows).toHaveCount(stores[0]!.n);
  await expect(page.getByTestId("daily-chart").locator(".recharts-surface").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("agency-analytics.png"), fullPage: true });
});

// The kitchen display in a real browser against the real `npm start`: a table's two rounds appear on the open screen
// within a second of ordering, with no reload (PostgreSQL NOTIFY → server-sent events), newest first; dishes and a
// round are marked done; when the network drops the screen says it is offline, and once it is back it catches up with
// the round sent meanwhile. The inbox shows the table and its open tab. Screenshots go to test-results/kitchen/.
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { arrangeDining, sendTableRound } from "./kitchen-db";
import { query } from "./orders-db";

const shots = path.join(appRoot, "test-results/kitchen");

async function ownStore(page: Page, name: string): Promise<{ store: string; tenantId: string }> {
  await signUp(page, { name: "李师傅", email: uniqueEmail("kitchen"), password: "kitchen-test-2026", storeName: name });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const store = new URL(page.url()).pathname.split("/").at(-1)!;
  const [row] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [store]);
  return { store, tenantId: row!.id };
}

/** How long from the round's commit until its card shows on the screen. */
async function shownWithin(page: Page, send: () => Promise<{ id: string }>): Promise<number> {
  const round = await send();
  const sent = Date.now();
  await expect(page.locator(`[data-round="${round.id}"]`)).toBeVisible({ timeout: 15_000 });
  return Date.now() - sent;
}

test("a table's rounds reach the kitchen display live, are marked done, and the screen survives a dropped network", async ({ page }) => {
  test.setTimeout(240_000);
  const { store, tenantId } = await ownStore(page, "老街面馆后厨");
  const dining = await arrangeDining(tenantId);
  const noodles = { itemId: dining.dishes.noodles, quantity: 2, seenUnitPriceFen: 2800 };
  const tea = { itemId: dining.dishes.tea, quantity: 1, seenUnitPriceFen: 500 };

  await page.goto(`/stores/${store}/kitchen`);
  await expect(page.getByRole("heading", { name: "后厨屏" })).toBeVisible();
  await expect(page.getByTestId("kitchen-live")).toHaveAttribute("data-state", "online", { timeout: 30_000 });
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));

  const first = await shownWithin(page, () => sendTableRound(tenantId, dining, [noodles, tea]));
  const second = await shownWithin(page, () => sendTableRound(tenantId, dining, [tea]));
  test.info().annotations.push({ type: "order-to-screen", description: `${first} ms, ${second} ms` });
  expect(first).toBeLessThanOrEqual(1_000);
  expect(second).toBeLessThanOrEqual(1_000);

  // Newest first: round 2 above round 1, both of table 8.
  const cards = page.getByTestId("kitchen-round");
  await expect(cards.nth(0)).toContainText("第 2 轮");
  await expect(cards.nth(1)).toContainText("第 1 轮");
  await expect(cards.nth(1)).toContainText("8 桌");
  await expect(cards.nth(1)).toContainText("牛肉面");
  await expect(cards.nth(1)).toContainText("×2");
  expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  await page.screenshot({ path: `${shots}/two-rounds.png` });

  // Done per dish, then the round done once its last dish is.
  const older = cards.nth(1);
  await older.getByTestId("kitchen-dish").filter({ hasText: "牛肉面" }).click();
  await expect(older.getByTestId("kitchen-dish").filter({ hasText: "牛肉面" })).toHaveAttribute("data-done", "true");
  await expect(older).toHaveAttribute("data-stage", "inKitchen");
  await older.getByTestId("kitchen-dish").filter({ hasText: "大麦茶" }).click();
  await expect(older).toHaveAttribute("data-stage", "done");
  // And a whole round at once.
  await cards.nth(0).getByTestId("kitchen-round-done").click();
  await expect(cards.nth(0)).toHaveAttribute("data-stage", "done");
  const [stored] = await query<{ done: number }>("SELECT count(*)::int AS done FROM table_rounds WHERE tenant_id = $1 AND done_at IS NOT NULL", [tenantId]);
  expect(stored!.done).toBe(2);

  // The kitchen's network drops: the screen says so; a round sent meanwhile shows once it is back.
  await page.context().setOffline(true);
  await expect(page.getByTestId("kitchen-offline")).toBeVisible();
  await expect(page.getByTestId("kitchen-offline")).toContainText("网络已断开");
  await page.screenshot({ path: `${shots}/offline.png` });
  const meanwhile = await sendTableRound(tenantId, dining, [noodles]);
  await page.context().setOffline(false);
  await expect(page.getByTestId("kitchen-offline")).toBeHidden({ timeout: 30_000 });
  await expect(page.locator(`[data-round="${meanwhile.id}"]`)).toBeVisible({ timeout: 15_000 });
  await expect(cards.nth(0)).toContainText("第 3 轮");
  await page.screenshot({ path: `${shots}/caught-up.png` });

  // The inbox shows the table with its open tab.
  await page.goto(`/stores/${store}/orders`);
  const table = page.getByTestId("dining-table").filter({ hasText: "8 桌" });
  await expect(table).toHaveAttribute("data-open", "true");
  await expect(table).toContainText("先吃后付 · 3 轮");
  await expect(table).toContainText("¥122.00");
  await page.screenshot({ path: `${shots}/inbox-tables.png`, fullPage: true });

  // A round sent while staff look at the bill: marking the old amount paid is refused with the new one.
  const late = await sendTableRound(tenantId, dining, [tea]);
  await table.getByRole("button", { name: "前台已收款" }).click();
  await expect(table.getByRole("alert")).toHaveText("这桌刚加了菜，金额已变为 ¥127.00，请核对后再收款。");
  // Paid at the counter for the amount shown now: the bill is paid and the table is free.
  await page.reload();
  await expect(table).toContainText("¥127.00");
  await table.getByRole("button", { name: "前台已收款" }).click();
  await expect(table).toHaveAttribute("data-open", "false");
  await expect(table).toContainText("空闲");

  // The cash bill is not WeChat Pay's to refund: its page says why, with no refund form.
  await page.goto(`/stores/${store}/orders/${late.orderId}`);
  await expect(page.getByTestId("paid-at-counter")).toContainText("没有经过微信支付");
  await expect(page.getByLabel("退款金额（元）")).toHaveCount(0);
  await page.screenshot({ path: `${shots}/paid-at-counter.png`, fullPage: true });
});

// Calling the queue in a real browser against the real `npm start`: the owner of a restaurant switches online numbers
// on with a subscribe template; numbers taken by shoppers (written as shop-api writes them) appear on the open queue
// page live, with no reload; staff call the next number (the page records that the guest could not be told: the
// store has no AppSecret), then seat it. Screenshots go to test-results/queue/.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { Database } from "../../../packages/db/src/database";
import { runningEmbeddedUrl } from "../../../packages/db/src/server/embedded";
import { takeNumber } from "../../../packages/queue/src/server/tickets";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { query } from "./orders-db";

const shots = path.join(appRoot, "test-results/queue");

/** A shopper takes a number in the store, as shop-api's POST /queue/tickets does. */
async function take(tenantId: string, partySize: number): Promise<string> {
  const url = await runningEmbeddedUrl(path.join(appRoot, ".data/e2e"));
  const db = new Database(url!, { maxConnections: 1 });
  try {
    return await db.scoped({ tenantId }, async (tx) => {
      const shopper = await tx.shopper.create({ data: { tenantId, openid: `o${randomUUID().replaceAll("-", "")}` } });
      const taken = await takeNumber(tx, { tenantId, shopperId: shopper.id, partySize });
      if (!taken.ok) throw new Error(`no number: ${taken.refusal}`);
      return `${taken.ticket.prefix}${String(taken.ticket.number).padStart(3, "0")}`;
    });
  } finally {
    await db.disconnect();
  }
}

async function ownRestaurant(page: Page): Promise<{ store: string; tenantId: string }> {
  await signUp(page, { name: "赵老板", email: uniqueEmail("queue"), password: "queue-test-2026", storeName: "叫号面馆", template: "餐厅点餐" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const store = new URL(page.url()).pathname.split("/").at(-1)!;
  const [row] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [store]);
  return { store, tenantId: row!.id };
}

test("numbers taken appear live; staff call the next one and seat it", async ({ page }) => {
  test.setTimeout(240_000);
  const { store, tenantId } = await ownRestaurant(page);
  await page.getByRole("navigation").getByRole("link", { name: "排队叫号" }).click();
  await expect(page.getByRole("heading", { name: "排队叫号", exact: true })).toBeVisible();
  await expect(page.getByText("线上取号未开启")).toBeVisible();

  await page.getByRole("link", { name: "排队设置" }).click();
  await page.getByLabel("开启线上取号").check();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "排队设置已保存。" })).toBeVisible();
  const [saved] = await query<{ settings: { enabled: boolean } }>("SELECT settings FROM queue_settings WHERE tenant_id = $1", [tenantId]);
  expect(saved!.settings.enabled).toBe(true);
  // The "called" message's template is on the 消息通知 page, linked from the queue's settings.
  await page.getByTestId("queue-templates-link").getByRole("link", { name: "消息通知" }).click();
  const calledForm = page.getByTestId("message-form-queueCalled");
  await calledForm.getByLabel("模板 ID").fill("queueCalledTemplate-e2e-0123456789abcdef");
  await calledForm.getByLabel("号码（排队号或取餐号）（必填）").fill("character_string1");
  await calledForm.getByLabel("店铺名称").fill("thing2");
  await calledForm.getByRole("button", { name: "保存" }).click();
  await expect(calledForm.getByRole("status")).toHaveText("已保存。");

  await page.goto(`/stores/${store}/queue`);
  await expect(page.getByTestId("queue-live")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));
  const first = await take(tenantId, 2);
  const second = await take(tenantId, 2);
  const board = page.getByTestId("queue-board");
  await expect(board.locator(`[data-ticket="${second}"][data-status="waiting"]`)).toBeVisible({ timeout: 30_000 });
  await expect(board.locator('[data-group="A"]')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  await page.screenshot({ path: `${shots}/waiting.png`, fullPage: true });

  await page.getByTestId("call-next-A").click();
  const called = board.locator(`[data-ticket="${first}"][data-status="called"]`);
  await expect(called).toBeVisible({ timeout: 30_000 });
  await expect(called).toContainText("未发送：未填写小程序 AppSecret");
  await page.screenshot({ path: `${shots}/called.png`, fullPage: true });

  await called.getByRole("button", { name: "入座" }).click();
  await expect(page.getByTestId("queue-closed").locator(`[data-ticket="${first}"]`)).toContainText("已入座", { timeout: 30_000 });
  await expect(board.locator(`[data-ticket="${second}"][data-status="waiting"]`)).toBeVisible();
  const sends = await query<{ outcome: string; problem: string }>("SELECT outcome, problem FROM subscribe_sends WHERE tenant_id = $1", [tenantId]);
  expect(sends).toEqual([{ outcome: "notSetUp", problem: "appSecret" }]);
  await page.screenshot({ path: `${shots}/seated.png`, fullPage: true });
});

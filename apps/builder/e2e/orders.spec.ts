// The merchant's order inbox in a real browser against the real `npm start`: a shopper's paid order appears live in
// the open inbox with no reload (PostgreSQL NOTIFY → server-sent events), rings when asked to, is found by its
// spoken number, opened, shipped with tracking (recorded in its history and queued for WeChat's shipping upload),
// printed as a packing slip and exported as CSV; a refund request is declined; the owner's order settings and the
// AppSecret are saved. Screenshots of each page go to test-results/orders/.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { placeOrder, query, requestRefund } from "./orders-db";

const shots = path.join(appRoot, "test-results/orders");

/** A store of the test's own, its owner signed in: what it saves changes no other test's store. */
async function ownStore(page: Page, name: string): Promise<{ store: string; tenantId: string }> {
  await signUp(page, { name: "王芳", email: uniqueEmail("orders"), password: "orders-test-2026", storeName: name });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const store = new URL(page.url()).pathname.split("/").at(-1)!;
  const [row] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [store]);
  return { store, tenantId: row!.id };
}

test("a paid order arrives live, is found, shipped with tracking, printed and exported", async ({ page }) => {
  test.setTimeout(240_000);
  const { store, tenantId } = await ownStore(page, "山野咖啡订单店");
  await page.getByRole("navigation").getByRole("link", { name: "订单" }).click();
  await expect(page).toHaveURL(new RegExp(`/stores/${store}/orders$`));
  await expect(page.getByRole("heading", { name: "订单", exact: true })).toBeVisible();
  await expect(page.getByTestId("orders-live")).toHaveAttribute("data-state", "connected", { timeout: 30_000 });
  await page.getByLabel("新付款订单响铃").check();
  // A mark on the window that a reload would wipe.
  await page.evaluate(() => Object.assign(window, { stillThisPage: true }));

  const order = await placeOrder(tenantId, {
    lines: [
      { title: "耶加雪菲 浅烘 250g", unitPriceFen: 8800, quantity: 2, skuOptions: ["250g", "咖啡豆"] },
      { title: "=HYPERLINK(\"http://evil.example\")", unitPriceFen: 1250, quantity: 1 },
    ],
    delivery: { method: "express", address: { name: "李雷", phone: "13912345678", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号 3 单元", postalCode: "310000" }, feeFen: 1000 },
    note: "请用纸箱包装，谢谢",
    shopperPhone: "13800138000",
  });
  const row = page.getByTestId("orders").locator(`tr[data-order="${order.number}"]`);
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText("¥198.50");
  await expect(row).toContainText("待发货");
  await expect(page.getByRole("status").filter({ hasText: `新的已付款订单：${order.number}` })).toBeVisible();
  await expect(page.getByTestId("orders-live")).toHaveAttribute("data-rings", "1");
  expect(await page.evaluate(() => (window as unknown as { stillThisPage?: boolean }).stillThisPage)).toBe(true);
  await page.screenshot({ path: `${shots}/inbox.png`, fullPage: true });

  // Found by its number as a shopper reads it out, with spaces instead of the dash.
  await page.getByLabel("搜索").fill(order.number.replace("-", " "));
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.getByTestId("orders").locator("tbody tr")).toHaveCount(1);
  await expect(row).toBeVisible();

  // The CSV of what the inbox shows: BOM, one row per line, yuan with two decimals, the formula defused.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 CSV" }).click();
  const file = readFileSync((await (await download).path())!, "utf8");
  expect(file.startsWith("\ufeff订单号,")).toBe(true);
  const lines = file.trimEnd().split("\r\n");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`${order.number},`);
  expect(lines[1]).toContain(",耶加雪菲 浅烘 250g,250g / 咖啡豆,2,88.00,176.00,10.00,198.50,198.50,0.00,,");
  expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);

  await row.getByRole("link", { name: order.number }).click();
  await expect(page.getByRole("heading", { name: `订单 ${order.number}` })).toBeVisible();
  await expect(page.getByTestId("order-lines")).toContainText("耶加雪菲 浅烘 250g");
  await expect(page.getByTestId("order-amounts")).toContainText("¥198.50");
  await expect(page.getByTestId("order-delivery")).toContainText("浙江省 杭州市 西湖区 文三路 100 号 3 单元");
  await expect(page.getByTestId("order-delivery")).toContainText("请用纸箱包装，谢谢");
  await expect(page.getByTestId("order-delivery")).toContainText("13800138000");
  await expect(page.getByTestId("order-history")).toContainText("下单");
  await expect(page.getByTestId("order-history")).toContainText("付款成功");

  // A tracking number WeChat would refuse is refused at its field, and nothing changes.
  await page.getByLabel("快递公司").fill("顺丰速运");
  await page.getByLabel("运单号").fill("SF 12");
  await page.getByRole("button", { name: "确认发货" }).click();
  await expect(page.getByText("运单号为 4–40 位字母、数字或横线。")).toBeVisible();
  await page.getByLabel("运单号").fill("SF1234567890");
  await page.getByRole("button", { name: "确认发货" }).click();
  await expect(page.getByTestId("ship-form")).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId("order-tracking")).toHaveText("顺丰速运 SF1234567890", { timeout: 15_000 });
  const history = page.getByTestId("order-history");
  await expect(history.locator("li").last()).toContainText("发货");
  await expect(history.locator("li").last()).toContainText("店主 王芳");
  await expect(history.locator("li").last()).toContainText("顺丰速运 SF1234567890");
  const [stored] = await query<{ status: string; shipping_upload: string | null; tracking: unknown }>("SELECT status, shipping_upload, tracking FROM orders WHERE id = $1", [order.id]);
  expect(stored).toEqual({ status: "shipped", shipping_upload: "pending", tracking: { company: "顺丰速运", number: "SF1234567890" } });
  await page.screenshot({ path: `${shots}/order.png`, fullPage: true });

  await page.getByRole("link", { name: "打印发货单" }).click();
  await expect(page.getByTestId("slip-number")).toHaveText(order.number);
  await expect(page.getByTestId("slip-lines")).toContainText("耶加雪菲 浅烘 250g");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("nav").first()).toBeHidden();
  await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
  // On paper the slip keeps its store, number and lines; only the dashboard around it goes.
  await expect(page.getByTestId("slip-number")).toBeVisible();
  await expect(page.getByTestId("slip-lines")).toBeVisible();
  await page.screenshot({ path: `${shots}/slip-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
});

test("a refund request is declined with a reason, and a pickup order is marked picked up", async ({ page }) => {
  test.setTimeout(120_000);
  const { store, tenantId } = await ownStore(page, "退款自提店");
  const asked = await placeOrder(tenantId, { lines: [{ title: "挂耳咖啡 10 包", unitPriceFen: 5900, quantity: 1 }] });
  await requestRefund(tenantId, asked.id, "买错了口味");
  const pickup = await placeOrder(tenantId, { lines: [{ title: "手冲壶", unitPriceFen: 12900, quantity: 1 }], delivery: { method: "pickup", pickupAddress: "门店前台" } });

  await page.goto(`/stores/${store}/orders?status=refundRequested`);
  await expect(page.getByTestId("orders").locator(`tr[data-order="${asked.number}"]`)).toContainText("退款申请");
  await page.goto(`/stores/${store}/orders/${asked.id}`);
  await expect(page.getByText("买错了口味").first()).toBeVisible();
  await page.getByRole("button", { name: "拒绝退款" }).click();
  await expect(page.getByText("请填写理由（最多 200 字）。")).toBeVisible();
  await page.getByLabel("拒绝理由").fill("商品已拆封，不支持退款");
  await page.getByRole("button", { name: "拒绝退款" }).click();
  await expect(page.getByTestId("order-history").locator("li").last()).toContainText("原因：商品已拆封，不支持退款", { timeout: 15_000 });
  await expect(page.getByTestId("order-history").locator("li").last()).toContainText("拒绝退款");
  await expect(page.getByRole("button", { name: "拒绝退款" })).toBeHidden();

  // The merchant may still refund: what the lifecycle refuses never reaches WeChat Pay, and a store that has not set
  // up WeChat Pay says so; nothing is recorded either way.
  const refund = page.getByTestId("refund-form");
  const amount = refund.getByLabel("退款金额（元）");
  await expect(amount).toHaveValue("59.00");
  await amount.fill("100");
  await refund.getByLabel("退款理由").fill("补偿运费");
  await refund.getByRole("button", { name: "确认退款" }).click();
  await expect(refund).toContainText("退款 ¥100.00 超过可退金额 ¥59.00。");
  await amount.fill("10");
  await refund.getByRole("checkbox").check();
  await refund.getByRole("button", { name: "确认退款" }).click();
  await expect(refund).toContainText("只有退还全部可退金额时才能退回库存。");
  await refund.getByRole("checkbox").uncheck();
  await refund.getByRole("button", { name: "确认退款" }).click();
  await expect(refund).toContainText("店铺尚未开通微信支付。");
  expect(await query("SELECT id FROM refunds WHERE order_id = $1", [asked.id])).toEqual([]);

  await page.goto(`/stores/${store}/orders/${pickup.id}`);
  await expect(page.getByTestId("order-delivery")).toContainText("自提点：门店前台");
  await page.getByRole("button", { name: "顾客已取货" }).click();
  await expect(page.getByTestId("order-history").locator("li").last()).toContainText("确认自提", { timeout: 15_000 });
  const [stored] = await query<{ status: string; shipping_upload: string | null }>("SELECT status, shipping_upload FROM orders WHERE id = $1", [pickup.id]);
  expect(stored).toEqual({ status: "completed", shipping_upload: "pending" });
});

test("the owner sets delivery and the time to pay, and stores the AppSecret without ever seeing it again", async ({ page }) => {
  const { store } = await ownStore(page, "设置订单店");
  await page.goto(`/stores/${store}/orders`);
  await page.getByRole("link", { name: "订单设置" }).click();
  await page.getByLabel("提供快递配送").uncheck();
  await page.getByLabel("提供到店自提（免运费）").uncheck();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("请至少提供快递配送或到店自提中的一种。")).toBeVisible();
  await page.getByLabel("提供到店自提（免运费）").check();
  await page.getByLabel("自提地址").fill("杭州市文三路 100 号 山野咖啡");
  await page.getByLabel("未付款订单保留（分钟）").fill("30");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("订单设置已保存。")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("自提地址")).toHaveValue("杭州市文三路 100 号 山野咖啡");
  await expect(page.getByLabel("未付款订单保留（分钟）")).toHaveValue("30");
  await page.screenshot({ path: `${shots}/settings.png`, fullPage: true });

  await page.goto(`/stores/${store}/wechat`);
  const secret = "0123456789abcdef0123456789abcdef";
  // The secret belongs to an AppID: that comes first.
  await page.getByLabel("AppSecret", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "保存 AppSecret" }).click();
  await expect(page.getByText("请先保存 AppID")).toBeVisible();
  await page.getByLabel("AppID").fill("wx0123456789abcdef");
  await page.locator("form").filter({ has: page.getByLabel("AppID") }).getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已保存。", { exact: true })).toBeVisible();
  await page.getByLabel("AppSecret", { exact: true }).fill("not-a-secret");
  await page.getByRole("button", { name: "保存 AppSecret" }).click();
  await expect(page.getByText("AppSecret 是 32 位十六进制字符")).toBeVisible();
  await page.getByLabel("AppSecret", { exact: true }).fill(secret);
  await page.getByRole("button", { name: "保存 AppSecret" }).click();
  await expect(page.getByText("AppSecret 已保存。")).toBeVisible();
  await expect(page.getByTestId("app-secret-status")).toContainText("已保存 AppSecret");
  await page.reload();
  await expect(page.getByTestId("app-secret-status")).toContainText("已保存 AppSecret");
  expect(await page.content()).not.toContain(secret);
  await page.screenshot({ path: `${shots}/wechat.png`, fullPage: true });

  await page.goto(`/stores/${store}/publish`);
  await expect(page.locator('[data-check="wechat.appSecret"]')).toHaveAttribute("data-status", "ok");
  await expect(page.locator('[data-check="payments.setUp"]')).toHaveAttribute("data-status", "failed");
  await expect(page.locator('[data-check="payments.setUp"]').getByRole("link", { name: "去设置微信支付" })).toHaveAttribute("href", `/stores/${store}/settings/payments`);
});

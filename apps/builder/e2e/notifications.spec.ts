// 消息通知: a restaurant's owner sets up the subscribe-message templates its store sends (paid, ready, called; no
// shipping for a restaurant), each refusal shown at its field; then an order's page shows how each message about
// it went, WeChat's refusal in the merchant's words. Screenshots go to test-results/notifications/.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { placeOrder, query } from "./orders-db";

const shots = path.join(appRoot, "test-results/notifications");
const PAID = "orderPaidTemplate-e2e-0123456789abcdefghijkl";

test("an owner picks the templates of the store's messages, and an order's page shows how each went", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, { name: "周老板", email: uniqueEmail("notify"), password: "notify-test-2026", storeName: "通知面馆", template: "餐厅点餐" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const store = new URL(page.url()).pathname.split("/").at(-1)!;
  const [tenant] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [store]);

  await page.goto(`/stores/${store}/settings`);
  await page.getByRole("link", { name: "消息通知" }).click();
  await expect(page.getByRole("heading", { name: "消息通知", exact: true })).toBeVisible();
  // A restaurant's messages, in order; shipping is a shop's.
  await expect(page.locator("section h2")).toHaveText(["付款成功", "取餐提醒（外带备好）", "排队叫号"]);
  await expect(page.getByTestId("no-test-send")).toContainText("这里不提供测试发送");

  const paid = page.getByTestId("message-form-orderPaid");
  await paid.getByLabel("模板 ID").fill("too-short");
  await paid.getByRole("button", { name: "保存" }).click();
  await expect(paid.getByRole("alert")).toHaveText("模板 ID 为 20–64 位字母、数字、下划线或横线，从微信公众平台复制。");

  // The order number is what the message is about: left out, it is asked for at its field.
  await paid.getByLabel("模板 ID").fill(PAID);
  await paid.getByLabel("支付金额").fill("amount2");
  await paid.getByRole("button", { name: "保存" }).click();
  await expect(paid.getByRole("alert")).toHaveText("这一项必须对应模板的一个关键词，消息才说得清。");
  await expect(paid.getByLabel("订单号（必填）")).toHaveAttribute("aria-invalid", "true");

  await paid.getByLabel("订单号（必填）").fill("character_string1");
  await paid.getByLabel("商品").fill("amount2");
  await paid.getByRole("button", { name: "保存" }).click();
  await expect(paid.getByRole("alert")).toHaveText("同一个关键词不能用于两个字段。");
  await paid.getByLabel("商品").fill("thing3");
  await paid.getByLabel("支付时间").fill("time4");
  await paid.getByRole("button", { name: "保存" }).click();
  await expect(paid.getByRole("status")).toHaveText("已保存。");
  const [saved] = await query<{ template_id: string; keywords: Record<string, string> }>("SELECT template_id, keywords FROM subscribe_templates WHERE tenant_id = $1 AND purpose = 'orderPaid'", [tenant!.id]);
  expect(saved).toEqual({ template_id: PAID, keywords: { orderNumber: "character_string1", amount: "amount2", items: "thing3", time: "time4" } });

  await page.reload();
  const paidCard = page.locator("section").filter({ has: page.getByRole("heading", { name: "付款成功" }) });
  await expect(paidCard.getByText("已设置", { exact: true })).toBeVisible();
  await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "排队叫号" }) }).getByText("未设置", { exact: true })).toBeVisible();
  await expect(paid.getByLabel("订单号（必填）")).toHaveValue("character_string1");
  await page.screenshot({ path: `${shots}/settings.png`, fullPage: true });

  // The queue's settings link here instead of a form of their own.
  await page.goto(`/stores/${store}/queue/settings`);
  await page.getByTestId("queue-templates-link").getByRole("link", { name: "消息通知" }).click();
  await expect(page.getByRole("heading", { name: "消息通知", exact: true })).toBeVisible();

  // An order the shopper paid; its paid message was refused by WeChat for its data, recorded as shop-api does.
  const order = await placeOrder(tenant!.id, { lines: [{ title: "牛肉面", unitPriceFen: 2800, quantity: 1 }], delivery: { method: "pickup", pickupAddress: "老街 8 号" }, paid: true });
  const [row] = await query<{ shopper_id: string }>("SELECT shopper_id FROM orders WHERE id = $1", [order.id]);
  await query("INSERT INTO subscribe_sends (tenant_id, purpose, subject_id, shopper_id, template_id, outcome, problem) VALUES ($1, 'orderPaid', $2, $3, $4, 'failed', 'subscribe.badData')", [tenant!.id, order.id, row!.shopper_id, PAID]);
  await query("INSERT INTO subscribe_sends (tenant_id, purpose, subject_id, shopper_id, template_id, outcome, problem) VALUES ($1, 'orderReady', $2, $3, NULL, 'notSetUp', 'template')", [tenant!.id, order.id, row!.shopper_id]);
  await page.goto(`/stores/${store}/orders/${order.id}`);
  const messages = page.getByTestId("order-messages");
  await expect(messages.locator('[data-purpose="orderPaid"]')).toContainText("付款成功");
  await expect(messages.locator('[data-purpose="orderPaid"]')).toContainText("发送失败：订阅消息内容不符合模板要求（长度或字符）。");
  await expect(messages.locator('[data-purpose="orderReady"]')).toContainText("未发送：未设置模板");
  await page.screenshot({ path: `${shots}/order.png`, fullPage: true });
});

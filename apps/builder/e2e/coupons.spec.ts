// Coupons in a real browser against the real `npm start`: an owner opens 营销, is told what is wrong with a coupon
// (at the field), creates a 满50减5 coupon and a percentage coupon for one category, sees both listed with their
// terms, and stops one. Screenshots go to test-results/coupons/.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";

const shots = path.join(appRoot, "test-results/coupons");

test("an owner creates coupons, sees them listed, and stops one", async ({ page }) => {
  await signUp(page, { name: "钱老板", email: uniqueEmail("coupons"), password: "coupon-test-2026", storeName: "领券小铺", template: "电商商城" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  await page.getByRole("navigation").getByRole("link", { name: "营销" }).click();
  await expect(page.getByRole("heading", { name: "优惠券", exact: true })).toBeVisible();
  await expect(page.getByText("还没有优惠券。")).toBeVisible();

  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "创建优惠券" }) });
  await form.getByLabel("名称").fill("新客立减");
  await form.getByLabel("减免金额（元）").fill("80");
  await form.getByLabel("使用门槛（元）").fill("50");
  await form.getByRole("button", { name: "创建优惠券" }).click();
  await expect(form.getByText("减免金额不能大于使用门槛。")).toBeVisible();

  await form.getByLabel("减免金额（元）").fill("5");
  await form.getByLabel("发放总量").fill("200");
  await form.getByRole("button", { name: "创建优惠券" }).click();
  const first = page.locator("tr[data-coupon='新客立减']");
  await expect(first).toContainText("¥5 · 满50元可用");
  await expect(first).toContainText("领取后 30 天");
  await expect(first).toContainText("0 / 200");
  await expect(first).toContainText("发放中");

  // The form starts afresh for the next coupon.
  await expect(form.getByLabel("名称")).toHaveValue("");
  await expect(form.getByLabel("减金额")).toBeChecked();
  await form.getByLabel("名称").fill("茶饮八五折");
  await form.getByLabel("打折").check();
  await form.getByLabel("减免百分比").fill("15");
  await form.getByLabel("固定日期").check();
  await form.getByLabel("开始日期").fill("2030-01-01");
  await form.getByLabel("结束日期").fill("2030-01-31");
  await form.getByLabel("指定分类或商品").check();
  await form.getByRole("button", { name: "创建优惠券" }).click();
  await expect(form.getByText("请至少选择一个分类或商品。")).toBeVisible();
  await form.locator("input[name=categoryIds]").first().check();
  await form.getByRole("button", { name: "创建优惠券" }).click();
  const second = page.locator("tr[data-coupon='茶饮八五折']");
  await expect(second).toContainText("8.5折 · 无门槛");
  await expect(second).toContainText("2030-01-01 – 2030-01-31");
  await page.screenshot({ path: path.join(shots, "coupons.png"), fullPage: true });

  await first.getByRole("button", { name: "停止发放" }).click();
  await expect(first).toContainText("已停止");
  await expect(first.getByRole("button", { name: "停止发放" })).toHaveCount(0);
  await expect(second).toContainText("发放中");
});

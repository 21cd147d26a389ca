// An order's discount in its three parts on the merchant's order page, in a real browser against the real
// `npm start`: a member's order that used a coupon, their level's discount and points (written as shop-api writes
// one) lists each on its own line, with the points spent, in Chinese and in English. Screenshots go to
// test-results/order-discounts/.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { placeOrder, query } from "./orders-db";

const shots = path.join(appRoot, "test-results/order-discounts");

test("the order page shows the coupon, member level and points discounts apart", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, { name: "周店长", email: uniqueEmail("discounts"), password: "discounts-test-2026", storeName: "折扣小铺", template: "电商商城" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const store = new URL(page.url()).pathname.split("/").at(-1)!;
  const [tenant] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [store]);

  // ¥96 of goods and ¥10 of delivery; ¥5 coupon, 金卡's 5% (¥4.80), then 456 points for ¥4.56.
  const order = await placeOrder(tenant!.id, {
    lines: [{ title: "手冲壶", unitPriceFen: 4800, quantity: 2 }],
    delivery: { method: "express", address: { name: "李雷", phone: "13912345678", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文三路 100 号", postalCode: "" }, feeFen: 1000 },
    discounts: { couponFen: 500, levelFen: 480, pointsUsed: 456, pointsFen: 456 },
  });
  await page.goto(`/stores/${store}/orders/${order.id}`);
  const amounts = page.getByTestId("order-amounts");
  await expect(amounts).toBeVisible();
  const lines = async () => (await amounts.locator("dt").allInnerTexts()).map((text) => text.trim());
  expect(await lines()).toEqual(["商品合计", "运费", "优惠券", "会员折扣", "积分抵扣（456 积分）", "订单金额", "实付"]);
  await expect(page.getByTestId("discount-coupon")).toHaveText("-¥5.00");
  await expect(page.getByTestId("discount-level")).toHaveText("-¥4.80");
  await expect(page.getByTestId("discount-points")).toHaveText("-¥4.56");
  await expect(amounts).toContainText("¥91.64");
  await amounts.screenshot({ path: `${shots}/amounts-zh.png` });
  await page.screenshot({ path: `${shots}/order-zh.png`, fullPage: true });

  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(amounts.locator("dt").filter({ hasText: "Member discount" })).toBeVisible();
  expect(await lines()).toEqual(expect.arrayContaining(["Coupon", "Member discount", "Points (456 points)"]));
  await amounts.screenshot({ path: `${shots}/amounts-en.png` });
  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(amounts.locator("dt").filter({ hasText: "会员折扣" })).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "./helpers";

test("a merchant signs up, picks the hotel template and lands on the new store's dashboard", async ({ page }) => {
  const email = uniqueEmail("hotelier");
  await signUp(page, { name: "何湖", email, password: "lakeside-rooms-2026", storeName: "西湖边小旅馆", template: "酒店预订" });

  await expect(page).toHaveURL(/\/stores\/store-[0-9a-f]{6}$/);
  await expect(page.getByRole("heading", { name: "西湖边小旅馆" })).toBeVisible();
  await expect(page.getByTestId("store-role")).toHaveText("店主");
  const nav = page.getByRole("navigation", { name: "西湖边小旅馆" });
  await expect(nav.getByRole("link")).toHaveText(["概览", "店铺装修", "订单", "数据", "房型", "预订", "房态房价", "营销", "会员", "发布", "微信设置", "设置", "支付设置"]);
});

test("sign-up explains every bad field at once, keeps what was typed and writes nothing", async ({ page }) => {
  const email = "not-an-email";
  await signUp(page, { name: "林小野", email, password: "short1", storeName: "店".repeat(31) });

  await expect(page.getByText("请检查标红的字段。")).toBeVisible();
  await expect(page.getByText("邮箱格式不正确。")).toBeVisible();
  await expect(page.getByText("密码至少需要 10 位。")).toBeVisible();
  await expect(page.getByText("店铺名称最多 30 个字。")).toBeVisible();
  await expect(page.getByLabel("你的名字")).toHaveValue("林小野");
  await expect(page.getByLabel("密码", { exact: true })).toHaveValue("");

  await page.getByLabel("邮箱", { exact: true }).fill(uniqueEmail("fixed"));
  await page.getByLabel("密码", { exact: true }).fill("password123");
  await page.getByRole("button", { name: "创建店铺" }).click();
  await expect(page.getByText("这个密码太常见，容易被猜中，请换一个。")).toBeVisible();
});

test("sign-up with a registered email says so and creates no second store", async ({ page, browser }) => {
  const email = uniqueEmail("twice");
  await signUp(page, { name: "第一次", email, password: "first-store-2026", storeName: "第一家店" });
  await expect(page).toHaveURL(/\/stores\//);

  const other = await browser.newPage();
  await signUp(other, { name: "第二次", email: email.toUpperCase(), password: "second-store-2026", storeName: "第二家店" });
  await expect(other.getByText("该邮箱已注册，请直接登录。")).toBeVisible();

  // The original owner still has exactly one store.
  await signIn(other, email, "first-store-2026");
  const switcher = other.getByRole("combobox", { name: "切换店铺" });
  await expect(switcher.locator("option")).toHaveText(["第一家店", "+ 新建店铺"]);
});

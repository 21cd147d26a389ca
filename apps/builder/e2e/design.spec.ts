import { expect, test, type Page } from "@playwright/test";
import { templates } from "@kaidian/templates";
import { signIn, signUp, uniqueEmail } from "./helpers";

const storeForm = (page: Page) => page.getByRole("form", { name: "店铺信息" });
const themeForm = (page: Page) => page.getByRole("form", { name: "主题" });

async function newHotel(page: Page) {
  await signUp(page, { name: "林小姐", email: uniqueEmail("design"), password: "lakeview2026", storeName: "林间小屋", template: "酒店预订" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/);
  await page.getByRole("link", { name: "店铺装修" }).first().click();
  await expect(page).toHaveURL(/\/design$/);
}

test("a new store starts from its template's sample as a draft, listed in the design history", async ({ page }) => {
  await newHotel(page);
  const history = page.getByTestId("version-history").getByRole("listitem").first();
  await expect(history).toContainText("第 1 版");
  await expect(history).toContainText("草稿");
  await expect(history).toContainText("第一个版本，从模板示例开始");
  await expect(page.getByLabel("店铺名称")).toHaveValue("林间小屋");
});

test("store info saves itself to the draft, refuses what the schema refuses, and keeps what was typed", async ({ page }, testInfo) => {
  await newHotel(page);
  await page.getByLabel("营业时间").fill("前台 24 小时");
  await expect(storeForm(page).getByRole("status")).toHaveText("已保存草稿");

  await page.getByLabel("店铺名称").fill("");
  await expect(page.getByText("必填。")).toBeVisible();
  await expect(storeForm(page).getByRole("status")).toHaveText("请先修正标红的内容，修正后自动保存");
  await page.getByLabel("联系电话").fill("0872-abc");
  await expect(page.getByText("只能填数字、空格、+ 和 -，最多 20 个。")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("store-info-invalid.png"), fullPage: true });

  await page.reload();
  await expect(page.getByLabel("店铺名称")).toHaveValue("林间小屋");
  await expect(page.getByLabel("营业时间")).toHaveValue("前台 24 小时");
});

test("a save from a stale draft is refused with who changed it, never overwriting their change", async ({ page: first, context }) => {
  await newHotel(first);
  const second = await context.newPage();
  await second.goto(first.url());

  await first.getByLabel("一句话介绍").fill("推窗见山");
  await expect(storeForm(first).getByRole("status")).toHaveText("已保存草稿");

  await second.getByLabel("营业时间").fill("早八晚十");
  await expect(second.getByRole("alert").filter({ hasText: "林小姐 刚刚也修改了这份草稿" })).toBeVisible();
  await second.getByRole("button", { name: "重新载入" }).click();
  await expect(second.getByLabel("一句话介绍")).toHaveValue("推窗见山");
  await expect(second.getByLabel("营业时间")).toHaveValue(templates.hotel.sample.config.store.hours ?? "");
});

test("a published demo store keeps its published version in the history", async ({ page }) => {
  await signIn(page, "hotel@demo.kaidian.test");
  await page.goto("/stores/lakeside-inn/design");
  const published = page.getByTestId("version-history").getByRole("listitem").filter({ hasText: "第 1 版" });
  await expect(published).toContainText("已发布");
});

test("publishing makes the draft the live version; restoring an earlier one brings it back as a new draft", async ({ page }, testInfo) => {
  await newHotel(page);
  const history = page.getByTestId("version-history").getByRole("listitem");
  await page.getByRole("button", { name: "发布草稿" }).click();
  await expect(history.filter({ hasText: "第 1 版" })).toContainText("顾客正在看的版本");
  await expect(history.first()).toContainText("第 2 版");

  await page.getByLabel("店铺名称").fill("林间小屋 · 二号院");
  await expect(storeForm(page).getByRole("status")).toHaveText("已保存草稿");
  await page.getByRole("button", { name: "发布草稿" }).click();
  await expect(history.filter({ hasText: "第 2 版" })).toContainText("顾客正在看的版本");
  await expect(history.filter({ hasText: "第 2 版" })).toContainText("店铺信息：店铺名称");

  await history.filter({ hasText: "第 1 版" }).getByRole("button", { name: "恢复为草稿" }).click();
  await expect(history.first()).toContainText("从第 1 版恢复");
  await expect(page.getByLabel("店铺名称")).toHaveValue("林间小屋");
  await page.screenshot({ path: testInfo.outputPath("history-restored.png"), fullPage: true });
});

test("theme and store info save one after the other on the same draft, without conflicting with each other", async ({ page }, testInfo) => {
  await newHotel(page);
  await page.getByLabel("主色").fill("#12");
  await expect(themeForm(page).getByText("格式不正确。")).toBeVisible();
  await page.getByLabel("主色").fill("#aa3300");
  await page.getByLabel("圆角").selectOption({ label: "大圆角" });
  await expect(themeForm(page).getByRole("status")).toHaveText("已保存草稿");
  await page.getByLabel("营业时间").fill("全天营业");
  await expect(storeForm(page).getByRole("status")).toHaveText("已保存草稿");

  await page.reload();
  await expect(page.getByLabel("主色")).toHaveValue("#aa3300");
  await expect(page.getByLabel("圆角")).toHaveValue("round");
  await expect(page.getByLabel("营业时间")).toHaveValue("全天营业");
  await page.screenshot({ path: testInfo.outputPath("design-forms.png") });
});

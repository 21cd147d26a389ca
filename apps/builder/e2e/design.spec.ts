import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "./helpers";

test("a new store starts from its template's sample as a draft, listed in the design history", async ({ page }) => {
  await signUp(page, { name: "林小姐", email: uniqueEmail("design"), password: "lakeview2026", storeName: "林间小屋", template: "酒店预订" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/);
  await page.getByRole("link", { name: "店铺装修" }).first().click();
  const history = page.getByTestId("version-history").getByRole("listitem").first();
  await expect(history).toContainText("第 1 版");
  await expect(history).toContainText("草稿");
  await expect(history).toContainText("模板示例内容");
});

test("a published demo store shows its published version", async ({ page }, testInfo) => {
  await signIn(page, "hotel@demo.kaidian.test");
  await page.goto("/stores/lakeside-inn/design");
  const history = page.getByTestId("version-history").getByRole("listitem").first();
  await expect(history).toContainText("第 1 版");
  await expect(history).toContainText("已发布");
  await page.screenshot({ path: testInfo.outputPath("design-history.png"), fullPage: true });
});

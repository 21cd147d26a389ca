import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Runs in the "phone" project only (see playwright.config.ts).
test("on a phone the store sections are a row of tabs above the page", async ({ page }) => {
  await signIn(page, "shop@demo.kaidian.test");
  const nav = page.getByRole("navigation", { name: "山野咖啡豆铺" });
  const main = page.locator("main");
  const [navBox, mainBox] = [await nav.boundingBox(), await main.boundingBox()];
  expect(navBox!.y + navBox!.height).toBeLessThanOrEqual(mainBox!.y + 1);
  await nav.getByRole("link", { name: "设置", exact: true }).click();
  await expect(page).toHaveURL(/\/settings$/);
});

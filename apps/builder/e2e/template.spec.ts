import { expect, test } from "@playwright/test";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { signIn, signUp, uniqueEmail } from "./helpers";

test("a merchant sees each template as a rendered sample store and switches, told first what changes", async ({ page }, testInfo) => {
  await signUp(page, { name: "换模板的人", email: uniqueEmail("switch"), password: "switch-2026-pass", storeName: "街角小店" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/);
  const store = new URL(page.url()).pathname;

  await page.goto(`${store}/template`);
  const previews = page.getByTestId("live-preview");
  await expect(previews).toHaveCount(3);
  for (const preview of await previews.all()) await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 20_000 });
  // Rendered from each template's sample, so the restaurant card shows its menu's dishes, not a picture of them.
  const restaurant = page.getByRole("listitem").filter({ hasText: "餐厅点餐" });
  await expect(restaurant.getByTestId("live-preview")).toContainText("老街面馆");
  await expect(page.getByRole("listitem").filter({ hasText: "电商商城" })).toContainText("当前模板");
  await page.screenshot({ path: testInfo.outputPath("template-gallery.png"), fullPage: true });

  await restaurant.getByRole("link", { name: "改用此模板" }).click();
  const plan = page.getByTestId("template-switch-plan");
  await expect(page.getByRole("heading", { name: "改用「餐厅点餐」前请确认" })).toBeVisible();
  await expect(plan).toContainText("保留的组件");
  await expect(plan).toContainText("不再显示的组件");
  await expect(plan).toContainText("点餐 · 点餐菜单");
  await expect(page.getByText("顾客看到的小程序在你发布前不会变化")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("template-switch-plan.png"), fullPage: true });

  await page.getByRole("button", { name: "确认改用" }).click();
  await expect(page).toHaveURL(new RegExp(`${store}/design$`));
  await page.goto(`${store}/template`);
  await expect(page.getByRole("listitem").filter({ hasText: "餐厅点餐" })).toContainText("当前模板");
  // The store keeps its own name on the new template.
  await expect(page.getByRole("listitem").filter({ hasText: "餐厅点餐" }).getByTestId("live-preview")).toBeVisible();
});

test("a merchant cannot see or switch another merchant's template", async ({ page }) => {
  const lakeside = DEMO_STORES.find((store) => store.slug === "lakeside-inn")!;
  await signIn(page, "shop@demo.kaidian.test");
  for (const ref of [lakeside.slug, lakeside.id]) {
    const response = await page.goto(`/stores/${ref}/template?to=restaurant`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText(lakeside.name)).toHaveCount(0);
  }
});

import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/** The first day of the month after the store's current one, and its month, as the dashboard names them. */
function nextMonth() {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  first.setUTCMonth(first.getUTCMonth() + 1);
  return first.toISOString().slice(0, 7);
}

test("a hotel owner sets a weekend rate and closes a night, and sees both in the month grid", async ({ page }) => {
  await signIn(page, "hotel@demo.kaidian.test");
  await page.goto("/stores/lakeside-inn");
  await page.getByRole("link", { name: "房态房价" }).click();
  await expect(page.getByRole("heading", { name: "房态房价" })).toBeVisible();

  const month = nextMonth();
  await page.getByRole("link", { name: "下个月" }).click();
  await expect(page).toHaveURL(new RegExp(`month=${month}`));
  const room = await page.getByLabel("房型", { exact: true }).locator("option:checked").textContent();
  await expect(page.getByRole("grid", { name: new RegExp(`${room}`) })).toBeVisible();

  // The weekend rate: the whole month, Fridays and Saturdays, ¥688.
  await page.getByLabel("开始日期").fill(`${month}-01`);
  await page.getByLabel("结束日期").fill(`${month}-28`);
  await page.getByRole("button", { name: "周五、周六" }).click();
  await page.getByRole("radio", { name: "设为（元/晚）" }).check();
  await page.getByLabel("每晚房价（元）").fill("688");
  await page.getByRole("button", { name: "应用到所选日期" }).click();
  await expect(page.getByRole("status")).toHaveText("已更新 8 晚。");

  const day = (date: string) => page.locator(`[data-date="${date}"]`);
  const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
  const dates = Array.from({ length: 28 }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
  const saturday = dates.find((date) => weekday(date) === 6)!;
  const monday = dates.find((date) => weekday(date) === 1)!;
  await expect(day(saturday)).toContainText("¥688");
  await expect(day(saturday)).toHaveAttribute("aria-label", /已调整/);
  await expect(day(monday)).not.toContainText("¥688");

  // Close one night, chosen with the keyboard: from the Monday, one day right, Enter.
  await day(monday).focus();
  await page.keyboard.press("ArrowRight");
  const tuesday = dates[dates.indexOf(monday) + 1]!;
  await expect(day(tuesday)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("开始日期")).toHaveValue(tuesday);
  await expect(page.getByLabel("结束日期")).toHaveValue(tuesday);
  await page.getByRole("button", { name: "每天" }).click();
  await page.getByRole("radio", { name: "关房（不可预订）" }).check();
  await page.getByRole("button", { name: "应用到所选日期" }).click();
  await expect(page.getByRole("status")).toHaveText("已更新 1 晚。");
  await expect(day(tuesday)).toContainText("关房");
  await expect(day(saturday)).toContainText("¥688");

  // A refused change keeps what was typed and says where.
  await page.getByRole("radio", { name: "设为", exact: true }).check();
  await page.getByLabel("可售房数（间）").fill("50");
  await page.getByRole("button", { name: "应用到所选日期" }).click();
  await expect(page.getByText(/可售房数不能超过/)).toBeVisible();
  await expect(page.getByLabel("可售房数（间）")).toHaveValue("50");
  await page.screenshot({ path: test.info().outputPath("rates.png"), fullPage: true });
});

test("a restaurant has no rate calendar", async ({ page }) => {
  await signIn(page, "noodles@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles");
  await expect(page.getByRole("link", { name: "房态房价" })).toHaveCount(0);
  expect((await page.goto("/stores/old-street-noodles/rates"))?.status()).toBe(404);
});

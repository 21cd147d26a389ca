import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("the dashboard speaks Simplified Chinese first and switches to English, remembering the choice", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "登录开店" })).toBeVisible();

  await page.getByRole("combobox", { name: "语言" }).selectOption("en");
  await expect(page.getByRole("heading", { name: "Sign in to Kaidian" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByLabel("Email", { exact: true }).fill("hotel@demo.kaidian.test");
  await page.getByLabel("Password", { exact: true }).fill("wrong-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("The email or password is incorrect.")).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill("kaidian-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "湖畔民宿" }).getByRole("link")).toHaveText(["Overview", "Design", "Orders", "Analytics", "Rooms", "Bookings", "Rates", "Marketing", "Members", "Publish", "WeChat settings", "Settings", "Payments"]);

  await page.getByRole("combobox", { name: "Language" }).selectOption("zh-CN");
  await expect(page.getByRole("link", { name: "概览" })).toBeVisible();
});

test("merchant text is shown as text, never run as markup", async ({ page }) => {
  await signIn(page, "agency@demo.kaidian.test");
  const name = `<img src=x onerror="document.title='x'">{{x}}`.slice(0, 30);
  await page.getByLabel("店铺名称").fill(name);
  await page.getByRole("button", { name: "创建店铺" }).click();
  await expect(page.getByTestId("agency-stores").getByText(name, { exact: true })).toBeVisible();
  await expect(page).not.toHaveTitle("x");
});

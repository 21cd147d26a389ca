import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "./helpers";

test("a store owner reads who changed the WeChat settings and invited whom, when and from which address", async ({ page }, testInfo) => {
  const email = uniqueEmail("audited");
  await signUp(page, { name: "审计店主", email, password: "audit-owner-2026", storeName: "审计小店" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/);
  const base = new URL(page.url()).pathname;

  await page.goto(`${base}/wechat`);
  const app = page.locator("section").filter({ has: page.getByRole("heading", { name: "小程序与上传密钥" }) });
  await app.getByLabel("AppID").fill("wx1234567890abcdef");
  await app.getByRole("button", { name: "保存", exact: true }).click();
  await expect(app.getByRole("status")).toHaveText(/已保存|AppID 已更换/);

  await page.goto(`${base}/settings`);
  await page.getByLabel("邮箱", { exact: true }).fill("helper@example.test");
  await page.getByRole("button", { name: "生成邀请链接" }).click();
  await expect(page.getByText("邀请链接已生成")).toBeVisible();

  await page.getByRole("link", { name: "查看操作记录" }).click();
  await expect(page.getByRole("heading", { name: "操作记录" })).toBeVisible();
  const rows = page.getByTestId("audit-log").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("邀请 helper@example.test 成为店员");
  await expect(rows.nth(1)).toContainText("修改了小程序 AppID（wx1234567890abcdef）");
  for (const row of [rows.nth(0), rows.nth(1)]) {
    await expect(row).toContainText("审计店主");
    await expect(row).toContainText(email);
    await expect(row).toContainText(/127\.0\.0\.1|::1/);
  }
  await page.screenshot({ path: testInfo.outputPath("audit-log.png"), fullPage: true });

  // Staff cannot read it.
  await page.context().clearCookies();
  await signIn(page, "staff@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles/settings/audit");
  await expect(page.getByText("你的角色（店员）不能使用此页面。")).toBeVisible();
});

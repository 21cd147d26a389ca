import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";

test("an owner invites staff, who join by the link and appear in the member list", async ({ page, browser }) => {
  await signIn(page, "noodles@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles/settings");
  const email = uniqueEmail("waiter");
  await page.getByLabel("邮箱", { exact: true }).fill(email);
  await page.getByRole("button", { name: "生成邀请链接" }).click();
  await expect(page.getByText(`邀请链接已生成，请复制发送给 ${email}：`)).toBeVisible();
  const link = await page.getByTestId("invitation-link").inputValue();
  await expect(page.getByText(`${email} · 店员`)).toBeVisible();

  const staff = await browser.newPage();
  await staff.goto(link);
  await staff.getByLabel("你的名字").fill("跑堂小王");
  await staff.getByLabel("密码", { exact: true }).fill("serve-noodles-2026");
  await staff.getByRole("button", { name: "创建账号并加入" }).click();
  await expect(staff.getByTestId("store-role")).toHaveText("店员");

  await staff.goto(link);
  await expect(staff.getByText("此邀请已被接受。")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("members")).toContainText("跑堂小王");
  await expect(page.getByText(`${email} · 店员`)).toHaveCount(0);
});

test("inviting an existing member or a malformed email is refused on the field", async ({ page }) => {
  await signIn(page, "noodles@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles/settings");
  await page.getByLabel("邮箱", { exact: true }).fill("staff@demo.kaidian.test");
  await page.getByRole("button", { name: "生成邀请链接" }).click();
  await expect(page.getByText("对方已经是本店成员。")).toBeVisible();
  await page.getByLabel("邮箱", { exact: true }).fill("staff@");
  await page.getByRole("button", { name: "生成邀请链接" }).click();
  await expect(page.getByText("邮箱格式不正确。")).toBeVisible();
});

test("a tampered invitation link is a 404", async ({ page }) => {
  const response = await page.goto("/invite/7a1d0000-0000-4000-8000-000000000103/not-a-real-secret");
  expect(response?.status()).toBe(404);
});

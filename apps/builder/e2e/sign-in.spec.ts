import { expect, test } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "./helpers";

test("the session cookie is httpOnly and SameSite, and signing out ends it", async ({ page, context }) => {
  await signIn(page, "shop@demo.kaidian.test");
  await expect(page).toHaveURL(/\/stores\/shanye-coffee$/);
  const session = (await context.cookies()).find((cookie) => cookie.name === "kaidian_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await page.getByLabel("shop@demo.kaidian.test").click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/stores/shanye-coffee");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
});

test("a wrong password is refused, and repeated failures lock the account for a while", async ({ page }) => {
  const email = uniqueEmail("locked");
  await signUp(page, { name: "锁", email, password: "right-password-2026", storeName: "锁店" });
  await expect(page).toHaveURL(/\/stores\//);
  await page.context().clearCookies();

  for (let i = 0; i < 5; i++) {
    await page.goto("/sign-in");
    await page.getByLabel("邮箱", { exact: true }).fill(email);
    await page.getByLabel("密码", { exact: true }).fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("邮箱或密码不正确。")).toBeVisible();
    await expect(page.getByLabel("邮箱", { exact: true })).toHaveValue(email);
  }
  await page.getByLabel("密码", { exact: true }).fill("right-password-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("尝试次数过多，请 15 分钟后再试。")).toBeVisible();
});

test("after signing in, the visitor goes back to the page they asked for, but never off-site", async ({ page }) => {
  await page.goto("/stores/old-street-noodles/catalog");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel("邮箱", { exact: true }).fill("noodles@demo.kaidian.test");
  await page.getByLabel("密码", { exact: true }).fill("kaidian-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/stores\/old-street-noodles$/);

  await page.context().clearCookies();
  await page.goto("/sign-in?next=//evil.example/steal");
  await page.getByLabel("邮箱", { exact: true }).fill("noodles@demo.kaidian.test");
  await page.getByLabel("密码", { exact: true }).fill("kaidian-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/localhost:\d+\/stores\/old-street-noodles$/);
});

test("a new X-Forwarded-For on every try does not get around the lockout: no proxy is trusted by default", async ({ page }) => {
  const email = uniqueEmail("forged");
  await signUp(page, { name: "伪", email, password: "right-password-2026", storeName: "伪店" });
  await expect(page).toHaveURL(/\/stores\//);
  await page.context().clearCookies();

  for (let i = 1; i <= 6; i++) {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": `198.51.100.${i}`, "X-Forwarded-Proto": "https" });
    await page.goto("/sign-in");
    await page.getByLabel("邮箱", { exact: true }).fill(email);
    await page.getByLabel("密码", { exact: true }).fill(i === 6 ? "right-password-2026" : `wrong-password-${i}`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText(i === 6 ? "尝试次数过多，请 15 分钟后再试。" : "邮箱或密码不正确。")).toBeVisible();
  }
});

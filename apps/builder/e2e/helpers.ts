import { randomUUID } from "node:crypto";
import { type Page, expect } from "@playwright/test";
import { DEMO_PASSWORD } from "../../../prisma/demo-data";
import { baseURL } from "../playwright.config";

/** The Origin a browser sends with a write from the dashboard's own pages; route handlers refuse writes without it. */
export const ownOrigin = { Origin: baseURL };

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.test`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("邮箱", { exact: true }).fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  // The first sign-in of a run may wait for a cold server on a loaded machine.
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 30_000 });
}

export async function signUp(page: Page, fields: { name: string; email: string; password: string; storeName: string; template?: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("你的名字").fill(fields.name);
  await page.getByLabel("邮箱", { exact: true }).fill(fields.email);
  await page.getByLabel("密码", { exact: true }).fill(fields.password);
  await page.getByLabel("店铺名称").fill(fields.storeName);
  if (fields.template) await page.locator("label").filter({ hasText: fields.template }).click();
  await page.getByRole("button", { name: "创建店铺" }).click();
}

import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { fakeOpenPlatformUrl, shopApiURL } from "../playwright.config";
import { signIn } from "./helpers";

/** Drives the fake open platform as WeChat would act: pushing tickets and events, the merchant's Mini Programs. */
async function fake(command: string, body: Record<string, string>) {
  const answer = await fetch(`${fakeOpenPlatformUrl}/__fake/${command}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`${command}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

test("an owner authorises the store's Mini Program to the platform by WeChat's page, and sees a withdrawal", async ({ page, context }) => {
  // WeChat pushes its verify ticket to shop-api every 10 minutes; here, once.
  await fake("event-url", { url: `${shopApiURL}/wechat/component/events` });
  expect(await fake("push-ticket", {})).toMatchObject({ answer: { status: 200, body: "success" } });

  await signIn(page, "shop@demo.kaidian.test");
  await page.goto("/stores/shanye-coffee/wechat");
  await expect(page.getByTestId("platform-authorization-status")).toHaveText("尚未授权。");
  // The merchant's Mini Program is the one the store is set up with, when it has one.
  const appid = (await page.getByLabel("AppID").inputValue()) || `wx${randomBytes(8).toString("hex")}`;
  await fake("mini-programs", { appid, name: "山野咖啡" });

  await page.getByRole("button", { name: "扫码授权小程序" }).click();
  await expect(page.getByTestId("platform-authorization-qr").locator("svg")).toBeVisible();
  const link = page.getByTestId("platform-authorization-link");
  expect(new URL(await link.getAttribute("href") ?? "").searchParams.get("auth_type")).toBe("2");

  // WeChat's page, in another tab as on another device: approving sends that tab back to the dashboard.
  const approval = await context.newPage();
  await approval.goto((await link.getAttribute("href"))!);
  await approval.getByRole("button", { name: "授权「山野咖啡」" }).click();
  await expect(approval.getByTestId("authorization-done")).toContainText(`小程序 ${appid} 已授权给平台`);
  await approval.close();

  // The settings page learns of it by itself.
  await expect(page.getByTestId("platform-authorization-status")).toContainText(`已授权：小程序 ${appid}`, { timeout: 15_000 });
  await expect(page.getByLabel("AppID")).toHaveValue(appid);
  await page.screenshot({ path: "test-results/wechat-platform-authorized.png", fullPage: true });

  // The merchant withdraws in WeChat: WeChat's push reaches shop-api, and the page says so.
  await fake("withdraw", { appid });
  await page.reload();
  await expect(page.getByTestId("platform-authorization-status")).toContainText(`小程序 ${appid} 的授权已于`);
  await expect(page.getByRole("button", { name: "扫码授权小程序" })).toBeVisible();
});

test("a return address that was tampered with authorises nothing", async ({ page }) => {
  await page.goto("/wechat/authorized/eyJ0IjoiMDAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAwIiwiZSI6OTk5OTk5OTk5OX0.forged?auth_code=queryauthcode@@@x");
  await expect(page.getByTestId("authorization-failed")).toContainText("授权链接无效");
});

// Releasing through the third-party platform, in the browser against the fake open platform: three stores are
// authorised by WeChat's page, committed, audited and released from their 微信设置 page, following WeChat's verdict
// live; one is rejected first (WeChat's reason and the fix shown), fixed and released on a second audit. Then the
// agency releases the three as a fleet and follows its live table. Runs after wechat-platform.spec.ts, which expects
// the coffee shop never authorised.
import { randomBytes } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { fakeOpenPlatformUrl, shopApiURL } from "../playwright.config";
import { signIn } from "./helpers";

/** Drives the fake open platform as WeChat would act. */
async function fake(command: string, body: Record<string, unknown>) {
  const answer = await fetch(`${fakeOpenPlatformUrl}/__fake/${command}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`${command}: ${answer.status} ${await answer.text()}`);
  return answer.json();
}

const TEMPLATE_ID = 31;
const REASON = "小程序页面内容与所选服务类目不符：请在首页展示所售商品的实拍图片";

/** Authorises the store's Mini Program on WeChat's page (another tab, as another device); its appid. */
async function authorise(page: Page, context: BrowserContext, store: { slug: string; name: string }): Promise<string> {
  await page.goto(`/stores/${store.slug}/wechat`);
  const appid = (await page.getByLabel("AppID").inputValue()) || `wx${randomBytes(8).toString("hex")}`;
  await fake("mini-programs", { appid, name: store.name });
  await page.getByRole("button", { name: /扫码授权小程序|重新授权/ }).click();
  const link = page.getByTestId("platform-authorization-link");
  await expect(link).toBeVisible();
  const approval = await context.newPage();
  await approval.goto((await link.getAttribute("href"))!);
  await approval.getByRole("button", { name: `授权「${store.name}」` }).click();
  await expect(approval.getByTestId("authorization-done")).toContainText(`小程序 ${appid} 已授权给平台`);
  await approval.close();
  await expect(page.getByTestId("platform-authorization-status")).toContainText(`已授权：小程序 ${appid}`, { timeout: 15_000 });
  return appid;
}

async function submit(page: Page, version: string, description: string) {
  const form = page.getByTestId("release-form");
  await expect(form.getByLabel("审核类目")).toContainText("商业服务 > 软件服务提供商");
  await form.getByLabel("模板版本").selectOption({ label: `1.2.0（模板 ${TEMPLATE_ID}）· 开店通用模板` });
  await form.getByLabel("版本号").fill(version);
  await form.getByLabel("版本描述").fill(description);
  await form.getByRole("button", { name: /提交代码并送审|修改后重新送审/ }).click();
  await expect(page.getByTestId("release-current")).toHaveAttribute("data-status", "auditing", { timeout: 15_000 });
  await expect(page.getByTestId("release-current")).toContainText("审核中");
}

test("three stores are authorised, committed, audited and released; a rejection shows WeChat's reason and the fix", async ({ page, context }) => {
  test.setTimeout(240_000);
  await fake("event-url", { url: `${shopApiURL}/wechat/component/events` });
  await fake("push-ticket", {});
  await fake("message-url", { url: `${shopApiURL}/wechat/component/apps/$APPID$/events` });
  await fake("template", { templateId: TEMPLATE_ID, userVersion: "1.2.0", desc: "开店通用模板" });

  await signIn(page, "agency@demo.kaidian.test");
  const stores = DEMO_STORES.map((store) => ({ slug: store.slug, name: store.name, appid: "" }));
  for (const store of stores) {
    store.appid = await authorise(page, context, store);
    await expect(page.getByTestId("release-card")).toContainText("将提交的装修：版本");
    await submit(page, "1.2.0", "首次通过平台发布");
  }
  const [first, rejected, third] = stores as [(typeof stores)[0], (typeof stores)[0], (typeof stores)[0]];

  // WeChat decides while the first store's page is open: the card follows the verdict by itself.
  await page.goto(`/stores/${first.slug}/wechat`);
  await expect(page.getByTestId("release-live")).toHaveAttribute("data-state", "connected");
  expect(await fake("decide-audits", { reject: { [rejected.appid]: REASON }, screenshots: { [rejected.appid]: ["mediaid_Kx9e2Qw", "mediaid_Lp3r7Tz"] } })).toEqual({ decided: 3 });
  await expect(page.getByTestId("release-current")).toHaveAttribute("data-status", "approved", { timeout: 15_000 });
  await expect(page.getByTestId("release-current")).toContainText("审核通过，待发布");
  await page.getByRole("button", { name: "发布上线" }).click();
  await expect(page.getByTestId("release-current")).toHaveAttribute("data-status", "released", { timeout: 15_000 });
  await expect(page.getByTestId("release-current")).toContainText("已上线");

  // The rejected store: WeChat's reason, its screenshots and what to do, then a second submission.
  await page.goto(`/stores/${rejected.slug}/wechat`);
  const rejection = page.getByTestId("release-rejection");
  await expect(rejection).toContainText("微信审核未通过");
  await expect(page.getByTestId("release-reason")).toHaveText(REASON);
  await expect(rejection).toContainText("mediaid_Kx9e2Qw");
  await expect(page.getByTestId("release-fix")).toContainText("按上面的原因修改店铺");
  await page.getByTestId("release-card").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/wechat-release-rejected.png", fullPage: true });
  await submit(page, "1.2.1", "首页补充商品实拍图");
  await expect(page.getByTestId("release-rejection")).toHaveCount(0);
  expect(await fake("decide-audits", {})).toEqual({ decided: 1 });
  await expect(page.getByTestId("release-current")).toHaveAttribute("data-status", "approved", { timeout: 15_000 });
  await page.getByRole("button", { name: "发布上线" }).click();
  await expect(page.getByTestId("release-current")).toHaveAttribute("data-status", "released", { timeout: 15_000 });
  await page.getByTestId("release-card").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/wechat-release-released.png", fullPage: true });

  await page.goto(`/stores/${third.slug}/wechat`);
  await expect(page.getByTestId("release-current")).toHaveAttribute("data-status", "approved");
  await page.getByRole("button", { name: "发布上线" }).click();
  await expect(page.getByTestId("release-current")).toHaveAttribute("data-status", "released", { timeout: 15_000 });
  // Two clicks release once: nothing is left to release.
  await expect(page.getByRole("button", { name: "发布上线" })).toHaveCount(0);

  // The agency releases a new version to the three as a fleet: one store first, the rest once it is live.
  await page.goto("/agency/publish");
  const form = page.getByTestId("fleet-form");
  await expect(form.getByTestId("fleet-stores")).toContainText(first.appid);
  await form.getByLabel("版本号").fill("1.3.0");
  await form.getByLabel("版本描述").fill("会员与优惠券");
  await form.getByLabel("一级类目").fill("商业服务");
  await form.getByLabel("二级类目").fill("软件服务提供商");
  await form.getByLabel("首批比例（%）").fill("30");
  await form.getByLabel("每分钟提审数").fill("10");
  await page.screenshot({ path: "test-results/wechat-fleet-form.png", fullPage: true });
  await form.getByRole("button", { name: "开始批量发布" }).click();
  await expect(page).toHaveURL(/\/agency\/publish\/fleets\/[0-9a-f-]{36}$/);
  const rows = page.getByTestId("fleet-rows").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "首批" })).toHaveCount(1);
  // The worker sends the first stage, WeChat approves, the worker releases it and sends the rest, which WeChat approves.
  await expect(rows.filter({ hasText: "审核中" })).toHaveCount(1, { timeout: 30_000 });
  await page.screenshot({ path: "test-results/wechat-fleet-running.png", fullPage: true });
  await fake("decide-audits", {});
  await expect(rows.filter({ hasText: "审核中" })).toHaveCount(2, { timeout: 30_000 });
  await expect(rows.filter({ hasText: "已上线" })).toHaveCount(1);
  await fake("decide-audits", {});
  await expect(page.getByTestId("fleet-summary")).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(rows.filter({ hasText: "已上线" })).toHaveCount(3);
  await page.screenshot({ path: "test-results/wechat-fleet-done.png", fullPage: true });
});

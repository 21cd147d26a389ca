// Publishing against the fake WeChat CI service (packages/wechat/src/testing), through the product's own workers:
// packages built on the runtime miniprogram-ci compiled once, sent with miniprogram-ci's client; the fake refuses
// any file that is not compiled and minified.
import { expect, test } from "@playwright/test";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { signIn } from "./helpers";
import { appidFor, fakeWechat, setUpWechat } from "./wechat";

// Builds upload for real; the first compiles the runtime if the cache is empty: up to a minute under load.
test.setTimeout(300_000);

test("a merchant sets up WeChat, passes the checks and previews the store on WeChat by QR code", async ({ page }) => {
  const appid = appidFor(1);
  await signIn(page, "hotel@demo.kaidian.test");
  await page.goto("/stores/lakeside-inn/publish");
  const checks = page.getByTestId("readiness");
  await expect(checks.locator('[data-check="wechat.key"]')).toHaveAttribute("data-status", "failed");
  await expect(page.getByText("先完成上面的必需检查")).toBeVisible();
  await page.getByRole("link", { name: "去微信设置" }).first().click();
  await expect(page.getByRole("heading", { name: "微信设置", level: 1 })).toBeVisible();

  // The privacy guide lists what the hotel's package handles.
  const uses = page.getByTestId("privacy-uses");
  await expect(uses).toContainText("手机号：为了酒店联系你确认预订（客房预订申请）");
  // The demo hotel has set no map location, so its package asks for none.
  await expect(uses).not.toContainText("位置信息");

  // A public key is refused, at the key field, and nothing is stored.
  await page.getByLabel("AppID").fill(appid);
  await page.getByRole("button", { name: "保存" }).first().click();
  await page.getByLabel("或粘贴密钥内容").fill("-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n-----END PUBLIC KEY-----");
  await page.getByRole("button", { name: "上传密钥" }).click();
  await expect(page.getByText("这是公钥。请上传从微信下载的私钥文件（private.wx….key）。")).toBeVisible();
  await expect(page.getByLabel("或粘贴密钥内容")).toHaveValue("");
  await expect(page.getByTestId("key-status")).toHaveText("还没有上传密钥。");

  await setUpWechat(page, "lakeside-inn", { appid });
  // The AppSecret, for shoppers' login: a soft check until it is stored.
  await page.getByLabel("AppSecret", { exact: true }).fill("0123456789abcdef0123456789abcdef");
  await page.getByRole("button", { name: "保存 AppSecret" }).click();
  await expect(page.getByText("AppSecret 已保存。")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("wechat-settings.png"), fullPage: true });

  await page.goto("/stores/lakeside-inn/publish");
  await expect(page.getByText("可以上传")).toBeVisible();
  await expect(checks.locator('[data-status="failed"][data-check^="compliance"], [data-status="failed"][data-check^="wechat"]')).toHaveCount(0);

  // WeChat's preview code beside the browser preview.
  await expect(page.getByRole("button", { name: "手机预览" })).toBeVisible();
  await page.getByLabel("打开页面").selectOption({ label: "预订" });
  await page.getByLabel("页面参数").fill("from=poster");
  await page.getByRole("button", { name: "生成微信预览码" }).click();
  await expect(page.getByText(/正在生成（第 \d+ 次构建）/)).toBeVisible();
  const qr = page.getByTestId("wechat-preview-qr").getByRole("img");
  await expect(qr).toBeVisible({ timeout: 180_000 });
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
  await page.screenshot({ path: test.info().outputPath("wechat-preview.png"), fullPage: true });

  const preview = (await fakeWechat.received()).find((item) => item.appid === appid)!;
  expect(preview).toMatchObject({ kind: "preview", path: "pages/booking/index?from=poster", tenantId: DEMO_STORES[1]!.id });

  // The build's page shows each step done (the compile skipped: nothing of the store needs one) and its log.
  await page.getByTestId("builds").getByRole("link", { name: "详情" }).first().click();
  await expect(page.getByTestId("build-status")).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(page.getByTestId("build-steps").locator('[data-status="done"]')).toHaveCount(4);
  await expect(page.getByTestId("build-steps").locator('[data-status="skipped"]')).toHaveCount(1);
  await expect(page.getByTestId("build-logs")).toContainText("WeChat's preview QR code stored");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: test.info().outputPath("build.png"), fullPage: true });
});

test("an agency publisher bulk-publishes the three demo stores; one refused by WeChat is fixed and retried", async ({ page, browser }) => {
  const appids = DEMO_STORES.map((_, index) => appidFor(10 + index));
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "agency@demo.kaidian.test");
  for (const [index, store] of DEMO_STORES.entries()) {
    await setUpWechat(admin, store.slug, { appid: appids[index]!, restaurant: store.templateId === "restaurant" });
  }
  await admin.context().close();
  // WeChat refuses the hotel's first upload: this server is not on its whitelist yet.
  await fakeWechat.setFault(appids[1]!, "invalid-ip", 1);

  await signIn(page, "publisher@demo.kaidian.test");
  await page.goto("/agency/publish");
  const table = page.getByTestId("bulk-stores");
  for (const store of DEMO_STORES) await expect(table.locator(`tr[data-store="${store.name}"]`)).toContainText("可以上传");
  await page.screenshot({ path: test.info().outputPath("bulk-choose.png"), fullPage: true });
  // The upload-key bulk publish's own form (a platform deployment shows the fleet release's form beside it).
  const bulk = page.locator("form").filter({ has: table });
  await bulk.getByLabel("版本号").fill("2.0.0");
  await bulk.getByLabel("版本描述").fill("春节活动上线");
  await bulk.getByRole("button", { name: "发布所选店铺（3）" }).click();

  await expect(page.getByRole("heading", { name: "批量发布 2.0.0" })).toBeVisible();
  const rows = page.getByTestId("batch-rows");
  await expect(page.getByTestId("batch-counts")).toHaveText("排队 0 · 进行中 0 · 成功 2 · 失败 1", { timeout: 240_000 });
  const hotel = rows.locator('tr[data-store="湖畔民宿"]');
  await expect(hotel).toHaveAttribute("data-status", "FAILED");
  await expect(hotel).toContainText("本服务器的 IP（127.0.0.1）不在小程序的代码上传 IP 白名单中");
  await expect(hotel).toContainText("IP 白名单中添加 127.0.0.1");
  await page.screenshot({ path: test.info().outputPath("bulk-partial.png"), fullPage: true });

  await page.getByRole("button", { name: "重试失败的店铺" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已为 1 家店铺重新排队" })).toBeVisible();
  await expect(page.getByTestId("batch-counts")).toHaveText("排队 0 · 进行中 0 · 成功 3 · 失败 0", { timeout: 180_000 });
  await expect(hotel).toContainText("已重试 1 次");
  await page.screenshot({ path: test.info().outputPath("bulk-done.png"), fullPage: true });

  const uploads = (await fakeWechat.received()).filter((item) => item.kind === "upload" && appids.includes(item.appid));
  expect(uploads.map((item) => [item.appid, item.version, item.desc, item.tenantId]).sort()).toEqual(
    DEMO_STORES.map((store, index) => [appids[index], "2.0.0", "春节活动上线", store.id]).sort(),
  );
});

test("one merchant cannot read another store's builds, packages or preview codes", async ({ page, browser }) => {
  await signIn(page, "shop@demo.kaidian.test");
  for (const path of ["/stores/lakeside-inn/publish/builds/1", "/stores/lakeside-inn/wechat"]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(404);
  }
  for (const path of ["/api/stores/lakeside-inn/builds", "/api/stores/lakeside-inn/builds/1", "/stores/lakeside-inn/publish/builds/1/package", "/stores/lakeside-inn/publish/builds/1/qr"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
  // Staff of a store may not publish it, nor see its upload settings.
  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, "staff@demo.kaidian.test");
  expect((await staff.request.get("/api/stores/old-street-noodles/builds")).status()).toBe(403);
  await staff.goto("/stores/old-street-noodles/wechat");
  await expect(staff.getByRole("heading", { name: "无权访问" })).toBeVisible();
  await staff.context().close();
});

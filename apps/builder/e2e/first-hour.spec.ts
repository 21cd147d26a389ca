// A merchant's first hour, as issue 16 found it: a new store that is really theirs (its own name, phone, address
// and map location, one name everywhere), checks and statuses that state their true cause, and links a phone can
// open. Each template goes from sign-up to a phone preview on this machine's LAN address; screenshots are taken in
// both languages.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { devices, expect, test, type Browser, type Page, type TestInfo } from "@playwright/test";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { lanAddress } from "../src/server/phone-address";
import { newPreviewLink } from "../src/server/preview-links";
import { baseURL } from "../playwright.config";
import { signIn, uniqueEmail } from "./helpers";

const secretFile = fileURLToPath(new URL("../../../.data/e2e/kaidian-secret", import.meta.url));
const secret = () => Buffer.from(readFileSync(secretFile, "utf8").trim(), "utf8");
const port = new URL(baseURL).port;
/** What a phone on the same Wi-Fi opens: this machine's LAN address, as the dashboard finds it. */
const lan = lanAddress();

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

async function english(page: Page) {
  await page.context().addCookies([{ name: "kaidian_locale", value: "en", url: baseURL }]);
}

/** A phone: a Pixel 7, wider than the 375 px the Mini Program is drawn for. */
function phone(browser: Browser) {
  return browser.newContext({ ...devices["Pixel 7"], locale: "zh-CN" });
}

const templates = [
  { name: "电商商城", sample: "山野咖啡", en: "E-commerce store" },
  { name: "酒店预订", sample: "湖畔旅舍", en: "Hotel booking" },
  { name: "餐厅点餐", sample: "老街面馆", en: "Restaurant ordering" },
] as const;

for (const template of templates) {
  test(`${template.name}: a new merchant goes from sign-up to a phone preview on the LAN address, with a store of their own`, async ({ page, browser }, testInfo) => {
    test.setTimeout(180_000);
    const storeName = `${template.name.slice(0, 2)}自家店`;
    await page.goto("/sign-up");
    await page.getByLabel("你的名字").fill("齐店主");
    await page.getByLabel("邮箱", { exact: true }).fill(uniqueEmail("first-hour"));
    await page.getByLabel("密码", { exact: true }).fill("first-hour-2026");
    await page.getByLabel("店铺名称").fill(storeName);
    await page.locator("label").filter({ hasText: template.name }).click();
    await page.getByLabel("门店电话（选填）").fill("021-6600 1234");
    await page.getByLabel("门店地址（选填）").fill("上海市徐汇区天平路 88 号");
    await shot(page, testInfo, "01-sign-up");
    await page.getByRole("button", { name: "创建店铺" }).click();
    // The first sign-up of a fresh server also warms it up.
    await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
    const store = new URL(page.url()).pathname;

    // Never published: it says so, and the guide shows the store info as given and the design as next.
    await expect(page.getByRole("heading", { name: storeName })).toBeVisible();
    await expect(page.getByTestId("store-status")).toHaveText("未发布");
    const guide = page.getByTestId("guide");
    await expect(guide.locator("[data-step]")).toHaveCount(6);
    await expect(guide.locator('[data-step="storeInfo"]')).toHaveAttribute("data-done", "true");
    await expect(guide.locator('[aria-current="step"]')).toHaveAttribute("data-step", "design");
    // The owner sets up payments from the guide: the step links to the payment settings and is not done yet.
    const payments = guide.locator('[data-step="payments"]');
    await expect(payments).toHaveAttribute("data-done", "false");
    await expect(payments.getByRole("link")).toHaveAttribute("href", `${store}/settings/payments`);
    await shot(page, testInfo, "02-overview");

    // The designer: the store's own details, nothing of the sample store's.
    await page.getByRole("link", { name: "店铺装修" }).first().click();
    const preview = page.getByTestId("live-preview");
    await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await expect(page.getByLabel("联系电话")).toHaveValue("021-6600 1234");
    await expect(page.getByLabel("地址", { exact: true })).toHaveValue("上海市徐汇区天平路 88 号");
    await expect(preview.getByText(storeName).first()).toBeVisible();
    await expect(preview.getByText(template.sample)).toHaveCount(0);

    // The map location, in GCJ-02, typed on a Chinese keyboard.
    await expect(page.getByText(/GCJ-02/).first()).toBeVisible();
    const status = page.getByTestId("save-status");
    await page.getByLabel("地图位置 · 纬度").fill("３１．２０１２");
    await page.getByLabel("地图位置 · 经度").fill("１２１．４４０５");
    await expect(status).toHaveText("已保存");
    await shot(page, testInfo, "03-designer");

    // The phone preview QR points at an address a phone can open, and says who can.
    await page.getByRole("button", { name: "手机预览" }).first().click();
    const link = page.getByTestId("phone-preview-link");
    await expect(link).toHaveValue(/\/p\//);
    const url = await link.inputValue();
    if (lan) {
      expect(url.startsWith(`http://${lan}:${port}/p/`)).toBe(true);
      await expect(page.getByRole("dialog").getByTestId("phone-reach")).toHaveAttribute("data-reach", "lan");
    } else {
      await expect(page.getByRole("dialog").getByTestId("phone-reach")).toHaveAttribute("data-reach", "thisComputer");
    }
    await shot(page, testInfo, "04-phone-qr");

    // On a phone, by that address: the store full width, as on WeChat.
    const context = await phone(browser);
    const handset = await context.newPage();
    await handset.goto(url);
    const onPhone = handset.getByTestId("live-preview");
    await expect(onPhone).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await expect(onPhone.getByText(storeName).first()).toBeVisible();
    const width = await onPhone.locator(".kdp-viewport").evaluate((element) => element.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(405);
    await shot(handset, testInfo, "05-on-the-phone");
    await context.close();

    // The same pages in English.
    await english(page);
    await page.goto(store);
    await expect(page.getByTestId("store-status")).toHaveText("Not published");
    await expect(page.getByTestId("guide")).toContainText("Fill in the store info");
    await shot(page, testInfo, "06-overview-en");
    await page.goto(`${store}/design`);
    await expect(page.getByTestId("live-preview")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await expect(page.getByText(/GCJ-02/).first()).toBeVisible();
    await shot(page, testInfo, "07-designer-en");
  });
}

test("one store name: renamed in store info, it shows in the switcher, the overview, the navigation and the preview's title", async ({ page }, testInfo) => {
  await page.goto("/sign-up");
  await page.getByLabel("你的名字").fill("改名店主");
  await page.getByLabel("邮箱", { exact: true }).fill(uniqueEmail("rename"));
  await page.getByLabel("密码", { exact: true }).fill("rename-store-2026");
  await page.locator("label").filter({ hasText: "餐厅点餐" }).click();

  // A name the template's own rule refuses gets that field's message, not a generic failure.
  const name = page.getByLabel("店铺名称");
  for (const [typed, message] of [
    ["老街\u0000面馆", "店铺名称含有看不见的控制字符，请删除。"],
    ["老街\t面馆", "店铺名称只能填一行，不能含换行或制表符。"],
  ] as const) {
    await name.evaluate((input, value) => void ((input as HTMLInputElement).value = value), typed);
    await page.getByRole("button", { name: "创建店铺" }).click();
    await expect(page.getByText(message)).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up/);
  }
  await shot(page, testInfo, "01-bad-name");
  await page.getByLabel("密码", { exact: true }).fill("rename-store-2026");
  await page.getByLabel("店铺名称").fill("旧名面馆");
  await page.getByRole("button", { name: "创建店铺" }).click();
  await expect(page).toHaveURL(/\/stores\/[^/]+$/);
  const store = new URL(page.url()).pathname;

  // Nothing published yet: the checklist says so, not that the phone or address is missing.
  await page.goto(`${store}/publish`);
  const checks = page.getByTestId("readiness");
  await expect(checks.locator('[data-check="config.ready"]')).toContainText("还没有发布过店铺装修");
  await expect(checks.locator('[data-check="store.contact"]')).toHaveAttribute("data-status", "pending");
  await expect(checks.locator('[data-check="store.contact"]')).toContainText("店铺装修发布后，按发布的版本检查");
  await shot(page, testInfo, "02-checks");

  await page.goto(`${store}/design`);
  await expect(page.getByTestId("live-preview")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await page.getByLabel("店铺名称").fill("新名面馆");
  await expect(page.getByTestId("save-status")).toHaveText("已保存");
  // The home page was titled after the store: its title follows, in the preview's navigation bar.
  await expect(page.getByTestId("live-preview").locator("header")).toHaveText("新名面馆");

  await page.goto(store);
  await expect(page.getByRole("heading", { name: "新名面馆" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "切换店铺" }).locator("option:checked")).toHaveText("新名面馆");
  await expect(page.getByRole("navigation", { name: "新名面馆" })).toBeVisible();
  await page.goto(`${store}/settings`);
  await expect(page.getByRole("link", { name: "修改店铺信息" })).toHaveAttribute("href", `${store}/design`);
  await shot(page, testInfo, "03-settings");
});

test("a price typed with full-width digits is read, not refused", async ({ page }) => {
  await signIn(page, "shop@demo.kaidian.test");
  await page.goto("/stores/shanye-coffee/catalog/items/new");
  await page.getByLabel("名称", { exact: true }).fill("全角价格豆");
  await page.getByLabel("价格（元）", { exact: true }).fill("１２．５");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole("row").filter({ hasText: "全角价格豆" })).toContainText("¥12.50");
});

test("staff may look at templates but only the owner may switch; bulk publish names each store's failing checks", async ({ page }, testInfo) => {
  await signIn(page, "staff@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles/template");
  await expect(page.getByTestId("template-owner-only")).toContainText("只有店主可以操作");
  await expect(page.getByRole("link", { name: "改用此模板" })).toHaveCount(0);
  await page.goto("/stores/old-street-noodles/template?to=hotel");
  await expect(page.getByTestId("template-switch-plan")).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, "agency@demo.kaidian.test");
  await page.goto("/agency/publish");
  const row = page.locator('tr[data-store="湖畔民宿"]');
  await expect(row.getByTestId("failing-checks")).toContainText("已填写小程序 AppID");
  await expect(row.getByRole("link", { name: "湖畔民宿" })).toHaveAttribute("href", "/stores/lakeside-inn/publish");
  await shot(page, testInfo, "bulk-failing-checks");
});

test("the phone preview keeps the basket across pages, opens a table's order page by ?t=, and takes typing", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 412, height: 860 });
  const noodles = DEMO_STORES.find((store) => store.slug === "old-street-noodles")!;
  await page.goto(`/p/${newPreviewLink(noodles.id, secret()).token}?t=A12`);
  const preview = page.getByTestId("live-preview");
  await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(preview.getByText("桌号 A12").first()).toBeVisible();

  for (const shelf of ["小吃", "饮品"]) {
    await preview.locator("van-sidebar-item").filter({ hasText: shelf }).click();
    await preview.locator(".kd-menu__add").first().click();
  }
  const lines = preview.locator(".kd-order__line");
  await expect(lines).toHaveCount(2);
  const tabs = preview.getByRole("navigation", { name: "小程序底部导航" });
  await tabs.getByRole("button", { name: "首页" }).click();
  await expect(preview).toHaveAttribute("data-state", "ready");
  await tabs.getByRole("button", { name: "点餐" }).click();
  await expect(preview).toHaveAttribute("data-state", "ready");
  await expect(lines).toHaveCount(2);
  await shot(page, testInfo, "basket-kept");

  const lakeside = DEMO_STORES.find((store) => store.slug === "lakeside-inn")!;
  await page.goto(`/p/${newPreviewLink(lakeside.id, secret()).token}`);
  await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await preview.getByRole("navigation", { name: "小程序底部导航" }).getByRole("button", { name: "预订" }).click();
  await expect(preview).toHaveAttribute("data-state", "ready");
  const guest = preview.locator("wx-input input").first();
  await guest.fill("张三");
  await expect(guest).toHaveValue("张三");
  await shot(page, testInfo, "booking-typed");
});

test("leaving the designer with an unsaved edit asks first; pages not found speak Chinese; there is a favicon", async ({ page }) => {
  await signIn(page, "noodles@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles/design");
  await expect(page.getByTestId("live-preview")).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  const asked = page.waitForEvent("dialog");
  await page.getByLabel("营业时间").fill("每天 10:00-22:00");
  void page.reload();
  const dialog = await asked;
  expect(dialog.type()).toBe("beforeunload");
  await dialog.dismiss();
  await expect(page.getByTestId("save-status")).toHaveText("已保存");

  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect((await page.request.get(icon!)).status()).toBe(200);
});

test("the table-code setup accepts WeChat's verification file and serves it where WeChat checks", async ({ page }, testInfo) => {
  await signIn(page, "noodles@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles/tables/print");
  const form = page.getByTestId("qr-verification");
  await form.getByLabel("微信校验文件").setInputFiles({ name: "notes.html", mimeType: "text/html", buffer: Buffer.from("<p>hi</p>") });
  await form.getByRole("button", { name: "上传校验文件" }).click();
  await expect(form.getByRole("alert").first()).toContainText("请选择微信后台下载的校验文件");

  await form.getByLabel("微信校验文件").setInputFiles({ name: "Kd7fQ2x9Lm.txt", mimeType: "text/plain", buffer: Buffer.from("3f9c2a71d0b84e6f9a5c0e7d1b2a4c68") });
  await form.getByRole("button", { name: "上传校验文件" }).click();
  await expect(form.getByRole("status")).toContainText("已上传 Kd7fQ2x9Lm.txt");
  await shot(page, testInfo, "verification-file");

  const noodles = DEMO_STORES.find((store) => store.slug === "old-street-noodles")!;
  const served = await page.request.get(`/q/${noodles.id}/Kd7fQ2x9Lm.txt`);
  expect(served.status()).toBe(200);
  expect(await served.text()).toBe("3f9c2a71d0b84e6f9a5c0e7d1b2a4c68");
  expect((await page.request.get(`/q/${noodles.id}/Other123.txt`)).status()).toBe(404);
  // Another store's path does not serve this store's file.
  expect((await page.request.get(`/q/${DEMO_STORES[0]!.id}/Kd7fQ2x9Lm.txt`)).status()).toBe(404);
});

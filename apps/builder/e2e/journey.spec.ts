// The merchant's whole way, for each template: sign up, design the store with the live preview beside the editor,
// add their own item, publish, and bring an earlier version back. Every user action is counted, and the time from
// opening the sign-up page to the first preview of their own store is reported in the test output.
import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { pngImage } from "../../../packages/media/src/testing/images";
import { uniqueEmail } from "./helpers";

type Journey = {
  template: "电商商城" | "酒店预订" | "餐厅点餐";
  itemWord: string;
  catalogNav: string;
  priceLabel: string;
  /** Fills the item form's kind-specific required fields. */
  fillKind?: (page: Page, act: Act) => Promise<void>;
  /** Shows the page of the preview that lists the new item. */
  showItems: (preview: Locator, act: Act) => Promise<void>;
};

type Act = <T>(what: string, action: () => Promise<T>) => Promise<T>;

const journeys: Journey[] = [
  {
    template: "电商商城",
    itemWord: "商品",
    catalogNav: "商品",
    priceLabel: "价格（元）",
    showItems: (preview, act) => act("tap the category tab in the preview", () => preview.getByRole("button", { name: "分类" }).click()),
  },
  {
    template: "酒店预订",
    itemWord: "房型",
    catalogNav: "房型",
    priceLabel: "每晚价格（元）",
    fillKind: (page, act) => act("type how many rooms", () => page.getByLabel("房间数").fill("5")),
    showItems: (preview, act) => act("tap the booking tab in the preview", () => preview.getByRole("button", { name: "预订" }).click()),
  },
  {
    template: "餐厅点餐",
    itemWord: "菜品",
    catalogNav: "菜单",
    priceLabel: "价格（元）",
    showItems: (preview, act) => act("tap the order tab in the preview", () => preview.getByRole("button", { name: "点餐" }).click()),
  },
];

async function shot(page: Page, testInfo: TestInfo, step: number, name: string) {
  const path = testInfo.outputPath(`${String(step).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

for (const journey of journeys) {
  test(`${journey.template}: from sign-up to a published store with the merchant's own ${journey.itemWord}, and back to an earlier version`, async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    let actions = 0;
    const act: Act = (_what, action) => {
      actions += 1;
      return action();
    };
    const storeName = `${journey.template.slice(0, 2)}小店`;
    const renamed = `${storeName}·新`;
    const itemTitle = `自家${journey.itemWord}一号`;
    const status = page.getByTestId("save-status");
    const preview = page.getByTestId("live-preview");
    const saved = async (what: string, action: () => Promise<unknown>) => {
      const save = page.waitForResponse((response) => response.request().method() === "POST" && (response.request().postData() ?? "").includes("schemaVersion"));
      await act(what, action);
      await save;
      await expect(status).toHaveText("已保存");
    };
    let step = 0;

    const started = Date.now();
    await act("open the sign-up page", () => page.goto("/sign-up"));
    await act("type a name", () => page.getByLabel("你的名字").fill("方店主"));
    await act("type an email", () => page.getByLabel("邮箱", { exact: true }).fill(uniqueEmail("journey")));
    await act("type a password", () => page.getByLabel("密码", { exact: true }).fill("journey-2026-shop"));
    await act("type the store name", () => page.getByLabel("店铺名称").fill(storeName));
    await act("pick the template", () => page.locator("label").filter({ hasText: journey.template }).click());
    await shot(page, testInfo, ++step, "sign-up");
    await act("create the store", () => page.getByRole("button", { name: "创建店铺" }).click());
    await expect(page).toHaveURL(/\/stores\/[^/]+$/);
    const store = new URL(page.url()).pathname;
    await act("open the designer", () => page.getByRole("link", { name: "店铺装修" }).first().click());
    await expect(preview).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
    await expect(preview.getByText(storeName).first()).toBeVisible();
    const firstPreview = (Date.now() - started) / 1000;
    await shot(page, testInfo, ++step, "first-preview");

    await saved("rename the store", () => page.getByLabel("店铺名称").fill(renamed));
    await expect(preview.getByText(renamed).first()).toBeVisible();
    await shot(page, testInfo, ++step, "store-renamed");

    const order = () => preview.locator("[data-section-id]").evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-section-id")));
    const before = await order();
    await saved("move the first section down", () => page.getByTestId("section-row").first().getByRole("button", { name: / 下移$/ }).click());
    await expect.poll(order).toEqual([before[1], before[0], ...before.slice(2)]);
    await shot(page, testInfo, ++step, "sections-reordered");

    await act("open the theme", () => page.getByRole("navigation", { name: "店铺编辑器" }).getByRole("button", { name: "主题", exact: true }).click());
    const upload = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/media"));
    await saved("upload a logo", async () => {
      await page.getByLabel(/^店铺标志：(上传图片|更换图片)$/).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(pngImage(96, 96, [31, 122, 76])) });
      expect((await upload).status()).toBe(200);
    });
    await expect(page.getByTestId("image-thumbnail").first()).toHaveAttribute("src", /^\/media\//);
    await shot(page, testInfo, ++step, "logo-uploaded");

    await act("open the catalog", () => page.getByRole("link", { name: journey.catalogNav, exact: true }).first().click());
    await act(`add a ${journey.itemWord}`, () => page.getByRole("link", { name: `添加${journey.itemWord}` }).click());
    await act("type its name", () => page.getByLabel("名称", { exact: true }).fill(itemTitle));
    await act("choose its category", () => page.getByLabel("分类").selectOption({ index: 1 }));
    await act("type its price", () => page.getByLabel(journey.priceLabel, { exact: true }).fill("88"));
    await journey.fillKind?.(page, act);
    await act("save it", () => page.getByRole("button", { name: "保存" }).click());
    await expect(page).toHaveURL(new RegExp(`${store}/catalog$`));
    await expect(page.getByRole("link", { name: itemTitle, exact: true })).toBeVisible();
    await shot(page, testInfo, ++step, "item-added");

    await act("back to the designer", () => page.getByRole("link", { name: "店铺装修" }).first().click());
    await expect(preview).toHaveAttribute("data-state", "ready");
    await journey.showItems(preview, act);
    await expect(preview.getByText(itemTitle).first()).toBeVisible();
    await shot(page, testInfo, ++step, "item-in-preview");

    const history = page.getByTestId("version-history").getByRole("listitem");
    await act("publish", () => page.getByRole("button", { name: "发布草稿" }).click());
    await expect(history.filter({ hasText: "第 1 版" })).toContainText("顾客正在看的版本");
    await shot(page, testInfo, ++step, "published");

    await act("open the store info", () => page.getByRole("navigation", { name: "店铺编辑器" }).getByRole("button", { name: "店铺信息", exact: true }).click());
    await saved("rename the store again", () => page.getByLabel("店铺名称").fill(`${renamed}二号`));
    await act("publish again", () => page.getByRole("button", { name: "发布草稿" }).click());
    await expect(history.filter({ hasText: "第 2 版" })).toContainText("顾客正在看的版本");

    await act("restore version 1", () => history.filter({ hasText: "第 1 版" }).getByRole("button", { name: "恢复为草稿" }).click());
    await expect(history.first()).toContainText("从第 1 版恢复");
    await expect(page.getByLabel("店铺名称")).toHaveValue(renamed);
    await expect(preview.getByText(renamed).first()).toBeVisible();
    await shot(page, testInfo, ++step, "restored");

    const summary = `${journey.template}: ${actions} user actions from sign-up to a restored version; first preview ${firstPreview.toFixed(1)} s after opening the sign-up page`;
    testInfo.annotations.push({ type: "journey", description: summary });
    console.log(`[journey] ${summary}`);
  });
}

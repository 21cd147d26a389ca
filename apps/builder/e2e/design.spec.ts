import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signIn, signUp, uniqueEmail } from "./helpers";

const status = (page: Page) => page.getByTestId("save-status");
const sectionRows = (page: Page) => page.getByTestId("section-row");
const outline = (page: Page) => page.getByRole("navigation", { name: "店铺编辑器" });
const part = (page: Page, name: string) => outline(page).getByRole("button", { name, exact: true });

async function newStore(page: Page, template: "酒店预订" | "餐厅点餐" = "酒店预订") {
  await signUp(page, { name: "林小姐", email: uniqueEmail("design"), password: "lakeview2026", storeName: "林间小屋", template });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  await page.getByRole("link", { name: "店铺装修" }).first().click();
  await expect(page).toHaveURL(/\/design$/);
}

/** Does `change`, then waits for the autosave it starts to land. */
async function saved(page: Page, change: () => Promise<unknown>) {
  // The editor's save is the POST that carries the config (other requests of the page post too).
  const save = page.waitForResponse((response) => response.request().method() === "POST" && Boolean(response.request().postData()?.includes('"schemaVersion"')));
  await change();
  await save;
  await expect(status(page)).toHaveText("已保存");
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("a new store starts from its template's sample as a draft, listed in the design history", async ({ page }, testInfo) => {
  await newStore(page);
  const history = page.getByTestId("version-history").getByRole("listitem").first();
  await expect(history).toContainText("第 1 版");
  await expect(history).toContainText("草稿");
  await expect(history).toContainText("第一个版本，从模板示例开始");
  await expect(page.getByLabel("店铺名称")).toHaveValue("林间小屋");
  await shot(page, testInfo, "editor-opened");
});

test("store info saves itself to the draft, refuses what the schema refuses, and keeps what was typed", async ({ page }, testInfo) => {
  await newStore(page);
  await saved(page, () => page.getByLabel("营业时间").fill("前台 24 小时"));

  await page.getByLabel("店铺名称").fill("");
  await expect(page.getByText("必填。")).toBeVisible();
  await expect(status(page)).toHaveText("未保存：1 处需修改");
  await page.getByLabel("联系电话").fill("0872-abc");
  await expect(page.getByText("只能填数字、空格、+ 和 -，最多 20 个。")).toBeVisible();
  await expect(status(page)).toHaveText("未保存：2 处需修改");
  await expect(page.getByLabel("联系电话")).toHaveValue("0872-abc");
  await page.getByRole("button", { name: "发布草稿" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "还不能发布" });
  await expect(problems).toContainText("店铺信息 · 店铺名称：必填。");
  await expect(problems).toContainText("店铺信息 · 联系电话");
  await shot(page, testInfo, "store-info-invalid");

  // Leaving with edits that cannot be saved asks first; the merchant chooses to leave.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.reload();
  await expect(page.getByLabel("店铺名称")).toHaveValue("林间小屋");
  await expect(page.getByLabel("营业时间")).toHaveValue("前台 24 小时");
});

test("the store is placed by clicking the map from the operator's tile server, filling in its GCJ-02 coordinates", async ({ page }, testInfo) => {
  // The tile server stands in for AutoNavi's: each tile is drawn with its own z/x/y, so the screenshot shows the grid.
  const tiles: string[] = [];
  await page.route("https://tiles.kaidian.test/**", async (route) => {
    const [z, x, y] = new URL(route.request().url()).pathname.slice(1).replace(".png", "").split("/");
    tiles.push(`${z}/${x}/${y}`);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#e8f0e0" stroke="#9ab" /><text x="12" y="28" font-size="16" fill="#567">${z}/${x}/${y}</text></svg>`;
    await route.fulfill({ contentType: "image/svg+xml", body: svg });
  });
  await newStore(page);
  const map = page.getByTestId("map-picker");
  await expect(map).toBeVisible();
  await expect(map).toContainText("© 示例地图");
  // An unplaced store opens on the middle of China (34.2, 108.9) at zoom 4: the tile holding it is 4/12/6.
  await expect.poll(() => tiles).toContain("4/12/6");
  await expect(page.getByTestId("map-pin")).toHaveCount(0);

  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const latitude = page.getByLabel("地图位置 · 纬度");
  const longitude = page.getByLabel("地图位置 · 经度");
  const degrees = async () => ({ latitude: Number(await latitude.inputValue()), longitude: Number(await longitude.inputValue()) });
  // At zoom 4 a pixel is about 0.09°: the click lands within a pixel of the map's middle.
  await saved(page, () => page.mouse.click(middle.x, middle.y));
  const first = await degrees();
  expect(Math.abs(first.latitude - 34.2)).toBeLessThan(0.1);
  expect(Math.abs(first.longitude - 108.9)).toBeLessThan(0.1);
  await expect(page.getByTestId("map-pin")).toBeVisible();

  // Two steps in, a click, then a drag of 100 px to the right and the same click: the map now shows what lay
  // 100 px west, which at zoom 6 is 100/(256·2^6)·360° = 2.197266°, and nothing north or south.
  await page.getByRole("button", { name: "放大地图" }).click();
  await page.getByRole("button", { name: "放大地图" }).click();
  await expect.poll(() => tiles).toContain("6/51/25");
  // The same spot at zoom 6: the same point, or one a (now smaller) part of a pixel away.
  await page.mouse.click(middle.x, middle.y);
  await expect(status(page)).toHaveText("已保存");
  const before = await degrees();
  await page.mouse.move(middle.x, middle.y);
  await page.mouse.down();
  await page.mouse.move(middle.x + 50, middle.y, { steps: 5 });
  await page.mouse.move(middle.x + 100, middle.y, { steps: 5 });
  await page.mouse.up();
  // A drag is not a click: the point stays where it was.
  expect(await degrees()).toEqual(before);
  await saved(page, () => page.mouse.click(middle.x, middle.y));
  const after = await degrees();
  expect(after.latitude).toBeCloseTo(before.latitude, 5);
  expect(before.longitude - after.longitude).toBeCloseTo(2.197266, 5);
  await shot(page, testInfo, "map-picker");

  await page.reload();
  await expect(page.getByLabel("地图位置 · 经度")).toHaveValue(String(after.longitude));
});

test("a save from a stale draft is refused with who changed it, never overwriting their change", async ({ page: first, context }, testInfo) => {
  await newStore(first);
  const second = await context.newPage();
  await second.goto(first.url());

  await saved(first, () => first.getByLabel("一句话介绍").fill("推窗见山"));

  await second.getByLabel("营业时间").fill("早八晚十");
  await expect(second.getByRole("alert").filter({ hasText: "林小姐 刚刚也修改了这份草稿" })).toBeVisible();
  await expect(second.getByLabel("营业时间")).toHaveValue("早八晚十");
  await shot(second, testInfo, "conflict");
  await second.getByRole("button", { name: "重新载入" }).click();
  await expect(second.getByLabel("一句话介绍")).toHaveValue("推窗见山");
  // A new store starts without the sample's hours: the refused edit was not written.
  await expect(second.getByLabel("营业时间")).toHaveValue("");
});

test("a published demo store keeps its published version in the history", async ({ page }) => {
  await signIn(page, "hotel@demo.kaidian.test");
  await page.goto("/stores/lakeside-inn/design");
  const published = page.getByTestId("version-history").getByRole("listitem").filter({ hasText: "第 1 版" });
  await expect(published).toContainText("已发布");
});

test("publishing makes the draft the live version; restoring an earlier one brings it back as a new draft", async ({ page }, testInfo) => {
  await newStore(page);
  const history = page.getByTestId("version-history").getByRole("listitem");
  await page.getByRole("button", { name: "发布草稿" }).click();
  await expect(history.filter({ hasText: "第 1 版" })).toContainText("顾客正在看的版本");
  await expect(history.first()).toContainText("第 2 版");

  await saved(page, () => page.getByLabel("店铺名称").fill("林间小屋 · 二号院"));
  await page.getByRole("button", { name: "发布草稿" }).click();
  await expect(history.filter({ hasText: "第 2 版" })).toContainText("顾客正在看的版本");
  await expect(history.filter({ hasText: "第 2 版" })).toContainText("店铺信息：店铺名称");

  await history.filter({ hasText: "第 1 版" }).getByRole("button", { name: "恢复为草稿" }).click();
  await expect(history.first()).toContainText("从第 1 版恢复");
  await expect(page.getByLabel("店铺名称")).toHaveValue("林间小屋");
  await shot(page, testInfo, "history-restored");
});

test("theme and store info save one after the other on the same draft, without conflicting with each other", async ({ page }, testInfo) => {
  await newStore(page);
  await part(page, "主题").click();
  await page.getByLabel("主色", { exact: true }).fill("#12");
  await expect(page.getByText("填 #RRGGBB 格式的颜色，如 #1a2b3c。")).toBeVisible();
  await page.getByLabel("主色", { exact: true }).fill("#aa3300");
  await saved(page, () => page.getByLabel("圆角").selectOption({ label: "大圆角" }));
  await part(page, "店铺信息").click();
  await saved(page, () => page.getByLabel("营业时间").fill("全天营业"));

  await page.reload();
  await expect(page.getByLabel("营业时间")).toHaveValue("全天营业");
  await part(page, "主题").click();
  await expect(page.getByLabel("主色", { exact: true })).toHaveValue("#aa3300");
  await expect(page.getByLabel("圆角")).toHaveValue("round");
  await shot(page, testInfo, "theme");
});

test("sections are added from the page's palette, reordered by keyboard, by drag and by buttons, and saved", async ({ page }, testInfo) => {
  await newStore(page);
  const order = () => sectionRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-section")));
  const start = await order();
  expect(start.slice(0, 3)).toEqual(["banner", "dates", "notice"]);
  // The hotel's home page takes no product grid: the palette does not offer one.
  await expect(page.getByRole("button", { name: /^添加组件：商品列表/ })).toHaveCount(0);

  await saved(page, () => page.getByRole("button", { name: "添加组件：图片广告" }).click());
  expect((await order()).at(-1)).toBe("image-ad");
  await expect(page.getByRole("form", { name: "「图片广告」设置" })).toBeVisible();
  await shot(page, testInfo, "section-added");

  // Keyboard: pick the first section up with space, move it down one, drop it.
  // Each step waits for the screen reader announcement that it happened.
  const announced = (text: string) => expect(page.getByText(text)).toBeAttached();
  const banner = page.getByRole("button", { name: "拖动「轮播图」调整顺序" });
  await banner.focus();
  await page.keyboard.press("Space");
  await expect(banner).toHaveAttribute("aria-pressed", "true");
  await announced("已拿起「轮播图」，在第 1 个，共 7 个。");
  await page.keyboard.press("ArrowDown");
  await announced("「轮播图」移到第 2 个。");
  await page.keyboard.press("Space");
  await announced("「轮播图」放在了第 2 个。");
  await expect.poll(order).toEqual(["dates", "banner", ...start.slice(2), "image-ad"]);
  await shot(page, testInfo, "reordered-by-keyboard");

  // Pointer: drag the notice above the date bar.
  const handle = page.getByRole("button", { name: "拖动「公告栏」调整顺序" });
  const target = sectionRows(page).first();
  await target.scrollIntoViewIfNeeded();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
  await page.mouse.move(to.x + 20, to.y + 5, { steps: 10 });
  await page.mouse.up();
  await expect.poll(order).toEqual(["notice", "dates", "banner", ...start.slice(3), "image-ad"]);
  await shot(page, testInfo, "reordered-by-drag");

  await saved(page, () => page.getByRole("button", { name: "公告栏 下移" }).click());
  const final = await order();
  expect(final.slice(0, 2)).toEqual(["dates", "notice"]);
  await page.reload();
  expect(await order()).toEqual(final);
});

test("a section chosen in the preview is edited in its generated form, shown live, and undo and redo step through the changes", async ({ page }, testInfo) => {
  await newStore(page);
  const preview = page.getByTestId("live-preview");
  await expect(preview).toHaveAttribute("data-state", "ready");
  // The notice's own text scrolls; its badge stays put.
  await preview.getByText("公告", { exact: true }).click();
  const text = page.getByRole("form", { name: "「公告栏」设置" }).getByLabel("公告内容");
  const original = await text.inputValue();
  await saved(page, () => text.fill("今晚湖边有篝火"));
  await expect(preview.getByText("今晚湖边有篝火")).toBeVisible();
  await shot(page, testInfo, "setting-edited");

  // A tab tapped in the preview opens that page in the editor.
  await preview.getByRole("button", { name: "预订" }).click();
  await expect(outline(page).getByRole("button", { name: /^预订 / })).toHaveAttribute("aria-pressed", "true");
  await outline(page).getByRole("button", { name: /^首页 / }).click();
  await sectionRows(page).filter({ hasText: "公告栏" }).getByRole("button", { name: "公告栏", exact: true }).click();

  // Every step is saved.
  await saved(page, () => page.getByRole("button", { name: "撤销" }).click());
  await expect(text).toHaveValue(original);
  await saved(page, () => page.getByRole("button", { name: "重做" }).click());
  await expect(text).toHaveValue("今晚湖边有篝火");
  // The shortcuts work outside text fields (inside one, the browser's own undo applies to the typing).
  await page.getByRole("button", { name: "撤销" }).focus();
  await saved(page, () => page.keyboard.press("Control+z"));
  await expect(text).toHaveValue(original);
  await saved(page, () => page.keyboard.press("Control+Shift+z"));
  await expect(text).toHaveValue("今晚湖边有篝火");
  await page.reload();
  await sectionRows(page).filter({ hasText: "公告栏" }).getByRole("button", { name: "公告栏", exact: true }).click();
  await expect(page.getByRole("form", { name: "「公告栏」设置" }).getByLabel("公告内容")).toHaveValue("今晚湖边有篝火");
});

test("the tab bar keeps between two and five tabs", async ({ page }, testInfo) => {
  await newStore(page);
  await part(page, "底部导航").click();
  const tabs = page.getByTestId("tab-row");
  await expect(tabs).toHaveCount(3);
  await page.getByRole("button", { name: "+ 添加导航" }).click();
  await saved(page, () => page.getByRole("button", { name: "+ 添加导航" }).click());
  await expect(tabs).toHaveCount(5);
  await expect(page.getByRole("button", { name: "+ 添加导航" })).toBeDisabled();
  await expect(page.getByText("底部导航最多 5 个")).toBeVisible();
  await shot(page, testInfo, "tab-bar-full");

  for (let count = 5; count > 2; count--) await page.getByRole("button", { name: `删除第 ${count} 个导航` }).click();
  await expect(tabs).toHaveCount(2);
  await expect(page.getByRole("button", { name: "删除第 1 个导航" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "删除第 2 个导航" })).toBeDisabled();
  await page.getByRole("textbox", { name: "第 2 个导航文字" }).fill("");
  await expect(status(page)).toHaveText("未保存：1 处需修改");
  await shot(page, testInfo, "tab-bar-minimum");
});

test("a section the page requires cannot be removed; others are removed after a confirmation", async ({ page }, testInfo) => {
  await newStore(page, "餐厅点餐");
  await outline(page).getByRole("button", { name: /^点餐 / }).click();
  const menu = sectionRows(page).filter({ hasText: "点餐菜单" });
  await expect(menu).toContainText("必需");
  await expect(menu.getByRole("button", { name: /^点餐菜单 删除/ })).toBeDisabled();
  await shot(page, testInfo, "required-section");

  await outline(page).getByRole("button", { name: /^首页 / }).click();
  const count = await sectionRows(page).count();
  const first = sectionRows(page).first();
  const name = (await first.getAttribute("data-section"))!;
  await first.getByRole("button", { name: / 删除$/ }).click();
  await saved(page, () => page.getByRole("button", { name: "删除", exact: true }).click());
  await expect(sectionRows(page)).toHaveCount(count - 1);
  await expect(page.locator(`[data-section="${name}"]`)).toHaveCount(0);
});

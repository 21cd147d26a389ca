import { expect, type Page, test, type TestInfo } from "@playwright/test";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { signIn, signUp, uniqueEmail } from "./helpers";

async function newStore(page: Page, template: "电商商城" | "餐厅点餐" | "酒店预订") {
  await signUp(page, { name: "林掌柜", email: uniqueEmail("catalog"), password: "catalog-shop-2026", storeName: "林家小铺", template });
  // Creating the store and its sample content takes a while on a loaded machine.
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  return new URL(page.url()).pathname;
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

const row = (page: Page, title: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

test("a merchant adds a product with SKUs: a bad price is refused keeping what was typed, then it is listed", async ({ page }, testInfo) => {
  const store = await newStore(page, "电商商城");
  // The template's sample products are not the merchant's: the step stays to do until they add their own.
  await expect(page.getByRole("listitem").filter({ hasText: "添加自己的商品" })).toContainText("待完成");
  await page.goto(`${store}/catalog`);
  await expect(page.getByRole("heading", { name: "商品管理" })).toBeVisible();
  await expect(page.getByText("示例", { exact: true }).first()).toBeVisible();
  await shot(page, testInfo, "catalog-list");

  await page.getByRole("link", { name: "添加商品" }).click();
  await page.getByLabel("名称", { exact: true }).fill("手冲壶");
  await page.getByLabel("分类").selectOption({ label: "器具" });
  await page.getByLabel("价格（元）", { exact: true }).fill("abc");
  await page.getByLabel("描述").fill("细口，控水稳定。");
  await page.getByRole("button", { name: "+ 添加规格" }).click();
  await page.getByLabel("第 1 个规格的名称").fill("容量");
  await page.getByLabel("第 1 个规格的选项").fill("600ml、1L");
  await page.getByLabel("600ml 的价格（元）").fill("129");
  await page.getByLabel("600ml 的库存").fill("10");
  await page.getByLabel("1L 的价格（元）").fill("159.5");
  await page.getByLabel("1L 的库存").fill("-3");
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page.getByText("价格只能是数字，例如 12.50。")).toBeVisible();
  await expect(page.getByText("不能小于 0。")).toBeVisible();
  await expect(page.getByLabel("价格（元）", { exact: true })).toBeFocused();
  await expect(page.getByLabel("名称", { exact: true })).toHaveValue("手冲壶");
  await expect(page.getByLabel("600ml 的库存")).toHaveValue("10");
  await shot(page, testInfo, "item-form-refused");

  await page.getByLabel("价格（元）", { exact: true }).fill("129.00");
  await page.getByLabel("1L 的库存").fill("5");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(`${store}/catalog$`));
  await expect(row(page, "手冲壶")).toContainText("¥129");
  await expect(row(page, "手冲壶")).toContainText("已上架");
  await expect(row(page, "手冲壶")).not.toContainText("示例");

  await page.getByRole("link", { name: "编辑「手冲壶」" }).click();
  await expect(page.getByLabel("1L 的价格（元）")).toHaveValue("159.50");
  await expect(page.getByLabel("1L 的库存")).toHaveValue("5");
  await expect(page.getByLabel("分类")).toHaveValue(/.+/);

  await page.goto(store);
  await expect(page.getByRole("listitem").filter({ hasText: "添加自己的商品" })).toContainText("已完成");
});

test("a restaurant marks a dish sold out in one click, and shoppers' read API says so", async ({ page, request }) => {
  const noodles = DEMO_STORES.find((store) => store.slug === "old-street-noodles")!;
  await signIn(page, "noodles@demo.kaidian.test");
  await page.goto(`/stores/${noodles.slug}/catalog`);
  const dish = row(page, "担担面");
  await dish.getByRole("button", { name: "设为售罄 担担面" }).click();
  await expect(dish).toContainText("已售罄");

  const id = new URL(await dish.getByRole("link", { name: "担担面", exact: true }).getAttribute("href") ?? "", "http://x").pathname.split("/").at(-1)!;
  // Through the dashboard's address, as packages already uploaded call it; shop-api hears of the change at commit.
  const soldOut = async () => (await (await request.get(`/api/mp/v1/${noodles.id}/items/${id}`)).json()).item.details.soldOut;
  await expect.poll(soldOut).toBe(true);

  await dish.getByRole("button", { name: "恢复供应 担担面" }).click();
  await expect(dish).not.toContainText("已售罄");
  await expect.poll(soldOut).toBe(false);
});

test("a CSV with a bad row imports nothing and says where; a good one imports; the export opens in Excel", async ({ page }, testInfo) => {
  const store = await newStore(page, "餐厅点餐");
  await page.goto(`${store}/catalog`);
  const upload = async (name: string, lines: string[]) => {
    await page.getByLabel("CSV 文件").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n"), "utf8") });
    await page.getByRole("button", { name: "导入", exact: true }).click();
  };

  await upload("bad.csv", ["名称,价格（元）,分类,售罄", "葱油拌面,16,面食,否", "凉拌黄瓜,-1,凉菜,否", "卤蛋,abc,小吃,是"]);
  const problems = page.getByTestId("csv-problems");
  await expect(problems).toContainText("第 3 行 · 价格（元）：价格不能是负数。");
  await expect(problems).toContainText("第 4 行 · 价格（元）：价格只能是数字，例如 12.50。");
  await expect(page.getByText("没有导入任何内容")).toBeVisible();
  await shot(page, testInfo, "csv-refused");
  await page.reload();
  await expect(page.getByRole("link", { name: "葱油拌面", exact: true })).toHaveCount(0);

  await upload("good.csv", ["名称,价格（元）,分类,售罄", "葱油拌面,16,面食,否", "卤蛋,3.5,小吃,是"]);
  await expect(page.getByRole("status")).toHaveText("导入完成：新增 2 项，更新 0 项，未变 0 项。");
  await expect(row(page, "葱油拌面")).toContainText("¥16");
  await expect(row(page, "卤蛋")).toContainText("已售罄");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "导出 CSV" }).click();
  const file = await (await download).path();
  const text = (await import("node:fs")).readFileSync(file, "utf8");
  expect(text.startsWith("\ufeff编号,分类,名称,价格（元）,描述,图片,上架,售罄\r\n")).toBe(true);
  expect(text).toContain(",小吃,卤蛋,3.50,,,是,是");
});

test("a hotel edits a room type's rooms and cancellation policy; the edited sample becomes the hotel's own", async ({ page }) => {
  const store = await newStore(page, "酒店预订");
  await page.goto(`${store}/catalog`);
  await page.getByRole("link", { name: "编辑「舒适大床房」" }).click();
  await expect(page.getByLabel("房间数")).toHaveValue("8");
  await page.getByLabel("可住人数").fill("");
  await page.getByLabel("房间数").fill("6");
  await page.getByLabel("设施").fill("Wi-Fi、空调、投影仪");
  await page.getByLabel("预订后不可取消").check();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("请填整数。")).toBeVisible();
  await expect(page.getByLabel("可住人数")).toBeFocused();
  await expect(page.getByLabel("房间数")).toHaveValue("6");

  await page.getByLabel("可住人数").fill("2");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(`${store}/catalog$`));
  await expect(row(page, "舒适大床房")).toContainText("/晚");
  await expect(row(page, "舒适大床房")).not.toContainText("示例");

  await page.getByRole("link", { name: "编辑「舒适大床房」" }).click();
  await expect(page.getByLabel("房间数")).toHaveValue("6");
  await expect(page.getByLabel("预订后不可取消")).toBeChecked();
  await expect(page.getByLabel("设施")).toHaveValue("Wi-Fi、空调、投影仪");
});

test("the list shows a long catalog a page at a time, with the count against the store's limit; search and category narrow it", async ({ page }, testInfo) => {
  const store = await newStore(page, "餐厅点餐");
  await page.goto(`${store}/catalog`);
  const dishes = Array.from({ length: 55 }, (_, n) => `${n % 5 === 0 ? "牛肉面" : "小馄饨"} ${n + 1} 号,${12 + (n % 9)},${n % 5 === 0 ? "面食" : "点心"},否`);
  await page.getByLabel("CSV 文件").setInputFiles({ name: "menu.csv", mimeType: "text/csv", buffer: Buffer.from(["名称,价格（元）,分类,售罄", ...dishes].join("\r\n"), "utf8") });
  await page.getByRole("button", { name: "导入", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("导入完成：新增 55 项，更新 0 项，未变 0 项。");
  await page.reload();

  const count = page.getByTestId("catalog-count");
  await expect(count).toHaveText(/^共 \d+ 项，每家店最多 10,000 项$/);
  expect(Number((await count.textContent())!.match(/共 (\d+) 项/)![1])).toBeGreaterThan(55);
  await expect(page.getByText("第 1 / 2 页")).toBeVisible();
  expect(await page.getByTestId("catalog-group").locator("tbody tr").count()).toBe(50);
  await shot(page, testInfo, "catalog-paged");

  // The titles a page lists, in its order (each row's title links to the item).
  const titles = () => page.getByTestId("catalog-group").locator("tbody tr td a[href*='/items/']:not([aria-label])").allTextContents();
  const imported = dishes.map((line) => line.split(",")[0]!);
  const samples = ["招牌牛肉面", "红烧排骨面", "担担面", "酸辣粉", "猪肉锅贴（8 只）", "拍黄瓜", "冰镇酸梅汤"];
  const first = await titles();
  expect(first).toHaveLength(50);

  await page.getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(page.getByText("第 2 / 2 页")).toBeVisible();
  await expect(page.getByRole("link", { name: "下一页" })).toHaveCount(0);
  const second = await titles();
  // Page 2 holds the rest: every item of the store on exactly one of the two pages.
  expect(second).toHaveLength(12);
  expect([...first, ...second].sort()).toEqual([...imported, ...samples].sort());
  await expect(count).toHaveText("共 62 项，每家店最多 10,000 项");
  await shot(page, testInfo, "catalog-page-2");
  await page.getByRole("link", { name: "上一页" }).click();
  await expect(page.getByText("第 1 / 2 页")).toBeVisible();
  expect(await titles()).toEqual(first);

  // Search by text: the imported 牛肉面 and the template's 招牌牛肉面, on one page; the store's count stays.
  const search = page.getByRole("search");
  await search.getByRole("searchbox").fill("牛肉面");
  await search.getByRole("button", { name: "搜索" }).click();
  await expect(page).toHaveURL(/\?q=/);
  await expect(page.getByText("找到 12 项")).toBeVisible();
  await expect(count).toHaveText("共 62 项，每家店最多 10,000 项");
  await expect(page.getByText(/第 \d+ \/ \d+ 页/)).toHaveCount(0);
  expect((await titles()).sort()).toEqual(["招牌牛肉面", ...imported.filter((title) => title.startsWith("牛肉面"))].sort());
  await expect(search.getByRole("searchbox")).toHaveValue("牛肉面");
  await shot(page, testInfo, "catalog-search");

  // A category alone: 面食 holds the three samples and the eleven imported noodles.
  await search.getByRole("searchbox").fill("");
  await search.getByLabel("分类").selectOption({ label: "面食" });
  await search.getByRole("button", { name: "搜索" }).click();
  await expect(page.getByText("找到 14 项")).toBeVisible();
  expect((await titles()).sort()).toEqual(["招牌牛肉面", "红烧排骨面", "担担面", ...imported.filter((title) => title.startsWith("牛肉面"))].sort());
  await expect(search.getByLabel("分类")).toHaveValue(/.+/);
  await shot(page, testInfo, "catalog-category");

  // Both at once: no 牛肉面 among the 点心.
  await search.getByRole("searchbox").fill("牛肉面");
  await search.getByLabel("分类").selectOption({ label: "点心" });
  await search.getByRole("button", { name: "搜索" }).click();
  await expect(page.getByText("没有符合条件的项。")).toBeVisible();
  await expect(page.getByText("找到 0 项")).toBeVisible();

  // Clearing brings the whole store back on its first page.
  await page.getByRole("link", { name: "清除筛选" }).click();
  await expect(page.getByText("第 1 / 2 页")).toBeVisible();
  expect(await titles()).toEqual(first);
});

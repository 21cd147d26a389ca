import { expect, test } from "@playwright/test";
import { pngImage } from "../../../packages/media/src/testing/images";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { ownOrigin, signIn, signUp, uniqueEmail } from "./helpers";

const lakeside = DEMO_STORES.find((store) => store.slug === "lakeside-inn")!;

test("a merchant asking for another merchant's store, by slug or by id, gets a 404 and none of its data", async ({ page }) => {
  await signIn(page, "shop@demo.kaidian.test");
  for (const ref of [lakeside.slug, lakeside.id, `${lakeside.slug}/settings`, `${lakeside.id}/catalog`]) {
    const response = await page.goto(`/stores/${ref}`);
    expect(response?.status(), ref).toBe(404);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    await expect(page.getByText(lakeside.name)).toHaveCount(0);
  }
});

test("an agency admin sees every store it serves and switches between them", async ({ page }) => {
  await signIn(page, "agency@demo.kaidian.test");
  await expect(page).toHaveURL(/\/agency$/);
  const stores = page.getByTestId("agency-stores").getByRole("listitem");
  await expect(stores.filter({ hasText: "山野咖啡豆铺" })).toHaveCount(1);
  await expect(stores.filter({ hasText: "湖畔民宿" })).toHaveCount(1);
  await expect(stores.filter({ hasText: "老街面馆" })).toHaveCount(1);

  await page.getByRole("searchbox", { name: "搜索店铺" }).fill("面馆");
  await page.getByRole("searchbox", { name: "搜索店铺" }).press("Enter");
  await expect(stores).toHaveCount(1);
  await expect(stores).toContainText("老街面馆");
  await page.getByRole("searchbox", { name: "搜索店铺" }).fill("");
  await page.getByRole("searchbox", { name: "搜索店铺" }).press("Enter");
  await expect(stores.filter({ hasText: "湖畔民宿" })).toHaveCount(1);

  await stores.filter({ hasText: "湖畔民宿" }).getByRole("link", { name: "进入" }).click();
  await expect(page.getByRole("heading", { name: "湖畔民宿" })).toBeVisible();
  await expect(page.getByTestId("store-role")).toHaveText("代理商管理员");

  await page.getByRole("combobox", { name: "切换店铺" }).selectOption({ label: "老街面馆" });
  await expect(page).toHaveURL(/\/stores\/old-street-noodles$/);
  await expect(page.getByRole("heading", { name: "老街面馆" })).toBeVisible();

  await page.getByRole("combobox", { name: "切换店铺" }).selectOption({ label: "全部店铺" });
  await expect(page).toHaveURL(/\/agency$/);
});

test("an agency admin opens a store for a merchant, who joins it as owner through the invitation link", async ({ page, browser }) => {
  await signIn(page, "agency@demo.kaidian.test");
  await page.getByLabel("店铺名称").fill("江边茶馆");
  await page.locator("label").filter({ hasText: "餐厅点餐" }).click();
  await page.getByLabel("店主邮箱（可选）").fill("teahouse@example.test");
  await page.getByRole("button", { name: "创建店铺" }).click();
  await expect(page.getByText("已创建店铺「江边茶馆」。")).toBeVisible();
  await expect(page.getByTestId("agency-stores").getByText("江边茶馆")).toBeVisible();
  const link = await page.getByTestId("invitation-link").inputValue();

  const merchant = await browser.newPage();
  await merchant.goto(link);
  await expect(merchant.getByRole("heading", { name: "加入「江边茶馆」" })).toBeVisible();
  await expect(merchant.getByLabel("邮箱", { exact: true })).toHaveValue("teahouse@example.test");
  await merchant.getByLabel("你的名字").fill("茶馆老板");
  await merchant.getByLabel("密码", { exact: true }).fill("green-tea-house-2026");
  await merchant.getByRole("button", { name: "创建账号并加入" }).click();
  await expect(merchant.getByRole("heading", { name: "江边茶馆" })).toBeVisible();
  await expect(merchant.getByTestId("store-role")).toHaveText("店主");
});

test("staff see only what their role allows; the agency publisher sees publishing", async ({ page }) => {
  await signIn(page, "staff@demo.kaidian.test");
  const nav = page.getByRole("navigation", { name: "老街面馆" });
  await expect(nav.getByRole("link")).toHaveText(["概览", "店铺装修", "订单", "菜单", "餐桌", "排队叫号", "营销", "会员"]);
  await page.goto("/stores/old-street-noodles/settings");
  await expect(page.getByText("你的角色（店员）不能使用此页面。")).toBeVisible();
  await expect(page.getByTestId("members")).toHaveCount(0);

  await page.context().clearCookies();
  await signIn(page, "publisher@demo.kaidian.test");
  await page.goto("/stores/lakeside-inn/publish");
  await expect(page.getByRole("heading", { name: "发布", exact: true })).toBeVisible();
  await expect(page.getByTestId("readiness")).toBeVisible();
  // Publishers publish; the store's WeChat settings are its owner's and the agency admin's.
  await expect(page.getByRole("link", { name: "微信设置" })).toHaveCount(0);
});

test("a merchant can neither upload to nor list another store's images, nor read them under their own store's path", async ({ page, browser }) => {
  const shop = DEMO_STORES.find((store) => store.slug === "shanye-coffee")!;
  const owner = await browser.newPage();
  await signIn(owner, "hotel@demo.kaidian.test");
  const image = pngImage(40, 40, [10, 200, 90]);
  const multipart = { file: { name: "lake.png", mimeType: "image/png", buffer: Buffer.from(image) } };
  const theirs = await (await owner.request.post(`/api/stores/${lakeside.slug}/media`, { multipart, headers: ownOrigin })).json();
  expect(theirs.ref).toMatch(new RegExp(`^/media/${lakeside.id}/[0-9a-f]{64}\\.png$`));

  await signIn(page, "shop@demo.kaidian.test");
  for (const ref of [lakeside.slug, lakeside.id]) {
    const upload = await page.request.post(`/api/stores/${ref}/media`, { multipart, headers: ownOrigin });
    expect(upload.status(), ref).toBe(404);
    expect(await upload.json()).toEqual({ error: { code: "store.notFound", message: "店铺不存在，或你没有访问权限。" } });
    const list = await page.request.get(`/api/stores/${ref}/media`);
    expect(list.status(), ref).toBe(404);
    expect(await list.text()).not.toContain(theirs.ref.split("/").pop());
  }
  const underOwnPath = await page.request.get(theirs.ref.replace(lakeside.id, shop.id));
  expect(underOwnPath.status()).toBe(404);
  expect((await underOwnPath.json()).error.code).toBe("media.notFound");
  const ownList = await (await page.request.get(`/api/stores/${shop.slug}/media`)).json();
  expect(JSON.stringify(ownList)).not.toContain(theirs.ref.split("/").pop());
});

test("a merchant cannot see or change another store's catalog, even with its ids in a request", async ({ page, browser }) => {
  const hotel = await browser.newPage();
  await signIn(hotel, "hotel@demo.kaidian.test");
  await hotel.goto("/stores/lakeside-inn/catalog");
  const theirLink = hotel.getByRole("table").first().getByRole("link").first();
  const theirTitle = (await theirLink.textContent())!;
  const theirPath = (await theirLink.getAttribute("href"))!;
  const theirId = theirPath.split("/").at(-1)!;

  await signIn(page, "shop@demo.kaidian.test");
  for (const path of [theirPath, `/stores/shanye-coffee/catalog/items/${theirId}`, "/stores/lakeside-inn/catalog"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  }
  expect((await page.request.get("/stores/lakeside-inn/catalog/export")).status()).toBe(404);

  // The shop's own delete button, pointed at the hotel's item: the action refuses and nothing of theirs changes.
  await page.goto("/stores/shanye-coffee/catalog");
  const remove = page.getByRole("button", { name: /^删除「/ }).first();
  await remove.locator("xpath=ancestor::form").locator("input[name=id]").evaluate((input, id) => ((input as HTMLInputElement).value = id), theirId);
  page.once("dialog", (dialog) => dialog.accept());
  await remove.click();
  await expect(page.getByText("找不到这一项，可能已被删除。")).toBeVisible();

  await hotel.reload();
  await expect(hotel.getByRole("link", { name: theirTitle, exact: true })).toBeVisible();
});

test("a merchant cannot read another merchant's room nights or tables", async ({ page }) => {
  await signIn(page, "shop@demo.kaidian.test");
  for (const path of ["/stores/lakeside-inn/rates", "/stores/old-street-noodles/tables", "/stores/old-street-noodles/tables/print"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText("老街面馆")).toHaveCount(0);
  }
});

test("a merchant cannot change another merchant's room nights or tables, even by editing the form", async ({ page, browser }) => {
  // Another merchant's hotel room and restaurant table.
  const hotel = await browser.newPage();
  await signUp(hotel, { name: "对岸", email: uniqueEmail("rival-hotel"), password: "rival-hotel-2026", storeName: "对岸客栈", template: "酒店预订" });
  await expect(hotel).toHaveURL(/\/stores\/[^/]+$/);
  await hotel.goto(`${new URL(hotel.url()).pathname}/rates`);
  const theirRoom = (await hotel.getByLabel("房型", { exact: true }).locator("option").first().getAttribute("value"))!;
  const theirNights = await hotel.getByRole("grid").textContent();
  const other = await browser.newPage();
  await signUp(other, { name: "对门", email: uniqueEmail("rival-table"), password: "rival-table-2026", storeName: "对门饭馆", template: "餐厅点餐" });
  await expect(other).toHaveURL(/\/stores\/[^/]+$/);
  await other.goto(`${new URL(other.url()).pathname}/tables`);
  await other.getByLabel("桌名").fill("B9");
  await other.getByRole("button", { name: "添加餐桌" }).click();
  await expect(other.getByTestId("tables")).toContainText("B9");
  const theirTable = (await other.getByTestId("tables").locator('input[name="tableId"]').first().getAttribute("value"))!;

  await signIn(page, "hotel@demo.kaidian.test");
  await page.goto("/stores/lakeside-inn/rates");
  await page.locator('input[name="itemId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), theirRoom);
  await page.getByRole("radio", { name: "关房（不可预订）" }).check();
  await page.getByRole("button", { name: "应用到所选日期" }).click();
  await expect(page.getByText("房型不存在，或不属于本店。")).toBeVisible();
  await hotel.reload();
  expect(await hotel.getByRole("grid").textContent()).toBe(theirNights);
  await hotel.close();

  await page.context().clearCookies();
  await signIn(page, "noodles@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles/tables");
  await page.getByLabel("桌名").fill("偷改");
  await page.getByRole("button", { name: "添加餐桌" }).click();
  const row = page.getByTestId("tables").getByRole("listitem").filter({ hasText: "偷改" });
  await row.locator('input[name="tableId"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), theirTable);
  await row.getByRole("button", { name: "删除餐桌 偷改" }).click();
  await expect(row.getByRole("alert")).toHaveText("餐桌不存在，或已被删除。");
  await page.reload();
  await page.getByRole("button", { name: "删除餐桌 偷改" }).click();
  await expect(row).toHaveCount(0);

  await other.reload();
  await expect(other.getByTestId("tables")).toContainText("B9");
  await other.close();
});

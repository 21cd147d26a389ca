import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a restaurant owner adds tables and prints their QR codes, whose links land on the table", async ({ page }) => {
  await signIn(page, "noodles@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles");
  await page.getByRole("link", { name: "餐桌" }).click();
  await expect(page.getByRole("heading", { name: "餐桌", level: 1 })).toBeVisible();

  for (const [name, seats] of [["A1", "4"], ["包间2", "10"]] as const) {
    await page.getByLabel("桌名").fill(name);
    await page.getByLabel("座位数").fill(seats);
    await page.getByRole("button", { name: "添加餐桌" }).click();
    await expect(page.getByRole("status")).toHaveText(`已添加餐桌「${name}」。`);
  }
  const tables = page.getByTestId("tables").getByRole("listitem");
  const count = await tables.count();

  // The same name again, in another case, is refused and stays in the field.
  await page.getByLabel("桌名").fill("a1");
  await page.getByRole("button", { name: "添加餐桌" }).click();
  await expect(page.getByText("已有名为「a1」的餐桌。")).toBeVisible();
  await expect(page.getByLabel("桌名")).toHaveValue("a1");
  await expect(tables.filter({ hasText: /^A1/i })).toHaveCount(1);

  await page.getByRole("button", { name: "修改餐桌 包间2" }).click();
  await page.getByLabel("座位数").last().fill("12");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(tables.filter({ hasText: "包间2" })).toContainText("座位数 12");

  await page.getByRole("link", { name: "打印桌码" }).click();
  await expect(page.getByRole("heading", { name: "桌码打印" })).toBeVisible();
  const cards = page.getByRole("list", { name: "桌码打印" }).getByRole("listitem");
  await expect(cards).toHaveCount(count);
  // Other tests may have given the demo restaurant tables of their own: this one follows A1.
  const a1 = cards.filter({ hasText: "A1" });
  await expect(a1).toContainText("老街面馆");
  await expect(a1).toContainText("A1");
  await expect(a1).toContainText(/场景值 t=[2-9A-Z]{6}/);
  await expect(a1.locator("svg")).toBeVisible();
  // Without PUBLIC_URL the codes use this machine's LAN address, and the page says who can open them.
  await expect(page.getByText(/二维码规则填写：http:\/\/[^/]+:\d+\/q\/[0-9a-f-]{36}\//)).toBeVisible();
  await expect(page.getByTestId("phone-reach")).toContainText(/只有连着同一个 Wi-Fi 的手机能打开|只有这台电脑能打开/);
  await page.screenshot({ path: test.info().outputPath("tables-print.png"), fullPage: true });
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { name: "桌码打印" })).toBeHidden();
  await expect(page.getByRole("navigation").first()).toBeHidden();
  await page.screenshot({ path: test.info().outputPath("tables-print-media.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });

  // Scanned outside WeChat, the link shows the store and the table.
  const link = (await a1.locator("[data-link]").getAttribute("data-link"))!;
  const scene = (await a1.textContent())!.match(/t=([2-9A-Z]{6})/)![1];
  expect(link).toMatch(new RegExp(`/q/[0-9a-f-]{36}/${scene}$`));
  const guest = await page.context().browser()!.newPage();
  await guest.goto(new URL(link).pathname);
  await expect(guest.getByRole("heading", { name: "老街面馆" })).toBeVisible();
  await expect(guest.getByText("桌号 A1")).toBeVisible();
  await expect(guest.getByText("请使用微信扫码点餐")).toBeVisible();
  await guest.close();

  await page.goto("/stores/old-street-noodles/tables");
  await page.getByRole("button", { name: "删除餐桌 A1" }).click();
  await expect(tables).toHaveCount(count - 1);
  await expect(tables.filter({ hasText: "A1" })).toHaveCount(0);
});

test("a hotel has no tables page", async ({ page }) => {
  await signIn(page, "hotel@demo.kaidian.test");
  await page.goto("/stores/lakeside-inn");
  await expect(page.getByRole("link", { name: "餐桌" })).toHaveCount(0);
  expect((await page.goto("/stores/lakeside-inn/tables"))?.status()).toBe(404);
  expect((await page.goto("/stores/lakeside-inn/tables/print"))?.status()).toBe(404);
});

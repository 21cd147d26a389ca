// Two people edit the same dish at once: the first save lands; the second is refused, naming who saved, keeping
// what its author typed, and a reload shows the other's change. Nothing is silently overwritten.
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const catalog = "/stores/old-street-noodles/catalog";

test("two people saving the same item: one lands, the other is told who saved and keeps what they typed", async ({ browser }) => {
  test.setTimeout(180_000);
  const owner = await (await browser.newContext()).newPage();
  const staff = await (await browser.newContext()).newPage();
  await signIn(owner, "noodles@demo.kaidian.test");
  await signIn(staff, "staff@demo.kaidian.test");

  const dish = `葱油拌面${Date.now() % 100_000}`;
  await owner.goto(`${catalog}/items/new`);
  await owner.getByLabel("名称", { exact: true }).fill(dish);
  await owner.getByLabel("价格（元）", { exact: true }).fill("18");
  await owner.getByRole("button", { name: "保存" }).click();
  await expect(owner).toHaveURL(new RegExp(`${catalog}$`));

  // Both open the dish's form.
  for (const page of [owner, staff]) {
    await page.goto(catalog);
    await page.getByRole("link", { name: `编辑「${dish}」` }).click();
    await expect(page.getByLabel("名称", { exact: true })).toHaveValue(dish);
  }

  await owner.getByLabel("价格（元）", { exact: true }).fill("20");
  await staff.getByLabel("描述").fill("李小二写的描述");
  await owner.getByRole("button", { name: "保存" }).click();
  await expect(owner).toHaveURL(new RegExp(`${catalog}$`));

  await staff.getByRole("button", { name: "保存" }).click();
  const refusal = staff.getByRole("alert").filter({ hasText: "王老街" });
  await expect(refusal).toContainText("你的修改没有保存");
  await expect(staff.getByLabel("描述")).toHaveValue("李小二写的描述");
  await staff.screenshot({ path: test.info().outputPath("conflict.png"), fullPage: true });

  // The reload shows the owner's price; saved again from there, the staff's description lands beside it.
  await refusal.getByRole("button", { name: "重新加载" }).click();
  await expect(staff.getByLabel("价格（元）", { exact: true })).toHaveValue("20");
  await expect(staff.getByLabel("描述")).toHaveValue("");
  await staff.getByLabel("描述").fill("李小二写的描述");
  await staff.getByRole("button", { name: "保存" }).click();
  await expect(staff).toHaveURL(new RegExp(`${catalog}$`));

  await owner.goto(catalog);
  await owner.getByRole("link", { name: `编辑「${dish}」` }).click();
  await expect(owner.getByLabel("价格（元）", { exact: true })).toHaveValue("20");
  await expect(owner.getByLabel("描述")).toHaveValue("李小二写的描述");
});

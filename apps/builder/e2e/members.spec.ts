// Members (会员) in a real browser against the real `npm start`: an owner sets the points rule and levels (told at the
// field what is wrong), a handheld scanner types member card codes into the scan field (an expired and an altered
// code are refused in words, a fresh one opens the member), staff add points with a reason and see the ledger row,
// and the list finds the member by phone, masked. Screenshots go to test-results/members/.
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";
import { appRoot } from "./isolation-surfaces";
import { arrangeMember, cardCode } from "./members-db";
import { query } from "./orders-db";

const shots = path.join(appRoot, "test-results/members");

test("an owner sets the rule, scans a member's card code and adjusts their points", async ({ page }) => {
  await signUp(page, { name: "孙店长", email: uniqueEmail("members"), password: "members-test-2026", storeName: "积分小铺", template: "电商商城" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/, { timeout: 30_000 });
  const slug = new URL(page.url()).pathname.split("/").at(-1)!;
  const [tenant] = await query<{ id: string }>("SELECT id FROM tenants WHERE slug = $1", [slug]);
  await page.getByRole("navigation").getByRole("link", { name: "会员" }).click();
  await expect(page.getByRole("heading", { name: "会员", exact: true })).toBeVisible();
  await expect(page.getByText("还没有会员。")).toBeVisible();

  // The rule: a second level that does not start above the first is refused at its field, then saved.
  const rules = page.getByRole("form", { name: "积分规则与会员等级" });
  await rules.getByLabel("启用积分").check();
  await rules.getByLabel("每实付 1 元获得积分").fill("2");
  await rules.getByLabel("等级名称 2").fill("银卡");
  await rules.getByLabel("累计消费满（元） 2").fill("0");
  await rules.getByLabel("折扣（减 %） 2").fill("5");
  await rules.getByRole("button", { name: "保存规则" }).click();
  await expect(rules.getByText("每一档的消费门槛须高于上一档。")).toBeVisible();
  await expect(rules.getByLabel("等级名称 2")).toHaveValue("银卡");
  await rules.getByLabel("累计消费满（元） 2").fill("100");
  await rules.getByRole("button", { name: "保存规则" }).click();
  await expect(rules.getByText("已保存。")).toBeVisible();
  const [saved] = await query<{ points_per_yuan: number; levels: unknown }>("SELECT points_per_yuan, levels FROM member_settings WHERE tenant_id = $1", [tenant!.id]);
  expect(saved).toEqual({ points_per_yuan: 2, levels: [{ name: "普通会员", minSpendFen: 0, percentOff: 0 }, { name: "银卡", minSpendFen: 10_000, percentOff: 5 }] });

  // A shopper joined on their phone; the scanner types their card's code and presses Enter.
  const number = await arrangeMember(tenant!.id, "13812345678");
  const scan = page.getByRole("form", { name: "扫码核销/查会员" });
  const field = scan.getByLabel("会员码");
  await field.fill(await cardCode(tenant!.id, number, new Date(Date.now() - 10 * 60_000)));
  await field.press("Enter");
  await expect(scan.getByText("会员码已过期，请让顾客刷新会员卡后重新扫码。")).toBeVisible();
  const fresh = await cardCode(tenant!.id, number);
  await scan.getByLabel("会员码").fill(`${fresh.slice(0, -1)}${fresh.endsWith("A") ? "B" : "A"}`);
  await scan.getByLabel("会员码").press("Enter");
  await expect(scan.getByText("会员码无效：不是本店签发的，或已被改动。")).toBeVisible();
  await scan.getByLabel("会员码").fill(fresh);
  await scan.getByLabel("会员码").press("Enter");
  const member = page.getByRole("region", { name: "会员 00000001" });
  await expect(member).toContainText("138****5678 · 普通会员 · 积分 0 · 累计消费 ¥0.00");

  // Staff add points: a reason is required; the ledger shows the row with its balance.
  const adjust = member.getByRole("form", { name: "调整积分" });
  await adjust.getByLabel("增减积分（扣减填负数）").fill("100");
  await adjust.getByRole("button", { name: "确认调整" }).click();
  await expect(adjust.getByText("请填写调整原因（最多 50 字）。")).toBeVisible();
  await adjust.getByLabel("原因").fill("开业赠送");
  await adjust.getByRole("button", { name: "确认调整" }).click();
  await expect(member.getByText("已调整，当前积分 100。")).toBeVisible();
  await expect(member).toContainText("积分 100");
  await expect(member.getByRole("table", { name: "积分明细" }).getByRole("row").nth(1)).toContainText(/人工调整\s*\+100\s*100\s*开业赠送/);
  await adjust.getByLabel("增减积分（扣减填负数）").fill("-500");
  await adjust.getByLabel("原因").fill("误操作");
  await adjust.getByRole("button", { name: "确认调整" }).click();
  await expect(adjust.getByText("积分不足，扣减后不能为负数。")).toBeVisible();

  // The list finds the member by the end of their phone number, shown masked.
  await page.getByPlaceholder("会员号或手机号").fill("5678");
  await page.getByRole("button", { name: "搜索" }).click();
  const row = page.locator("tr[data-member='00000001']");
  await expect(row).toContainText("138****5678");
  await expect(row).toContainText("100");
  await expect(page.getByText("13812345678")).toHaveCount(0);
  await expect(member).toContainText("开业赠送");
  await page.screenshot({ path: path.join(shots, "members-zh-CN.png"), fullPage: true });
});

// Setting a demo store up for WeChat the way its admin would, through the WeChat settings page, with a fresh
// code-upload key whose public half the fake WeChat CI service is told.
import { generateKeyPairSync } from "node:crypto";
import { type Page, expect } from "@playwright/test";
import { FakeWechatCiClient } from "../../../packages/wechat/src/testing/control-client";
import { fakeWechatUrl } from "../playwright.config";

export const fakeWechat = new FakeWechatCiClient(fakeWechatUrl);

/** An appid per store and run, so runs and stores never share the fake's faults or records. */
export function appidFor(label: number): string {
  return `wx${Date.now().toString(16).padStart(12, "0").slice(-12)}${label.toString(16).padStart(4, "0")}`;
}

export async function setUpWechat(page: Page, store: string, options: { appid: string; restaurant?: boolean }) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  await fakeWechat.registerApp({ appid: options.appid, publicKey: publicKey.export({ type: "spki", format: "pem" }).toString() });

  await page.goto(`/stores/${store}/wechat`);
  const app = page.locator("section").filter({ has: page.getByRole("heading", { name: "小程序与上传密钥" }) });
  await app.getByLabel("AppID").fill(options.appid);
  await app.getByRole("button", { name: "保存", exact: true }).click();
  await expect(app.getByRole("status")).toHaveText(/已保存|AppID 已更换/);

  await app.getByLabel("密钥文件（private.wx….key）").setInputFiles({
    name: `private.${options.appid}.key`,
    mimeType: "application/octet-stream",
    buffer: Buffer.from(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
  });
  await app.getByRole("button", { name: /上传密钥|替换密钥/ }).click();
  await expect(app.getByRole("status").filter({ hasText: "密钥已保存" })).toContainText("密钥已保存：SHA256:");

  const compliance = page.locator("section").filter({ has: page.getByRole("heading", { name: "资质与备案" }) });
  await compliance.getByRole("radio", { name: /通过本地合作伙伴/ }).check();
  await compliance.getByLabel("营业执照主体名称").fill("云南山野文化有限公司");
  await compliance.getByLabel("ICP 备案号").fill("滇ICP备2026012345号-1X");
  await compliance.getByLabel("小程序备案").selectOption("approved");
  if (options.restaurant) await compliance.getByLabel("食品经营许可证编号").fill("JY15301020012345");
  await compliance.getByRole("checkbox", { name: /我已在微信公众平台添加所需类目/ }).check();
  await compliance.getByRole("button", { name: "保存" }).click();
  await expect(compliance.getByRole("status")).toHaveText("已保存。");

  // Confirmed already when an earlier test set this store up with the same features; nothing to confirm when the
  // package handles no personal data (a store without a map location or booking form).
  const privacy = page.locator("section").filter({ has: page.getByRole("heading", { name: "用户隐私保护指引" }) });
  const confirm = privacy.getByRole("button", { name: "我已在微信公众平台填写以上内容" });
  const none = privacy.getByText("这个小程序目前不处理用户的个人信息");
  await expect(confirm.or(privacy.getByRole("status")).or(none)).toBeVisible();
  if (await none.isVisible()) return;
  if (await confirm.isVisible()) await confirm.click();
  await expect(privacy.getByRole("status")).toContainText("已于");
}

import { expect, test } from "@playwright/test";
import { FakeWechatPayClient, testMerchant } from "../../../packages/payments/src/testing";
import { fakeWechatPayUrl } from "../playwright.config";
import { signIn } from "./helpers";

const fake = new FakeWechatPayClient(fakeWechatPayUrl);

test("an owner sets up WeChat Pay: keys are never shown again, and the connection test says what is wrong", async ({ page }) => {
  const merchant = testMerchant(await fake.wechatpayKeys());
  await fake.registerMerchant(merchant.registration);
  const keys = merchant.keys;
  await signIn(page, "shop@demo.kaidian.test");
  await page.goto("/stores/shanye-coffee");
  await page.getByRole("link", { name: "支付设置" }).click();
  await expect(page.getByRole("heading", { name: "支付设置" })).toBeVisible();
  await expect(page.getByTestId("payment-check")).toHaveText("尚未设置微信支付，顾客暂时无法付款。");

  await page.getByLabel("商户号", { exact: true }).fill(keys.mchid);
  // A serial WeChat Pay does not know for this merchant: the test names the key and serial.
  await page.getByLabel("商户 API 证书序列号").fill("0123456789ABCDEF0123456789ABCDEF01234567");
  await page.getByLabel("商户 API 私钥（apiclient_key.pem）").fill(keys.privateKey);
  await page.getByLabel("APIv3 密钥").fill(keys.apiV3Key);
  await page.getByLabel("微信支付公钥 ID 或平台证书序列号").fill(keys.wechatpayKeys[0]!.serial);
  await page.getByLabel("微信支付公钥（pub_key.pem）或平台证书").fill(keys.wechatpayKeys[0]!.publicKey);
  await page.getByRole("button", { name: "保存并测试连接" }).click();
  await expect(page.getByTestId("payment-check-result")).toHaveText("连接失败：微信支付验签失败：请检查商户 API 私钥和证书序列号。", { timeout: 30_000 });

  // The stored keys are write-only: the form shows their fingerprint, a blank field keeps them.
  await page.reload();
  await expect(page.getByText(/已保存的私钥指纹：SHA256:/)).toBeVisible();
  expect(await page.content()).not.toContain(keys.privateKey.split("\n")[1]!);
  expect(await page.content()).not.toContain(keys.apiV3Key);
  await page.getByLabel("商户 API 证书序列号").fill(keys.certificateSerial);
  await page.getByRole("button", { name: "保存并测试连接" }).click();
  await expect(page.getByTestId("payment-check-result")).toHaveText("连接正常：微信支付已确认商户号和密钥。", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("payment-check")).toContainText("连接正常");
  await page.screenshot({ path: "test-results/payment-settings.png", fullPage: true });
});

test("staff neither see nor open the payment settings", async ({ page }) => {
  await signIn(page, "staff@demo.kaidian.test");
  await page.goto("/stores/old-street-noodles");
  await expect(page.getByRole("link", { name: "支付设置" })).toHaveCount(0);
  await page.goto("/stores/old-street-noodles/settings/payments");
  await expect(page.getByText("无权访问")).toBeVisible();
  await expect(page.getByLabel("商户号", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "保存并测试连接" })).toHaveCount(0);
});

// The platform's service-provider account for tests and benchmarks, set up as an operator would: registered at
// the fake WeChat Pay, its keys in files, and the WECHATPAY_SP_* settings that point shop-api and the workers at them.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { FakeMerchant, FakeWechatPay } from "./fake-wechat-pay";
import { testAppid, testMerchant } from "./merchants";

export type TestServiceProvider = {
  /** The settings to start shop-api or a worker with (WECHATPAY_API_BASE included). */
  env: Record<string, string>;
  /** The account as the fake holds it: push sub-merchants onto `registration.subMerchants` to open them. */
  registration: FakeMerchant;
  /** Removes the key files. */
  dispose(): Promise<void>;
};

export async function arrangeServiceProvider(pay: FakeWechatPay): Promise<TestServiceProvider> {
  const keyDir = await mkdtemp(path.join(os.tmpdir(), "kaidian-sp-"));
  const spAppid = testAppid();
  const sp = testMerchant(pay.wechatpayKeys, { appids: [spAppid], subMerchants: [] });
  pay.registerMerchant(sp.registration);
  const privateKeyFile = path.join(keyDir, "apiclient_key.pem");
  const publicKeyFile = path.join(keyDir, "pub_key.pem");
  await writeFile(privateKeyFile, sp.keys.privateKey);
  await writeFile(publicKeyFile, sp.keys.wechatpayKeys[0]!.publicKey);
  return {
    env: {
      WECHATPAY_API_BASE: pay.baseUrl,
      WECHATPAY_SP_MCHID: sp.keys.mchid,
      WECHATPAY_SP_APPID: spAppid,
      WECHATPAY_SP_CERT_SERIAL: sp.keys.certificateSerial,
      WECHATPAY_SP_PRIVATE_KEY_FILE: privateKeyFile,
      WECHATPAY_SP_APIV3_KEY: sp.keys.apiV3Key,
      WECHATPAY_SP_PUBLIC_KEY_ID: sp.keys.wechatpayKeys[0]!.serial,
      WECHATPAY_SP_PUBLIC_KEY_FILE: publicKeyFile,
    },
    registration: sp.registration,
    dispose: () => rm(keyDir, { recursive: true, force: true }),
  };
}

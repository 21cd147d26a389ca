// WeChat's pushes to the third-party platform reach shop-api's event route from the fake open platform over real
// HTTP: a ticket is kept (and is the one WeChat then accepts for the platform's token), a forged push is refused and
// logged without its content, and a deployment that is not a platform has no such route.
import { randomBytes } from "node:crypto";
import { testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import { componentTokens } from "@kaidian/wechat/open-platform";
import { startFakeOpenPlatform, type FakeOpenPlatform } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopApi, type RunningShopApi } from "./testing";

let fake: FakeOpenPlatform;
let shopApi: RunningShopApi;
const masterKey = randomBytes(32);

beforeAll(async () => {
  fake = await startFakeOpenPlatform();
  shopApi = await startShopApi(testDatabaseUrl(), {
    KAIDIAN_MASTER_KEY: masterKey.toString("base64"),
    WECHAT_COMPONENT_APPID: fake.component.appid,
    WECHAT_COMPONENT_SECRET: fake.component.secret,
    WECHAT_COMPONENT_TOKEN: fake.component.token,
    WECHAT_COMPONENT_AES_KEY: fake.component.aesKey,
    WECHAT_COMPONENT_API_BASE: fake.baseUrl,
  });
});
afterAll(async () => {
  await shopApi.close();
  await fake.close();
});

describe("the platform's event route", () => {
  it("keeps the pushed ticket, answering success, so the platform's token can be fetched with it", async () => {
    const pushed = await fake.pushTicket(`${shopApi.url}/wechat/component/events`);
    expect(pushed.answer).toEqual({ status: 200, body: "success" });
    const { appid, secret, token, aesKey } = fake.component;
    const db = testDatabase();
    const tokens = componentTokens({ db, masterKey, settings: { appid, secret, token, aesKey, apiBase: fake.baseUrl } });
    expect(fake.tokenValid(await tokens.get())).toBe(true);
    await db.disconnect();
  });

  it("refuses a forged push and logs why, never what it carried", async () => {
    const forged = await fake.pushTicket(`${shopApi.url}/wechat/component/events`, { tamper: "signature" });
    expect(forged.answer).toEqual({ status: 400, body: "refused" });
    const logged = shopApi.logs.filter((line) => line.includes("WeChat platform push refused"));
    expect(logged.map((line) => JSON.parse(line).reason)).toEqual(["signature"]);
    expect(shopApi.logs.join("\n")).not.toContain(forged.ticket);
  });

  it("is not there when the deployment is not a platform", async () => {
    const plain = await startShopApi(testDatabaseUrl());
    const answer = await fetch(`${plain.url}/wechat/component/events`, { method: "POST", body: "<xml/>" });
    expect(answer.status).toBe(404);
    await plain.close();
  });
});

// WeChat's pushes to the third-party platform reach shop-api's event route from the fake open platform over real
// HTTP: a ticket is kept (and is the one WeChat then accepts for the platform's token), a forged push is refused and
// logged without its content, and a deployment that is not a platform has no such route.
import { randomBytes } from "node:crypto";
import { superuser, testDatabase, testDatabaseUrl } from "@kaidian/db/testing";
import type { Database } from "@kaidian/db";
import { componentSettings, openPlatform } from "@kaidian/wechat/open-platform";
import { startFakeOpenPlatform, type FakeOpenPlatform } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopApi, type RunningShopApi } from "./testing";

let fake: FakeOpenPlatform;
let db: Database;
let shopApi: RunningShopApi;
const masterKey = randomBytes(32);

beforeAll(async () => {
  db = testDatabase();
  fake = await startFakeOpenPlatform();
  shopApi = await startShopApi(testDatabaseUrl(), { KAIDIAN_MASTER_KEY: masterKey.toString("base64"), ...fake.env });
  fake.setEventUrl(`${shopApi.url}/wechat/component/events`);
});
afterAll(async () => {
  await shopApi.close();
  await fake.close();
  await db.disconnect();
});

describe("the platform's event route", () => {
  it("keeps the pushed ticket, answering success, so the platform's token can be fetched with it", async () => {
    const pushed = await fake.pushTicket(`${shopApi.url}/wechat/component/events`);
    expect(pushed.answer).toEqual({ status: 200, body: "success" });
    const { tokens } = openPlatform({ db, masterKey, settings: componentSettings(fake.env)! });
    expect(fake.tokenValid(await tokens.get())).toBe(true);
  });

  it("refuses a forged push and logs why, never what it carried", async () => {
    const forged = await fake.pushTicket(`${shopApi.url}/wechat/component/events`, { tamper: "signature" });
    expect(forged.answer).toEqual({ status: 400, body: "refused" });
    const logged = shopApi.logs.filter((line) => line.includes("WeChat platform push refused"));
    expect(logged.map((line) => JSON.parse(line).reason)).toEqual(["signature"]);
    expect(shopApi.logs.join("\n")).not.toContain(forged.ticket);
  });

  it("marks the store revoked when the merchant withdraws the Mini Program in WeChat", async () => {
    await fake.pushTicket(`${shopApi.url}/wechat/component/events`);
    const platform = openPlatform({ db, masterKey, settings: componentSettings(fake.env)! });
    const miniProgram = `wx${randomBytes(8).toString("hex")}`;
    fake.addMiniProgram(miniProgram, "撤销测试");
    const admin = await superuser();
    const store = (await admin.query<{ id: string }>("INSERT INTO tenants (name, slug, template_id, updated_at) VALUES ('撤销', $1, 'ecommerce', now()) RETURNING id", [`wd-${randomBytes(4).toString("hex")}`])).rows[0]!.id;
    const owner = (await admin.query<{ id: string }>("INSERT INTO users (email, name, password_hash) VALUES ($1, '店主', 'x') RETURNING id", [`wd-${randomBytes(4).toString("hex")}@example.com`])).rows[0]!.id;
    await admin.end();
    const back = await fake.approve((await platform.authorizations.links("https://d.example.com/back")).computer, miniProgram);
    await platform.authorizations.complete(store, new URL(back).searchParams.get("auth_code")!, { userId: owner });

    expect(await fake.withdraw(miniProgram)).toEqual({ status: 200, body: "success" });
    expect(await platform.authorizations.status(store)).toMatchObject({ revokedAt: expect.any(Date) });
    expect(shopApi.logs.some((line) => line.includes("Mini Program authorisation withdrawn") && line.includes(store))).toBe(true);
  });

  it("is not there when the deployment is not a platform", async () => {
    const plain = await startShopApi(testDatabaseUrl());
    const answer = await fetch(`${plain.url}/wechat/component/events`, { method: "POST", body: "<xml/>" });
    expect(answer.status).toBe(404);
    await plain.close();
  });
});

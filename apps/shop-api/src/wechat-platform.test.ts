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

async function storeAndOwner(): Promise<{ store: string; owner: string }> {
  const admin = await superuser();
  const store = (await admin.query<{ id: string }>("INSERT INTO tenants (name, slug, template_id, updated_at) VALUES ('推送', $1, 'ecommerce', now()) RETURNING id", [`ps-${randomBytes(4).toString("hex")}`])).rows[0]!.id;
  const owner = (await admin.query<{ id: string }>("INSERT INTO users (email, name, password_hash) VALUES ($1, '店主', 'x') RETURNING id", [`ps-${randomBytes(4).toString("hex")}@example.com`])).rows[0]!.id;
  await admin.end();
  return { store, owner };
}

async function post(url: string, sealed: { query: Record<string, string>; body: string }) {
  const target = new URL(url);
  for (const [name, value] of Object.entries(sealed.query)) target.searchParams.set(name, value);
  const response = await fetch(target, { method: "POST", headers: { "content-type": "text/xml" }, body: sealed.body });
  return { status: response.status, body: await response.text() };
}

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
    const back = await fake.approve((await platform.authorizations.links("https://d.example.com/back", { tenantId: store, userId: owner })).computer, miniProgram);
    await platform.authorizations.complete(store, new URL(back).searchParams.get("auth_code")!, { userId: owner });

    expect(await fake.withdraw(miniProgram)).toEqual({ status: 200, body: "success" });
    expect(await platform.authorizations.status(store)).toMatchObject({ revokedAt: expect.any(Date) });
    expect(shopApi.logs.some((line) => line.includes("Mini Program authorisation withdrawn") && line.includes(store))).toBe(true);
  });

  it("records the store's authorisation from WeChat's `authorized` push alone, once however often it comes", async () => {
    await fake.pushTicket(`${shopApi.url}/wechat/component/events`);
    const platform = openPlatform({ db, masterKey, settings: componentSettings(fake.env)! });
    const { store, owner } = await storeAndOwner();
    const miniProgram = `wx${randomBytes(8).toString("hex")}`;
    fake.addMiniProgram(miniProgram, "推送授权");
    const links = await platform.authorizations.links("https://d.example.com/back", { tenantId: store, userId: owner });

    // The merchant approves on the phone and never comes back to the dashboard: the push alone records it.
    const back = new URL(await fake.approve(links.phone, miniProgram));
    const recorded = await platform.authorizations.status(store);
    expect(recorded).toMatchObject({ authorizerAppid: miniProgram, revokedAt: null });
    expect(fake.authorizerTokenValid(miniProgram, await platform.authorizations.accessToken(store))).toBe(true);
    expect(shopApi.logs.some((line) => line.includes("Mini Program authorised") && line.includes(store))).toBe(true);

    // The return page with the same one-use code, and WeChat pushing it again, find it done and change nothing.
    const authCode = back.searchParams.get("auth_code")!;
    expect(await platform.authorizations.complete(store, authCode, { userId: owner })).toMatchObject({ authorizedAt: recorded!.authorizedAt });
    const again = fake.sealMessage(
      `<xml><AppId>${fake.component.appid}</AppId><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><InfoType>authorized</InfoType><AuthorizerAppid>${miniProgram}</AuthorizerAppid>` +
        `<AuthorizationCode>${authCode}</AuthorizationCode><AuthorizationCodeExpiredTime>${Math.floor(Date.now() / 1000) + 3600}</AuthorizationCodeExpiredTime><PreAuthCode>${new URL(links.phone).searchParams.get("pre_auth_code")}</PreAuthCode></xml>`,
    );
    expect(await post(`${shopApi.url}/wechat/component/events`, again)).toEqual({ status: 200, body: "success" });
    expect(await platform.authorizations.status(store)).toEqual(recorded);

    // Withdrawn, then a change of permissions pushed as `updateauthorized` (no pre_auth_code): the store is found by
    // its Mini Program and authorised again.
    await fake.withdraw(miniProgram);
    expect(await platform.authorizations.status(store)).toMatchObject({ revokedAt: expect.any(Date) });
    expect(await fake.updateAuthorization(miniProgram)).toEqual({ status: 200, body: "success" });
    expect(await platform.authorizations.status(store)).toMatchObject({ authorizerAppid: miniProgram, revokedAt: null });
  });

  it("records nothing for an approval no store asked for", async () => {
    await fake.pushTicket(`${shopApi.url}/wechat/component/events`);
    const stranger = `wx${randomBytes(8).toString("hex")}`;
    expect(await fake.updateAuthorization(stranger)).toEqual({ status: 200, body: "success" });
    const admin = await superuser();
    expect((await admin.query("SELECT 1 FROM wechat_authorizations WHERE authorizer_appid = $1", [stranger])).rowCount).toBe(0);
    await admin.end();
    expect(shopApi.logs.some((line) => line.includes("Mini Program authorised to no store") && line.includes(stranger))).toBe(true);
  });

  it("is not there when the deployment is not a platform", async () => {
    const plain = await startShopApi(testDatabaseUrl());
    const answer = await fetch(`${plain.url}/wechat/component/events`, { method: "POST", body: "<xml/>" });
    expect(answer.status).toBe(404);
    await plain.close();
  });
});

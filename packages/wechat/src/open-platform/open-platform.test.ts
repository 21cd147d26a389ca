// The third-party platform's side of WeChat's pushes and its component token, against the fake open platform over
// real HTTP, with the ticket and token in the real database. The fake encrypts and signs with node:crypto alone;
// the product opens with Tencent's @wecom/crypto.
import { randomBytes } from "node:crypto";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenPlatform, type FakeOpenPlatform, type TicketOptions } from "../testing";
import { WechatApiError } from "../server-api/errors";
import { AuthorizationRefused, Authorizations, componentSettings, componentTokens, openPushedMessage, RefusedPush, type ComponentSettings, type ComponentTokens } from "./index";

let db: Database;
const masterKey = randomBytes(32);

beforeAll(() => {
  db = testDatabase();
});
afterAll(async () => {
  await db.disconnect();
});

async function platform(): Promise<{ fake: FakeOpenPlatform; settings: ComponentSettings }> {
  const fake = await startFakeOpenPlatform();
  return { fake, settings: componentSettings(fake.env)! };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof RefusedPush ? error.reason : error;
  }
  return "opened";
};

describe("pushed messages", () => {
  it("opens what WeChat sealed for this platform, and refuses a wrong signature, another platform or a DOCTYPE", async () => {
    const { fake, settings } = await platform();
    const ticketXml = "<xml><AppId>x</AppId><CreateTime>1700000000</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket><![CDATA[ticket@@@0123]]></ComponentVerifyTicket></xml>";
    const sealed = fake.sealMessage(ticketXml);
    expect(openPushedMessage(settings, sealed.query, sealed.body)).toEqual({ kind: "ticket", ticket: "ticket@@@0123", createdAt: new Date(1_700_000_000_000) });

    const forged = fake.sealMessage(ticketXml, { tamper: "signature" });
    expect(refusal(() => openPushedMessage(settings, forged.query, forged.body))).toBe("signature");
    const elsewhere = fake.sealMessage(ticketXml, { tamper: "appid" });
    expect(refusal(() => openPushedMessage(settings, elsewhere.query, elsewhere.body))).toBe("appid");
    expect(refusal(() => openPushedMessage(settings, sealed.query, `<!DOCTYPE x [<!ENTITY a "b">]>${sealed.body}`))).toBe("format");
    expect(refusal(() => openPushedMessage(settings, { ...sealed.query, msg_signature: undefined }, sealed.body))).toBe("format");
    await fake.close();
  });

  it("reads authorisation and audit events, keeping WeChat's reason for a failed audit", async () => {
    const { fake, settings } = await platform();
    const open = (xml: string) => {
      const sealed = fake.sealMessage(xml);
      return openPushedMessage(settings, sealed.query, sealed.body);
    };
    expect(open("<xml><AppId>x</AppId><CreateTime>1700000000</CreateTime><InfoType>authorized</InfoType><AuthorizerAppid>wx0123456789abcdef</AuthorizerAppid><AuthorizationCode>queryauthcode@@@abc</AuthorizationCode><AuthorizationCodeExpiredTime>1700003600</AuthorizationCodeExpiredTime><PreAuthCode>preauthcode@@@x</PreAuthCode></xml>")).toEqual({
      kind: "authorized",
      authorizerAppid: "wx0123456789abcdef",
      authorizationCode: "queryauthcode@@@abc",
      codeExpiresAt: new Date(1_700_003_600_000),
      preAuthCode: "preauthcode@@@x",
      createdAt: new Date(1_700_000_000_000),
    });
    // A change of permissions in WeChat answers no pre_auth_code.
    expect(open("<xml><AppId>x</AppId><CreateTime>1700000000</CreateTime><InfoType>updateauthorized</InfoType><AuthorizerAppid>wx0123456789abcdef</AuthorizerAppid><AuthorizationCode>queryauthcode@@@abd</AuthorizationCode><AuthorizationCodeExpiredTime>1700003600</AuthorizationCodeExpiredTime></xml>")).toMatchObject({
      kind: "authorized",
      authorizationCode: "queryauthcode@@@abd",
      preAuthCode: null,
    });
    expect(open("<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>1700000100</CreateTime><MsgType>event</MsgType><Event>weapp_audit_fail</Event><Reason><![CDATA[小程序名称与内容不符<br>请修改]]></Reason><FailTime>1700000100</FailTime><ScreenShot>a.png|b.png</ScreenShot></xml>")).toEqual({
      kind: "auditFailed",
      reason: "小程序名称与内容不符<br>请修改",
      screenshots: ["a.png", "b.png"],
      createdAt: new Date(1_700_000_100_000),
    });
    expect(open("<xml><CreateTime>1700000100</CreateTime><MsgType>event</MsgType><Event>weapp_audit_success</Event></xml>")).toMatchObject({ kind: "auditSucceeded" });
    // A ticket push without its ticket is not WeChat's: refused rather than half-read.
    expect(refusal(() => open("<xml><CreateTime>1700000000</CreateTime><InfoType>component_verify_ticket</InfoType></xml>"))).toBe("format");
    await fake.close();
  });
});

describe("settings", () => {
  const full = { WECHAT_COMPONENT_APPID: "wx0123456789abcdef", WECHAT_COMPONENT_SECRET: "a".repeat(32), WECHAT_COMPONENT_TOKEN: "token1", WECHAT_COMPONENT_AES_KEY: "k".repeat(43) };
  it("is off with none set, and names each missing or malformed one", () => {
    expect(componentSettings({})).toBeNull();
    expect(componentSettings(full)).toMatchObject({ appid: "wx0123456789abcdef", apiBase: "https://api.weixin.qq.com" });
    expect(() => componentSettings({ ...full, WECHAT_COMPONENT_AES_KEY: "short" })).toThrow(/WECHAT_COMPONENT_AES_KEY must be the 43-character EncodingAESKey/);
    expect(() => componentSettings({ WECHAT_COMPONENT_APPID: full.WECHAT_COMPONENT_APPID })).toThrow(/WECHAT_COMPONENT_SECRET is missing.*WECHAT_COMPONENT_TOKEN is missing.*WECHAT_COMPONENT_AES_KEY is missing/);
  });
});

/** What shop-api's event route does with a ticket push (the route itself is tested in apps/shop-api). */
async function receive(fake: FakeOpenPlatform, settings: ComponentSettings, tokens: ComponentTokens, options: TicketOptions = {}) {
  const { ticket, query, body } = fake.issueTicket(options);
  const message = openPushedMessage(settings, query, body);
  if (message.kind !== "ticket") throw new Error(`expected a ticket, got ${message.kind}`);
  return { ticket, kept: await tokens.keepTicket(message.ticket, message.createdAt) };
}

describe("the component token", () => {
  it("is fetched with the newest ticket pushed, once for many callers, and kept until near its expiry", async () => {
    const { fake, settings } = await platform();
    const tokens = componentTokens({ db, masterKey, settings });
    await expect(tokens.get()).rejects.toMatchObject({ kind: "wechat.rejected", detail: "no component_verify_ticket has arrived yet" });

    expect((await receive(fake, settings, tokens)).kept).toBe(true);
    expect((await receive(fake, settings, tokens, { createdAt: new Date(Date.now() + 60_000) })).kept).toBe(true);
    // A late push of an older ticket does not replace the newer one, which is the only one WeChat accepts.
    expect((await receive(fake, settings, tokens, { createdAt: new Date(Date.now() - 60_000) })).kept).toBe(false);

    const got = await Promise.all(Array.from({ length: 5 }, () => componentTokens({ db: testDatabase(), masterKey, settings }).get()));
    expect(new Set(got).size).toBe(1);
    expect(fake.tokenValid(got[0]!)).toBe(true);
    expect(fake.tokenCalls()).toBe(1);
    expect(await tokens.get()).toBe(got[0]);

    // Ten minutes before its 2 hours are up, the next caller fetches a new one.
    const later = componentTokens({ db, masterKey, settings, tokens: { now: () => Date.now() + 111 * 60_000 } });
    const renewed = await later.get();
    expect(renewed).not.toBe(got[0]);
    expect(fake.tokenCalls()).toBe(2);
    await fake.close();
  });

  it("says what is wrong when WeChat refuses the ticket or the platform's secret, and lets the next call try again", async () => {
    const { fake, settings } = await platform();
    const tokens = componentTokens({ db, masterKey, settings });
    await receive(fake, settings, tokens);
    fake.injectTokenError(61006);
    const invalid = await tokens.get().catch((error: unknown) => error as WechatApiError);
    expect(invalid).toMatchObject({ kind: "component.ticketInvalid", errcode: 61006 });
    expect(await tokens.get()).toMatch(/^ct_/);

    const wrongSecret = componentTokens({ db: testDatabase(), masterKey, settings: { ...settings, secret: "b".repeat(32) }, tokens: { now: () => Date.now() + 111 * 60_000 } });
    await expect(wrongSecret.get()).rejects.toMatchObject({ kind: "app.invalidSecret" });
    await fake.close();
  });
});

describe("authorisation", () => {
  async function arrangeStore(appid = ""): Promise<{ tenantId: string; userId: string }> {
    const admin = await superuser();
    const tenant = await admin.query<{ id: string }>("INSERT INTO tenants (name, slug, template_id, updated_at) VALUES ('授权店', $1, 'ecommerce', now()) RETURNING id", [`auth-${randomBytes(4).toString("hex")}`]);
    const user = await admin.query<{ id: string }>("INSERT INTO users (email, name, password_hash) VALUES ($1, '店主', 'x') RETURNING id", [`owner-${randomBytes(4).toString("hex")}@example.com`]);
    if (appid) await admin.query("INSERT INTO wechat_credentials (tenant_id, appid, updated_at) VALUES ($1, $2, now())", [tenant.rows[0]!.id, appid]);
    await admin.end();
    return { tenantId: tenant.rows[0]!.id, userId: user.rows[0]!.id };
  }

  it("turns the merchant's approval into the store's sealed authorizer tokens, refreshed before they expire", async () => {
    const { fake, settings } = await platform();
    const tokens = componentTokens({ db, masterKey, settings });
    await receive(fake, settings, tokens);
    const miniProgram = `wx${randomBytes(8).toString("hex")}`;
    fake.addMiniProgram(miniProgram, "街角咖啡");
    const store = await arrangeStore();
    const authorizations = new Authorizations(db, masterKey, tokens);

    const links = await authorizations.links("https://dashboard.example.com/stores/s/wechat/authorized", store);
    expect(new URL(links.computer).searchParams.get("auth_type")).toBe("2");
    expect(links.phone).toMatch(/action=bindcomponent.*#wechat_redirect$/);
    const back = new URL(await fake.approve(links.phone, miniProgram));
    expect(back.origin + back.pathname).toBe("https://dashboard.example.com/stores/s/wechat/authorized");
    const authCode = back.searchParams.get("auth_code")!;

    const done = await authorizations.complete(store.tenantId, authCode, { userId: store.userId });
    expect(done).toMatchObject({ authorizerAppid: miniProgram, permissions: [17, 18, 25, 30], revokedAt: null });
    expect(await db.scoped({ tenantId: store.tenantId }, (tx) => tx.wechatCredential.findUnique({ where: { tenantId: store.tenantId } }))).toMatchObject({ appid: miniProgram, revision: 1 });
    // The code is used up at WeChat (61009), but the return page after the push (or a reload) finds it done.
    expect(await authorizations.complete(store.tenantId, authCode, { userId: store.userId })).toMatchObject({ authorizerAppid: miniProgram, authorizedAt: done.authorizedAt });
    // Another store cannot borrow a code it did not complete with.
    const other = await arrangeStore();
    await expect(authorizations.complete(other.tenantId, authCode, { userId: other.userId })).rejects.toMatchObject({ kind: "component.codeInvalid" });

    const first = await authorizations.accessToken(store.tenantId);
    expect(fake.authorizerTokenValid(miniProgram, first)).toBe(true);
    expect(fake.authorizerTokenCalls(miniProgram)).toBe(0);
    const later = new Authorizations(db, masterKey, tokens, { now: () => Date.now() + 111 * 60_000 });
    const renewed = await Promise.all([later.accessToken(store.tenantId), later.accessToken(store.tenantId), later.accessToken(store.tenantId)]);
    expect(new Set(renewed).size).toBe(1);
    expect(renewed[0]).not.toBe(first);
    expect(fake.authorizerTokenCalls(miniProgram)).toBe(1);

    // Withdrawn in WeChat: the push marks the store revoked, and nothing acts for it any more.
    await fake.withdraw(miniProgram);
    expect(await authorizations.revoked(miniProgram, new Date())).toBe(store.tenantId);
    expect(await authorizations.status(store.tenantId)).toMatchObject({ authorizerAppid: miniProgram, revokedAt: expect.any(Date) });
    await expect(authorizations.accessToken(store.tenantId)).rejects.toMatchObject({ kind: "component.notAuthorized" });
    await fake.close();
  });

  it("refuses a Mini Program authorised to another store, or other than the one the store is set up with", async () => {
    const { fake, settings } = await platform();
    const tokens = componentTokens({ db, masterKey, settings });
    await receive(fake, settings, tokens);
    const authorizations = new Authorizations(db, masterKey, tokens);
    const shared = `wx${randomBytes(8).toString("hex")}`;
    fake.addMiniProgram(shared, "共用小程序");
    const approve = async (store: { tenantId: string; userId: string }) =>
      new URL(await fake.approve((await authorizations.links("https://d.example.com/back", store)).computer, shared)).searchParams.get("auth_code")!;

    const first = await arrangeStore();
    await authorizations.complete(first.tenantId, await approve(first), { userId: first.userId });
    const second = await arrangeStore();
    const taken = await authorizations.complete(second.tenantId, await approve(second), { userId: second.userId }).catch((error: unknown) => error);
    expect(taken).toBeInstanceOf(AuthorizationRefused);
    expect(taken).toMatchObject({ reason: "otherStore" });
    expect(await authorizations.status(second.tenantId)).toBeNull();

    const setUp = await arrangeStore(`wx${randomBytes(8).toString("hex")}`);
    const other = await authorizations.complete(setUp.tenantId, await approve(setUp), { userId: setUp.userId }).catch((error: unknown) => error);
    expect(other).toMatchObject({ reason: "otherAppid", authorizerAppid: shared });
    expect(await authorizations.status(setUp.tenantId)).toBeNull();
    await fake.close();
  });
});

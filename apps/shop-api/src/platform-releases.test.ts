// Stores released through the third-party platform, against the fake open platform over real HTTP: the template is
// committed with each store's ext.json, audited, and WeChat's verdicts are pushed to shop-api's per-Mini-Program event
// route, encrypted and signed; approved stores are released and can be reverted; a rejection keeps WeChat's reason.
// An agency's fleet release goes stage by stage, paced, and resumes after a restart.
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase, testDatabaseUrl, uniqueEmail } from "@kaidian/db/testing";
import { loadRuntime } from "@kaidian/generator";
import { advanceFleetReleases, readFleetRelease, resumeFleetRelease, startFleetRelease, type Publisher } from "@kaidian/publishing/fleet-releases";
import { arrangePublishableStore } from "@kaidian/publishing/testing";
import { agencyOf } from "@kaidian/tenancy";
import { extJsonLook, pages, readConfig, storeLook, templates } from "@kaidian/templates";
import { latestPlatformReleases, PlatformReleaseRefused, refreshAuditStatus, releaseApproved, revertRelease, startStoreRelease, storeExtJson, storeReleaseInputSchema, submitPlatformRelease } from "@kaidian/publishing/platform-releases";
import { componentSettings, listPlatformTemplates, openPlatform } from "@kaidian/wechat/open-platform";
import { startFakeOpenPlatform, testUploadKey, type FakeOpenPlatform } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShopApi, type RunningShopApi } from "./testing";

let fake: FakeOpenPlatform;
let db: Database;
let shopApi: RunningShopApi;
let platform: ReturnType<typeof openPlatform>;
const masterKey = randomBytes(32);
const TEMPLATE_ID = 7;
const LOOK_TEMPLATE_ID = 8;
const category = { firstClass: "商业服务", secondClass: "软件服务提供商" };

beforeAll(async () => {
  db = testDatabase();
  fake = await startFakeOpenPlatform();
  shopApi = await startShopApi(testDatabaseUrl(), { KAIDIAN_MASTER_KEY: masterKey.toString("base64"), ...fake.env });
  fake.setEventUrl(`${shopApi.url}/wechat/component/events`);
  fake.code.setMessageUrl(`${shopApi.url}/wechat/component/apps/$APPID$/events`);
  fake.code.addTemplate(TEMPLATE_ID, "3.2.0", "电商模板");
  // The platform's monthly audit quota, bought for the size of these tests; the quota tests set their own.
  fake.code.setAuditQuota(1000);
  await fake.pushTicket(`${shopApi.url}/wechat/component/events`);
  platform = openPlatform({ db, masterKey, settings: componentSettings(fake.env)! });
});
afterAll(async () => {
  await shopApi.close();
  await fake.close();
  await db.disconnect();
});

/** A store whose Mini Program the merchant has authorised to the platform. */
async function authorisedStore(name: string): Promise<{ tenantId: string; userId: string; appid: string }> {
  const appid = `wx${randomBytes(8).toString("hex")}`;
  fake.addMiniProgram(appid, name);
  const admin = await superuser();
  const tenantId = (await admin.query<{ id: string }>("INSERT INTO tenants (name, slug, template_id, updated_at) VALUES ($1, $2, 'ecommerce', now()) RETURNING id", [name, `rel-${randomBytes(4).toString("hex")}`])).rows[0]!.id;
  const userId = (await admin.query<{ id: string }>("INSERT INTO users (email, name, password_hash) VALUES ($1, '店主', 'x') RETURNING id", [`rel-${randomBytes(4).toString("hex")}@example.com`])).rows[0]!.id;
  await admin.end();
  const back = await fake.approve((await platform.authorizations.links("https://d.example.com/back", { tenantId, userId })).computer, appid);
  await platform.authorizations.complete(tenantId, new URL(back).searchParams.get("auth_code")!, { userId });
  return { tenantId, userId, appid };
}

const parts = () => ({ db, code: platform.code });
const submit = (store: { tenantId: string; userId: string; appid: string }, userVersion = "3.2.0") =>
  submitPlatformRelease(parts(), {
    tenantId: store.tenantId,
    userId: store.userId,
    templateId: TEMPLATE_ID,
    userVersion,
    userDesc: "新版店铺首页",
    extJson: storeExtJson({ appid: store.appid, tenantId: store.tenantId, apiBase: "https://api.kaidian.example", configVersion: 4 }),
    category,
  });
const latest = async (tenantId: string) => (await latestPlatformReleases(db, tenantId, 1))[0];

describe("releasing stores through the third-party platform", () => {
  it("commits, audits and releases three stores; a rejection shows WeChat's reason; a release can be reverted", async () => {
    const stores = [await authorisedStore("一号店"), await authorisedStore("二号店"), await authorisedStore("三号店")];
    for (const store of stores) expect(await submit(store)).toMatchObject({ status: "auditing", errorKind: null });
    // Each Mini Program got the template once, with its own ext.json.
    for (const store of stores) {
      const code = fake.code.codeOf(store.appid);
      expect(code.commits).toBe(1);
      expect(code.trial?.extJson).toMatchObject({ extAppid: store.appid, ext: { tenantId: store.tenantId, apiBase: "https://api.kaidian.example", configVersion: 4 } });
    }

    const reason = "小程序服务类目与实际运营内容不符，请选择正确的类目。";
    await fake.code.decideAudits((appid) => (appid === stores[1]!.appid ? { approve: false, reason, screenshots: ["media-1", "media-2"] } : { approve: true }));
    await expect.poll(async () => (await Promise.all(stores.map((store) => latest(store.tenantId)))).map((release) => release?.status)).toEqual(["approved", "rejected", "approved"]);
    expect(await latest(stores[1]!.tenantId)).toMatchObject({ reason, screenshots: ["media-1", "media-2"], decidedAt: expect.any(Date) });
    expect(shopApi.logs.filter((line) => line.includes("Mini Program audit result"))).toHaveLength(3);

    // Two clicks release once; WeChat's live version is the committed one.
    const [first, second] = await Promise.allSettled([releaseApproved(parts(), stores[0]!.tenantId), releaseApproved(parts(), stores[0]!.tenantId)]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await latest(stores[0]!.tenantId)).toMatchObject({ status: "released", releasedAt: expect.any(Date) });
    expect(fake.code.codeOf(stores[0]!.appid).live?.userVersion).toBe("3.2.0");
    await expect(releaseApproved(parts(), stores[1]!.tenantId)).rejects.toBeInstanceOf(PlatformReleaseRefused);

    // A second release goes live over the first, and reverting puts the first back.
    expect(await submit(stores[0]!, "3.3.0")).toMatchObject({ status: "auditing" });
    await fake.code.decideAudits();
    await expect.poll(async () => (await latest(stores[0]!.tenantId))?.status).toBe("approved");
    await releaseApproved(parts(), stores[0]!.tenantId);
    expect(fake.code.codeOf(stores[0]!.appid).live?.userVersion).toBe("3.3.0");
    expect(await revertRelease(parts(), stores[0]!.tenantId)).toMatchObject({ status: "reverted", userVersion: "3.3.0" });
    expect(fake.code.codeOf(stores[0]!.appid).live?.userVersion).toBe("3.2.0");
    expect((await latestPlatformReleases(db, stores[0]!.tenantId)).map((release) => [release.userVersion, release.status])).toEqual([
      ["3.3.0", "reverted"],
      ["3.2.0", "released"],
    ]);
  });

  it("commits the store's look in its ext.json (window, page titles, tab bar of its published design), which WeChat checks against the template's pages", async () => {
    // A template WeChat knows the pages of, as one added from the template package's draft: the runtime's pages.
    const app = JSON.parse((await loadRuntime()).files.get("app.json")!.toString("utf8")) as { pages: string[] };
    fake.code.addTemplate(LOOK_TEMPLATE_ID, "3.4.0", "全部页面", app.pages);
    const arranged = await arrangePublishableStore(db, { templateId: "restaurant", privateKey: testUploadKey().privateKey, masterKey, name: "湖畔小馆" });
    fake.addMiniProgram(arranged.appid, "湖畔小馆");
    const back = await fake.approve((await platform.authorizations.links("https://d.example.com/back", { tenantId: arranged.tenantId, userId: arranged.userId })).computer, arranged.appid);
    await platform.authorizations.complete(arranged.tenantId, new URL(back).searchParams.get("auth_code")!, { userId: arranged.userId });
    const input = { templateId: LOOK_TEMPLATE_ID, userVersion: "3.4.0", userDesc: "店铺外观", category: JSON.stringify(category) };
    expect(await startStoreRelease(parts(), arranged, input, "https://api.kaidian.example")).toMatchObject({ status: "auditing" });

    const published = await db.scoped({ tenantId: arranged.tenantId }, (tx) => tx.configVersion.findFirstOrThrow({ where: { status: "PUBLISHED" }, orderBy: { number: "desc" } }));
    const read = readConfig(templates.restaurant, published.config);
    if (!read.ok) throw new Error("the published design does not read");
    const config = read.config;
    const committed = fake.code.codeOf(arranged.appid).trial!.extJson as { window: Record<string, unknown>; tabBar: { selectedColor: string; list: { pagePath: string; text: string }[] }; extPages: Record<string, { navigationBarTitleText: string }> };
    expect(committed).toEqual({
      extEnable: true,
      extAppid: arranged.appid,
      directCommit: false,
      ext: { apiBase: "https://api.kaidian.example", tenantId: arranged.tenantId, configVersion: published.number },
      ...extJsonLook(storeLook(templates.restaurant, config)),
    });
    expect(committed.window).toMatchObject({ navigationBarTitleText: config.store.name, navigationBarBackgroundColor: config.theme.primaryColor, navigationBarTextStyle: config.theme.navigationBarText });
    expect(committed.tabBar.selectedColor).toBe(config.theme.primaryColor);
    expect(committed.tabBar.list.map((tab) => tab.text)).toEqual(config.tabBar.map((tab) => tab.text));
    expect(Object.keys(committed.extPages).sort()).toEqual(templates.restaurant.pages.map((page) => pages[page.id].path).sort());
    expect(committed.extPages[pages.home.path]?.navigationBarTitleText).toBe(config.pages.home?.title ?? pages.home.label["zh-CN"]);

    // WeChat refuses an ext.json naming a page the template lacks (85045) or a look app.json would not take (85013).
    const store = await authorisedStore("外观店");
    const look = { window: committed.window, tabBar: committed.tabBar, extPages: committed.extPages };
    const withExt = (extra: Record<string, unknown>) =>
      submitPlatformRelease(parts(), {
        tenantId: store.tenantId,
        userId: store.userId,
        templateId: LOOK_TEMPLATE_ID,
        userVersion: "3.4.0",
        userDesc: "店铺外观",
        extJson: { ...storeExtJson({ appid: store.appid, tenantId: store.tenantId, apiBase: "https://api.kaidian.example", configVersion: 1 }), ...extra },
        category,
      });
    expect(await withExt({ ...look, extPages: { ...look.extPages, "pages/nowhere/index": { navigationBarTitleText: "无" } } })).toMatchObject({ status: "failed", errorKind: "release.badExtJson" });
    expect(fake.code.codeOf(store.appid).commits).toBe(0);
    expect(await withExt({ ...look, window: { ...look.window, navigationBarTextStyle: "red" } })).toMatchObject({ status: "failed", errorKind: "release.badExtJson" });
    expect(await withExt({ ...look, tabBar: { ...look.tabBar, list: look.tabBar.list.slice(0, 1) } })).toMatchObject({ status: "failed", errorKind: "release.badExtJson" });
    expect(fake.code.codeOf(store.appid).commits).toBe(0);
    expect(await withExt(look)).toMatchObject({ status: "auditing" });
  });

  it("lists the library's templates and the categories WeChat allows the store; another category is refused", async () => {
    const templates = await listPlatformTemplates(platform.tokens);
    expect(templates.find((template) => template.templateId === TEMPLATE_ID)).toMatchObject({ userVersion: "3.2.0", userDesc: "电商模板" });
    const store = await authorisedStore("类目店");
    const allowed = await platform.code.categories(store.tenantId);
    expect(allowed).toContainEqual({ firstClass: "商业服务", secondClass: "软件服务提供商", firstId: 150, secondId: 151 });
    const refused = await submitPlatformRelease(parts(), {
      tenantId: store.tenantId,
      userId: store.userId,
      templateId: TEMPLATE_ID,
      userVersion: "3.2.0",
      userDesc: "新版店铺首页",
      extJson: storeExtJson({ appid: store.appid, tenantId: store.tenantId, apiBase: "https://api.kaidian.example", configVersion: 4 }),
      category: { firstClass: "医疗服务", secondClass: "医院" },
    });
    expect(refused).toMatchObject({ status: "failed", errorKind: "release.badCategory" });
  });

  it("refuses the merchant's release of a store not authorised, or with no published design, before calling WeChat", async () => {
    const store = await authorisedStore("未发布店");
    const input = { templateId: TEMPLATE_ID, userVersion: "1.0.0", userDesc: "首发", category: JSON.stringify(category) };
    await expect(startStoreRelease(parts(), store, input, "https://api.kaidian.example")).rejects.toMatchObject({ code: "release.noVersion" });
    await expect(startStoreRelease(parts(), store, { ...input, category: "{\"firstClass\":\"\"}" }, "https://api.kaidian.example")).rejects.toThrow();
    expect(storeReleaseInputSchema.safeParse({ ...input, category: "not json" }).error?.issues.map((issue) => issue.message)).toEqual(["platformRelease.category.invalid"]);
    await fake.withdraw(store.appid);
    await expect(startStoreRelease(parts(), store, input, "https://api.kaidian.example")).rejects.toMatchObject({ code: "fleet.store.notAuthorized" });
    expect(fake.code.codeOf(store.appid).commits).toBe(0);
  });

  it("never commits a store twice while its release is open, and reads a verdict whose push was missed", async () => {
    const store = await authorisedStore("四号店");
    await submit(store);
    await expect(submit(store)).rejects.toMatchObject({ reason: "releaseOpen" });
    expect(fake.code.codeOf(store.appid).commits).toBe(1);

    fake.code.setMessageUrl("http://127.0.0.1:9/unreachable/$APPID$");
    await fake.code.decideAudits((appid) => (appid === store.appid ? { approve: false, reason: "页面内容为空" } : { approve: true }));
    expect((await latest(store.tenantId))?.status).toBe("auditing");
    expect(await refreshAuditStatus(parts(), store.tenantId)).toMatchObject({ status: "rejected", reason: "页面内容为空" });
    fake.code.setMessageUrl(`${shopApi.url}/wechat/component/apps/$APPID$/events`);
  });

  it("records WeChat's refusal: the month's audit quota spent fails the release with its reason, and it can be tried again", async () => {
    const store = await authorisedStore("五号店");
    fake.code.setAuditQuota(0);
    expect(await submit(store)).toMatchObject({ status: "failed", errorKind: "release.auditQuotaSpent" });
    fake.code.setAuditQuota(1000);
    expect(await submit(store)).toMatchObject({ status: "auditing" });
  });

  it("refuses a forged audit push, and one for a Mini Program no store has authorised changes nothing", async () => {
    const store = await authorisedStore("六号店");
    await submit(store);
    const xml = `<xml><ToUserName>gh_x</ToUserName><FromUserName>o1</FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType>event</MsgType><Event>weapp_audit_success</Event><SuccTime>1</SuccTime></xml>`;
    const post = async (appid: string, tamper?: "signature") => {
      const sealed = fake.sealMessage(xml, tamper ? { tamper } : {});
      const url = new URL(`${shopApi.url}/wechat/component/apps/${appid}/events`);
      for (const [name, value] of Object.entries(sealed.query)) url.searchParams.set(name, value);
      const answer = await fetch(url, { method: "POST", body: sealed.body, headers: { "content-type": "text/xml" } });
      return { status: answer.status, body: await answer.text() };
    };
    expect(await post(store.appid, "signature")).toEqual({ status: 400, body: "refused" });
    expect(await post(`wx${randomBytes(8).toString("hex")}`)).toEqual({ status: 200, body: "success" });
    expect((await latest(store.tenantId))?.status).toBe("auditing");
    expect(await post(store.appid)).toEqual({ status: 200, body: "success" });
    expect((await latest(store.tenantId))?.status).toBe("approved");
  });
});

describe("an agency's fleet release", () => {
  async function agencyWithPublisher(): Promise<{ publisher: Publisher; agencyId: string }> {
    const { agencyId, userId } = await db.scoped({}, async (tx) => {
      const agency = await tx.agency.create({ data: { name: "发布代理", slug: `fleet-${randomUUID().slice(0, 8)}` }, select: { id: true } });
      const user = await tx.user.create({ data: { email: uniqueEmail("fleet"), name: "发布员", passwordHash: "x" }, select: { id: true } });
      await tx.agencyMember.create({ data: { agencyId: agency.id, userId: user.id, role: "PUBLISHER" } });
      return { agencyId: agency.id, userId: user.id };
    });
    return { publisher: { userId, membership: (await agencyOf(db, userId))! }, agencyId };
  }

  async function agencyStores(agencyId: string, count: number) {
    const stores = [];
    for (let index = 1; index <= count; index++) {
      const store = await authorisedStore(`连锁 ${index} 号店`);
      const admin = await superuser();
      await admin.query("UPDATE tenants SET agency_id = $1 WHERE id = $2", [agencyId, store.tenantId]);
      await admin.end();
      stores.push(store);
    }
    return stores;
  }

  const fleetInput = (stores: { tenantId: string }[], submitsPerMinute: number) => ({
    templateId: TEMPLATE_ID,
    userVersion: "4.0.0",
    userDesc: "会员与优惠券",
    category,
    firstStagePercent: 5,
    submitsPerMinute,
    stores: stores.map((store) => store.tenantId),
  });
  /** The minute the pace counts in has passed. */
  const aMinuteLater = async (fleetId: string) => {
    const admin = await superuser();
    await admin.query("UPDATE platform_releases SET submitted_at = submitted_at - interval '61 seconds' WHERE fleet_release_id = $1", [fleetId]);
    await admin.end();
  };

  it("releases 20 stores: one first, the rest paced once it is live, resumed by a restarted worker, none committed twice", async () => {
    const { publisher, agencyId } = await agencyWithPublisher();
    const stores = await agencyStores(agencyId, 20);
    const fleet = await startFleetRelease(db, publisher, fleetInput(stores, 5), "https://api.kaidian.example");
    const counts = async () => (await readFleetRelease(db, publisher, fleet.id)).counts;
    expect((await readFleetRelease(db, publisher, fleet.id)).rows.filter((row) => row.stage === 1)).toHaveLength(1);

    await advanceFleetReleases(parts());
    expect(await counts()).toEqual({ auditing: 1, waiting: 19 });
    await advanceFleetReleases(parts());
    expect(await counts()).toEqual({ auditing: 1, waiting: 19 });

    await fake.code.decideAudits();
    await expect.poll(async () => (await counts()).approved).toBe(1);
    await advanceFleetReleases(parts());
    expect(await counts()).toEqual({ released: 1, auditing: 4, waiting: 15 });

    // Another worker, as after a restart, takes over: the pace already spent this minute holds.
    const restarted = openPlatform({ db, masterKey, settings: componentSettings(fake.env)! });
    const resumed = { db, code: restarted.code };
    await advanceFleetReleases(resumed);
    expect(await counts()).toEqual({ released: 1, auditing: 4, waiting: 15 });
    for (let round = 0; round < 10 && (await readFleetRelease(db, publisher, fleet.id)).status === "running"; round++) {
      await fake.code.decideAudits();
      await expect.poll(async () => (await counts()).auditing ?? 0).toBe(0);
      await aMinuteLater(fleet.id);
      await advanceFleetReleases(resumed);
    }
    const done = await readFleetRelease(db, publisher, fleet.id);
    expect([done.status, done.counts]).toEqual(["done", { released: 20 }]);
    for (const store of stores) {
      expect(fake.code.codeOf(store.appid)).toMatchObject({ commits: 1, live: { userVersion: "4.0.0" } });
    }
  });

  it("reads back a first-stage verdict whose push never came, at most once per store in ten minutes, and goes on", async () => {
    const { publisher, agencyId } = await agencyWithPublisher();
    const stores = await agencyStores(agencyId, 2);
    const fleet = await startFleetRelease(db, publisher, { ...fleetInput(stores, 5), firstStagePercent: 50 }, "https://api.kaidian.example");
    const counts = async () => (await readFleetRelease(db, publisher, fleet.id)).counts;
    await advanceFleetReleases(parts());
    expect(await counts()).toEqual({ auditing: 1, waiting: 1 });
    fake.code.setMessageUrl("http://127.0.0.1:9/unreachable/$APPID$");
    await fake.code.decideAudits();
    fake.code.setMessageUrl(`${shopApi.url}/wechat/component/apps/$APPID$/events`);
    // Unheard for less than ten minutes: the fleet waits for WeChat's push.
    await advanceFleetReleases(parts());
    expect(await counts()).toEqual({ auditing: 1, waiting: 1 });
    const admin = await superuser();
    await admin.query("UPDATE platform_releases SET updated_at = updated_at - interval '11 minutes' WHERE fleet_release_id = $1 AND status = 'auditing'", [fleet.id]);
    await admin.end();
    await advanceFleetReleases(parts());
    await advanceFleetReleases(parts());
    expect(await counts()).toEqual({ released: 1, auditing: 1 });
  });

  it("resumes a release whose worker stopped in the middle of a step, committing no store twice", async () => {
    const { publisher, agencyId } = await agencyWithPublisher();
    const stores = await agencyStores(agencyId, 3);
    const fleet = await startFleetRelease(db, publisher, { ...fleetInput(stores, 10), firstStagePercent: 100 }, "https://api.kaidian.example");
    // The worker's process ends while it commits the second store: the first is sent, the others are claimed only.
    let commits = 0;
    const code = platform.code;
    const dying = {
      submitAudit: code.submitAudit.bind(code),
      auditStatus: code.auditStatus.bind(code),
      release: code.release.bind(code),
      revert: code.revert.bind(code),
      commit: async (...args: Parameters<typeof platform.code.commit>) => {
        if (++commits === 2) throw new Error("the worker's process ended");
        return code.commit(...args);
      },
    };
    await expect(advanceFleetReleases({ db, code: dying })).rejects.toThrow("the worker's process ended");
    expect((await readFleetRelease(db, publisher, fleet.id)).counts).toEqual({ auditing: 1, committing: 2 });

    // A restarted worker leaves the claimed stores alone while the stopped worker's lease could still be running…
    const restarted = { db, code: openPlatform({ db, masterKey, settings: componentSettings(fake.env)! }).code };
    await advanceFleetReleases(restarted);
    expect((await readFleetRelease(db, publisher, fleet.id)).counts).toEqual({ auditing: 1, committing: 2 });
    // …and once it has run out, sends them: every store committed once and audited.
    const admin = await superuser();
    await admin.query("UPDATE platform_releases SET updated_at = updated_at - interval '3 minutes' WHERE fleet_release_id = $1 AND status = 'committing'", [fleet.id]);
    await admin.end();
    await advanceFleetReleases(restarted);
    expect((await readFleetRelease(db, publisher, fleet.id)).counts).toEqual({ auditing: 3 });
    expect(stores.map((store) => fake.code.codeOf(store.appid).commits)).toEqual([1, 1, 1]);
  });

  it("halts when a first-stage store is rejected, committing no other store; resumed after the fix, sends it again first", async () => {
    const { publisher, agencyId } = await agencyWithPublisher();
    const stores = await agencyStores(agencyId, 4);
    const fleet = await startFleetRelease(db, publisher, fleetInput(stores, 10), "https://api.kaidian.example");
    await advanceFleetReleases(parts());
    const first = (await readFleetRelease(db, publisher, fleet.id)).rows.find((row) => row.stage === 1)!;
    const firstAppid = stores.find((store) => store.tenantId === first.store.id)!.appid;
    await fake.code.decideAudits((appid) => (appid === firstAppid ? { approve: false, reason: "缺少隐私保护指引" } : { approve: true }));
    await expect.poll(async () => (await readFleetRelease(db, publisher, fleet.id)).counts.rejected).toBe(1);
    await advanceFleetReleases(parts());
    expect(await readFleetRelease(db, publisher, fleet.id)).toMatchObject({ status: "halted", haltedReason: "firstStageFailed", counts: { rejected: 1, waiting: 3 } });
    expect(stores.map((store) => fake.code.codeOf(store.appid).commits).sort()).toEqual([0, 0, 0, 1]);

    // The agency fixes the store and resumes: it is sent again, and the rest follow once it is live.
    await resumeFleetRelease(db, publisher, fleet.id);
    await advanceFleetReleases(parts());
    expect((await readFleetRelease(db, publisher, fleet.id)).counts).toEqual({ auditing: 1, waiting: 3 });
    await fake.code.decideAudits();
    await expect.poll(async () => (await readFleetRelease(db, publisher, fleet.id)).counts.approved).toBe(1);
    await advanceFleetReleases(parts());
    expect((await readFleetRelease(db, publisher, fleet.id)).counts).toEqual({ released: 1, auditing: 3 });
    expect(fake.code.codeOf(firstAppid).commits).toBe(2);
  });

  it("halts when the month's audit quota is spent, and once resumed submits the store it had committed without committing it again", async () => {
    const { publisher, agencyId } = await agencyWithPublisher();
    const stores = await agencyStores(agencyId, 2);
    const fleet = await startFleetRelease(db, publisher, { ...fleetInput(stores, 10), firstStagePercent: 100 }, "https://api.kaidian.example");
    fake.code.setAuditQuota(1);
    await advanceFleetReleases(parts());
    expect(await readFleetRelease(db, publisher, fleet.id)).toMatchObject({ status: "halted", haltedReason: "auditQuotaSpent", counts: { auditing: 1, committed: 1 } });

    fake.code.setAuditQuota(1000);
    await resumeFleetRelease(db, publisher, fleet.id);
    await advanceFleetReleases(parts());
    expect((await readFleetRelease(db, publisher, fleet.id)).counts).toEqual({ auditing: 2 });
    expect(stores.map((store) => fake.code.codeOf(store.appid).commits)).toEqual([1, 1]);
  });
});

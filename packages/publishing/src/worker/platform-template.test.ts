// The template library, end to end over HTTP: the template package uploaded by the real miniprogram-ci client
// through the fake WeChat CI as the platform's development Mini Program becomes a draft in the fake open platform's
// draft box; the draft is found by its user_version and added to the library, which /wxa/commit then takes. Recorded
// in PostgreSQL, so a second run uploads nothing, and a run interrupted after its upload resumes without another.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { wechatConnection } from "@kaidian/wechat/ci";
import { componentSettings, openPlatform, TemplateDrafts } from "@kaidian/wechat/open-platform";
import { WechatApiError } from "@kaidian/wechat/server-api";
import { startFakeOpenPlatform, startFakeWechatCi, testUploadKey, type FakeOpenPlatform, type FakeWechatCi } from "@kaidian/wechat/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformTemplateRecords } from "../platform-templates";
import { ensurePlatformTemplate, type PlatformTemplateParts } from "./platform-template";

let db: Database;
let ci: FakeWechatCi;
let fake: FakeOpenPlatform;
let dir: string;
let parts: PlatformTemplateParts;
const developer = { appid: `wx${randomBytes(8).toString("hex")}`, ...testUploadKey() };

beforeAll(async () => {
  db = testDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), "kaidian-template-library-"));
  fake = await startFakeOpenPlatform();
  ci = await startFakeWechatCi({ dir });
  ci.registerApp({ appid: developer.appid, publicKey: developer.publicKey, draftBox: fake.baseUrl });
  fake.code.bindDeveloper(developer.appid);
  const platform = openPlatform({ db, masterKey: randomBytes(32), settings: componentSettings(fake.env)! });
  const { ticket } = fake.issueTicket();
  await platform.tokens.keepTicket(ticket, new Date());
  parts = {
    db,
    tokens: platform.tokens,
    developer: { appid: developer.appid, privateKey: developer.privateKey },
    wechat: wechatConnection({ WECHAT_CI_PROXY: ci.proxyUrl, WECHAT_CI_CA_FILE: ci.caFile, WECHAT_CI_TIMEOUT_MS: "120000" }),
  };
}, 60_000);

afterAll(async () => {
  await ci.close();
  await fake.close();
  await db.disconnect();
  await rm(dir, { recursive: true, force: true });
});

describe("the platform's template library", () => {
  it("uploads the template as a draft, adds it to the library once, and records its runtime version", async () => {
    const outcome = await ensurePlatformTemplate(parts);
    expect(outcome).toMatchObject({ status: "added", runtimeVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    if (outcome.status !== "added") return;
    expect(outcome.userVersion.startsWith(`${outcome.runtimeVersion}-`)).toBe(true);

    // WeChat got the template package from the development Mini Program, compiled, with its ext.json enabled.
    const uploads = ci.received.filter((item) => item.appid === developer.appid);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.version).toBe(outcome.userVersion);
    expect(JSON.parse(uploads[0]!.files.get("/ext.json")!.toString("utf8"))).toMatchObject({ extEnable: true, ext: {} });
    expect(uploads[0]!.files.get("/config/site.js")!.toString("utf8")).toContain("launchSnapshot");

    // The draft box lists it with WeChat's fields, and the library holds a template made from it.
    const drafts = await new TemplateDrafts(parts.tokens).list();
    expect(drafts).toEqual([{ draftId: outcome.draftId, userVersion: outcome.userVersion, userDesc: expect.stringContaining(outcome.runtimeVersion), createdAt: expect.any(Date) }]);
    const library = fake.code.templates().filter((template) => template.draftId === outcome.draftId);
    expect(library).toEqual([expect.objectContaining({ templateId: expect.any(Number), userVersion: outcome.userVersion, sourceAppid: developer.appid })]);
    expect(fake.code.draftFiles(outcome.draftId)?.get("app.json")).toBeDefined();

    expect(await platformTemplateRecords(db, fake.component.appid)).toEqual([
      expect.objectContaining({ draftId: outcome.draftId, runtimeVersion: outcome.runtimeVersion, userVersion: outcome.userVersion }),
    ]);

    // Once per runtime build: a second run finds it added and uploads nothing.
    expect(await ensurePlatformTemplate(parts)).toMatchObject({ status: "alreadyAdded", draftId: outcome.draftId });
    expect(ci.received.filter((item) => item.appid === developer.appid)).toHaveLength(1);
    expect(fake.code.templates().filter((template) => template.draftId === outcome.draftId)).toHaveLength(1);
  }, 180_000);

  it("resumes a run stopped after its upload from the draft it left, without uploading again", async () => {
    // The run stopped after WeChat took the upload: the draft is in the box, the record still says uploading.
    await db.scoped({}, (tx) => tx.$executeRaw`UPDATE platform_templates SET status = 'uploading', draft_id = NULL, added_at = NULL WHERE component_appid = ${fake.component.appid}`);
    const before = fake.code.templates().length;
    const outcome = await ensurePlatformTemplate(parts);
    expect(outcome.status).toBe("added");
    expect(ci.received.filter((item) => item.appid === developer.appid)).toHaveLength(1);
    expect(fake.code.templates()).toHaveLength(before + 1);
  }, 180_000);

  it("answers as WeChat does: an unknown draft is 85064, an upload by an unbound Mini Program is refused, a stale token is 40001", async () => {
    const drafts = new TemplateDrafts(parts.tokens);
    await expect(drafts.addToTemplate(999_999)).rejects.toMatchObject({ errcode: 85064 });
    const stale = new TemplateDrafts({ ...parts.tokens, get: async () => "ct_stale", http: parts.tokens.http });
    await expect(stale.list()).rejects.toBeInstanceOf(WechatApiError);
    await expect(stale.list()).rejects.toMatchObject({ errcode: 40001 });

    const stranger = { appid: `wx${randomBytes(8).toString("hex")}`, ...testUploadKey() };
    ci.registerApp({ appid: stranger.appid, publicKey: stranger.publicKey, draftBox: fake.baseUrl });
    await expect(ensurePlatformTemplate({ ...parts, developer: { appid: stranger.appid, privateKey: stranger.privateKey } })).rejects.toThrow(/upload failed/);
  }, 180_000);

  it("refuses a draft when the library is full (85065)", async () => {
    const [draft] = await new TemplateDrafts(parts.tokens).list();
    for (let id = 1000; fake.code.templates().length < 200; id++) fake.code.addTemplate(id, `0.0.${id}`);
    await expect(new TemplateDrafts(parts.tokens).addToTemplate(draft!.draftId)).rejects.toMatchObject({ errcode: 85065 });
  });
});

// The fake WeChat server API as the browser tests run it: a process of its own, driven through /__fake/*.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import type { Database } from "@kaidian/db";
import { superuser, testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MiniProgramServerApi } from "../server-api";
import { FakeWechatApiClient } from "./index";

let child: ChildProcess;
let baseUrl: string;
let db: Database;

beforeAll(async () => {
  db = testDatabase();
  child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "api-main.ts"), "0"], { stdio: ["ignore", "pipe", "inherit"] });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.on("exit", (code) => reject(new Error(`the fake exited (${code}): ${output}`)));
  });
});
afterAll(async () => {
  child.kill("SIGTERM");
  await db.disconnect();
});

it("logs a shopper in, sends a subscribe message and takes injected faults, driven from another process", async () => {
  const admin = await superuser();
  const { rows } = await admin.query<{ id: string }>("INSERT INTO tenants (name, slug, template_id, updated_at) VALUES ('进程店', $1, 'restaurant', now()) RETURNING id", [`p-${randomUUID().slice(0, 8)}`]);
  await admin.end();
  const app = { tenantId: rows[0]!.id, appid: `wx${randomBytes(8).toString("hex")}`, appSecret: randomBytes(16).toString("hex") };
  const control = new FakeWechatApiClient(baseUrl);
  await control.registerApp({ appid: app.appid, secret: app.appSecret });
  const api = new MiniProgramServerApi({ db, masterKey: randomBytes(32), settings: { baseUrl, timeoutMs: 5_000 } });

  expect((await api.code2Session(app, await control.issueLoginCode(app.appid, { openid: "oProcess123456" }))).openid).toBe("oProcess123456");
  await control.inject("/sns/jscode2session", { errcode: 40226 });
  await expect(api.code2Session(app, await control.issueLoginCode(app.appid, { openid: "oProcess123456" }))).rejects.toMatchObject({ kind: "login.riskyUser" });

  await control.registerTemplate({ appid: app.appid, templateId: "TPL-queue", keywords: ["character_string1", "thing2"] });
  await control.acceptSubscription(app.appid, "oProcess123456", "TPL-queue");
  const message = { toOpenid: "oProcess123456", templateId: "TPL-queue", data: { character_string1: "A023", thing2: "请到前台取餐" } };
  expect(await api.sendSubscribeMessage(app, message)).toEqual({ sent: true });
  expect(await control.sentMessages()).toEqual([expect.objectContaining({ touser: "oProcess123456", data: message.data })]);
  expect(await control.tokenCalls(app.appid)).toBe(1);
});

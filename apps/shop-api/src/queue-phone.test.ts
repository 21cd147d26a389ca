// @vitest-environment jsdom
// Taking a queue number as a shopper does: a generated restaurant package in the page harness (miniprogram-simulate),
// talking over HTTP to a real shop-api on PostgreSQL, logging in at the fake WeChat API. Pick a party size, accept
// the "called" message, take a number; watch how many are ahead fall as staff call; be called and told.
import { randomBytes, randomUUID } from "node:crypto";
import { find, tap } from "@kaidian/generator/testing/shopper";
import { saveTemplate } from "@kaidian/messages/server";
import { DEFAULT_QUEUE_SETTINGS } from "@kaidian/queue";
import { callNext, notifyCalled, saveQueueSettings, takeNumber } from "@kaidian/queue/server";
import { arrangeStore } from "@kaidian/storefront/testing";
import { MiniProgramServerApi, sealAppSecret } from "@kaidian/wechat/server-api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPhoneHarness, type Phone, type PhoneHarness } from "./phone-harness";

const TEMPLATE = "queueCalledTemplate-phone-0123456789abcdef";
let harness: PhoneHarness;
let store: { tenantId: string; appid: string };
let phone: Phone;

beforeAll(async () => {
  harness = await startPhoneHarness();
  const { db, wechat, masterKey } = harness;
  const tenantId = await arrangeStore(db, { name: "老街面馆", templateId: "restaurant", publish: true });
  const appid = `wx${randomBytes(8).toString("hex")}`;
  const appSecret = randomBytes(16).toString("hex");
  wechat.registerApp({ appid, secret: appSecret, pages: ["pages/home/index"] });
  wechat.registerTemplate({ appid, templateId: TEMPLATE, keywords: ["character_string1", "thing2"] });
  await db.scoped({ tenantId }, async (tx) => {
    await tx.wechatCredential.create({ data: { tenantId, appid, robot: 1, appSecretCiphertext: sealAppSecret(appSecret, masterKey, tenantId) } });
    await saveQueueSettings(tx, tenantId, { userId: randomUUID(), revision: 0 }, { ...DEFAULT_QUEUE_SETTINGS, enabled: true });
    await saveTemplate(tx, tenantId, "queueCalled", { templateId: TEMPLATE, keywords: { number: "character_string1", store: "thing2" } }, randomUUID());
  });
  const packageDir = await harness.generate({ tenantId, appid, slug: "queue", templateId: "restaurant" });
  store = { tenantId, appid };
  phone = harness.phone(packageDir, appid, {
    // Accepting in WeChat's sheet is what lets the store send one message.
    subscribe: (ids) => {
      for (const id of ids) harness.wechat.acceptSubscription(appid, phone.openid, id);
      return "accept";
    },
  });
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const open = () => phone.open("pages/home/index");
const inStore = <T>(work: Parameters<typeof harness.db.scoped<T>>[1]) => harness.db.scoped({ tenantId: store.tenantId }, work);

describe("a shopper's queue number", () => {
  it("takes a number for a party of 3, sees who is ahead fall as staff call, and is told when called", async () => {
    const { db, wechat, masterKey } = harness;
    const { openid } = phone;
    // Someone is already waiting in the 3–4 group.
    const other = await inStore((tx) => tx.shopper.create({ data: { tenantId: store.tenantId, openid: `o${randomUUID().replaceAll("-", "")}` } }));
    await inStore((tx) => takeNumber(tx, { tenantId: store.tenantId, shopperId: other.id, partySize: 4 }));

    const page = await open();
    expect(page.text()).not.toContain("暂不支持线上取号");
    expect(find(page, ".kd-queue-ticket__type", "中桌").textContent).toContain("1 桌等待");
    await tap(page, ".kd-queue-ticket__step", "＋");
    await tap(page, ".kd-queue-ticket__take", "取号（中桌）");
    expect(page.wx.calls.filter((call) => call.api === "requestSubscribeMessage").map((call) => call.options.tmplIds)).toEqual([[TEMPLATE]]);
    await page.settle();
    expect(find(page, ".kd-queue-ticket__code").textContent).toBe("B002");
    expect(page.text()).toContain("前面还有 1 桌");

    // Staff call the number before: within one poll the phone shows nobody ahead, with no tap.
    await inStore((tx) => callNext(tx, "B"));
    await vi.waitFor(async () => {
      await page.settle();
      expect(page.text()).toContain("前面还有 0 桌");
    }, { timeout: 20_000, interval: 500 });

    // Then this number: the subscribe message goes out, and the page says so at its next poll.
    const called = await inStore((tx) => callNext(tx, "B"));
    if (!called.ok) throw new Error("nobody to call");
    expect(await notifyCalled(db, new MiniProgramServerApi({ db, masterKey, settings: { baseUrl: wechat.baseUrl, timeoutMs: 5000 } }), masterKey, store.tenantId, called.ticket)).toBe("sent");
    expect(wechat.sentMessages.at(-1)).toMatchObject({ touser: openid, data: { character_string1: "B002", thing2: "老街面馆" } });
    await vi.waitFor(async () => {
      await page.settle();
      expect(page.text()).toContain("已叫到您的号，请到前台就座");
    }, { timeout: 20_000, interval: 500 });
    page.detach();

    // Opened again later, the phone shows the number it holds rather than offering another.
    const again = await open();
    expect(find(again, ".kd-queue-ticket__code").textContent).toBe("B002");
    await tap(again, ".kd-button", "取消排队");
    await again.settle();
    expect(again.text()).toContain("取号（");
    again.detach();
  });
});

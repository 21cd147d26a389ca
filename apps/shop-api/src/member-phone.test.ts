// @vitest-environment jsdom
// The member card as a shopper uses it: a generated ecommerce package in the page harness (miniprogram-simulate),
// talking over HTTP to a real shop-api on PostgreSQL. Join with the phone-number button, see the number, level and
// points, and the QR code fetched again on the server's interval while the card is on screen, and not while hidden.
import { randomBytes, randomUUID } from "node:crypto";
import { find, fire } from "@kaidian/generator/testing/shopper";
import { CARD_REFRESH_SECONDS } from "@kaidian/members";
import { adjustPoints, saveMemberRules } from "@kaidian/members/server";
import { arrangeStore } from "@kaidian/storefront/testing";
import { sealAppSecret } from "@kaidian/wechat/server-api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPhoneHarness, type Phone, type PhoneHarness } from "./phone-harness";

let harness: PhoneHarness;
let store: { tenantId: string; appid: string };
let phone: Phone;

beforeAll(async () => {
  harness = await startPhoneHarness();
  const { db, wechat, masterKey } = harness;
  const tenantId = await arrangeStore(db, { name: "山野咖啡", templateId: "ecommerce", publish: true });
  const appid = `wx${randomBytes(8).toString("hex")}`;
  const appSecret = randomBytes(16).toString("hex");
  wechat.registerApp({ appid, secret: appSecret });
  await db.scoped({ tenantId }, async (tx) => {
    await tx.wechatCredential.create({ data: { tenantId, appid, robot: 1, appSecretCiphertext: sealAppSecret(appSecret, masterKey, tenantId) } });
    const saved = await saveMemberRules(tx, tenantId, {
      pointsEnabled: true,
      pointsPerYuan: 1,
      pointsPerYuanOff: 100,
      maxPointsPercent: 50,
      levels: [
        { name: "普通会员", minSpendFen: 0, percentOff: 0 },
        { name: "银卡", minSpendFen: 10_000, percentOff: 5 },
      ],
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
  });
  const packageDir = await harness.generate({ tenantId, appid, slug: "members", templateId: "ecommerce" });
  store = { tenantId, appid };
  phone = harness.phone(packageDir, appid);
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

const codeRequests = (page: Awaited<ReturnType<Phone["open"]>>) => page.wx.requests.filter((request) => request.url.endsWith("/me/member/code")).length;
const qrShown = (page: Awaited<ReturnType<Phone["open"]>>) => find(page, ".kd-member-card__qr").getAttribute("src") ?? "";

describe("the member card", () => {
  it("joins with the phone number, shows the number, level and points, and refreshes the QR code only while on screen", async () => {
    const page = await phone.open("pages/profile/index");
    expect(find(page, ".kd-member-card").textContent).toContain("授权手机号，免费开通会员");
    expect(page.text()).not.toContain("会员号");

    const code = harness.wechat.issuePhoneCode(store.appid, { purePhoneNumber: "13812345678" });
    await fire(page, find(page, ".kd-member-card__join"), "getphonenumber", { code });
    const card = find(page, ".kd-member-card").textContent;
    expect(card).toContain("会员号 00000001");
    expect(card).toContain("普通会员");
    expect(card).toContain("积分 0");
    expect(card).toContain("再消费 ¥100 升级为银卡");
    expect(qrShown(page)).toMatch(/^data:image\/png;base64,/);

    // The member and the points the store sees are the ones the card shows.
    const member = await harness.db.scoped({ tenantId: store.tenantId }, (tx) => tx.member.findFirstOrThrow({ select: { id: true, phone: true, number: true } }));
    expect(member).toMatchObject({ phone: "13812345678", number: 1 });
    const adjusted = await harness.db.scoped({ tenantId: store.tenantId }, (tx) => adjustPoints(tx, store.tenantId, { memberId: member.id, change: 120, note: "开业赠送", actorId: randomUUID() }));
    expect(adjusted).toEqual({ ok: true, balance: 120 });

    // Within the server's interval a new code comes, with no tap: a new expiry makes a different image.
    const first = qrShown(page);
    const asked = codeRequests(page);
    await vi.waitFor(async () => {
      await page.settle();
      expect(codeRequests(page)).toBeGreaterThan(asked);
      expect(qrShown(page)).not.toBe(first);
    }, { timeout: (CARD_REFRESH_SECONDS + 30) * 1000, interval: 1000 });

    // Hidden (another page on top), the card asks for nothing; shown again, it reads the card and a code at once.
    page.hide();
    const whileHidden = codeRequests(page);
    await new Promise((resolve) => setTimeout(resolve, (CARD_REFRESH_SECONDS + 3) * 1000));
    await page.settle();
    expect(codeRequests(page)).toBe(whileHidden);
    page.show();
    await page.settle();
    expect(codeRequests(page)).toBe(whileHidden + 1);
    expect(find(page, ".kd-member-card").textContent).toContain("积分 120");
    page.detach();
  }, 180_000);
});

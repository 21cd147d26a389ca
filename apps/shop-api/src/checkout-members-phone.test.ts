// @vitest-environment jsdom
// Checkout as a member sees it: a generated ecommerce package in the page harness (miniprogram-simulate), talking
// over HTTP to a real shop-api on PostgreSQL. The level's discount and the points switch show the server's figures;
// turning points on asks for a new quote, and the order placed spends exactly the points the shopper saw (points
// spent elsewhere meanwhile refuse the order, and the new figures show). A shopper who is not a member sees none of
// it, only the way to join.
import { randomUUID } from "node:crypto";
import { find, fire, tap } from "@kaidian/generator/testing/shopper";
import { adjustPoints, saveMemberRules } from "@kaidian/members/server";
import { loadOrder } from "@kaidian/orders/server";
import type { FakeRequestPayment } from "@kaidian/payments/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPhoneHarness, type Phone, type PhoneHarness } from "./phone-harness";

let harness: PhoneHarness;
let store: { tenantId: string; appid: string; itemId: string; packageDir: string };

const address = { userName: "张三", telNumber: "13800000000", provinceName: "云南省", cityName: "昆明市", countyName: "五华区", detailInfo: "文林街 18 号", postalCode: "650031" };

beforeAll(async () => {
  harness = await startPhoneHarness();
  const { tenantId, appid } = await harness.arrangeTradingStore("山野咖啡");
  const itemId = await harness.db.scoped({ tenantId }, async (tx) => {
    // Points pay at most 10% of the goods, so a balance of 800 is spent in part and what is left shows.
    const saved = await saveMemberRules(tx, tenantId, {
      pointsEnabled: true,
      pointsPerYuan: 1,
      pointsPerYuanOff: 100,
      maxPointsPercent: 10,
      levels: [
        { name: "普通会员", minSpendFen: 0, percentOff: 0 },
        { name: "金卡", minSpendFen: 10_000, percentOff: 5 },
      ],
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
    const item = await tx.catalogItem.findFirstOrThrow({ where: { tenantId, title: "陶瓷马克杯" }, select: { id: true, priceFen: true } });
    expect(item.priceFen).toBe(4800);
    return item.id;
  });
  const packageDir = await harness.generate({ tenantId, appid, slug: "member-checkout", templateId: "ecommerce" });
  store = { tenantId, appid, itemId, packageDir };
}, 300_000);

afterAll(async () => {
  await harness?.close();
});

/** A phone that pays at the fake WeChat Pay whatever order it is asked to pay for. */
function payingPhone(): Phone {
  const { db, pay } = harness;
  return harness.phone(store.packageDir, store.appid, {
    address,
    pay: async (params) => {
      const order = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.order.findFirstOrThrow({ orderBy: { createdAt: "desc" }, select: { paymentNo: true } }));
      pay.pay(order.paymentNo, { requestPayment: params as FakeRequestPayment });
      return "paid" as const;
    },
  });
}

async function fillCart(phone: Phone): Promise<void> {
  const item = await phone.open("pages/item/index", { id: store.itemId });
  await tap(item, ".kd-button", "加入购物车");
  phone.keep(item);
}

const total = (page: Awaited<ReturnType<Phone["open"]>>) => find(page, ".kd-checkout__total").textContent?.trim();

describe("checkout for a member", () => {
  it("shows the level's discount and the points switch, re-quotes on the switch, and places the order with the points shown", async () => {
    const { db } = harness;
    const phone = payingPhone();
    const profile = await phone.open("pages/profile/index");
    await fire(profile, find(profile, ".kd-member-card__join"), "getphonenumber", { code: harness.wechat.issuePhoneCode(store.appid, { purePhoneNumber: "13812345678" }) });
    expect(find(profile, ".kd-member-card").textContent).toContain("普通会员");
    phone.keep(profile);
    // 金卡 by spend (¥200 spent before), and 800 points from the staff.
    const member = await db.scoped({ tenantId: store.tenantId }, async (tx) => {
      const found = await tx.member.findFirstOrThrow({ select: { id: true } });
      await tx.member.update({ where: { tenantId_id: { tenantId: store.tenantId, id: found.id } }, data: { spentFen: 20_000 } });
      return found;
    });
    expect(await db.scoped({ tenantId: store.tenantId }, (tx) => adjustPoints(tx, store.tenantId, { memberId: member.id, change: 800, note: "开业赠送", actorId: randomUUID() }))).toEqual({ ok: true, balance: 800 });

    await fillCart(phone);
    const checkout = await phone.open("pages/checkout/index");
    await tap(checkout, ".kd-checkout__address");
    // ¥48 of goods and ¥10 of delivery: 金卡 takes 5% (¥2.40) off the goods; points are off until turned on.
    const level = find(checkout, ".kd-checkout__level").textContent;
    expect(level).toContain("会员折扣");
    expect(level).toContain("金卡 9.5折");
    expect(level).toContain("-¥2.40");
    expect(find(checkout, ".kd-checkout__points").textContent).toContain("共 800 积分");
    expect(find(checkout, ".kd-checkout__points").textContent).not.toContain("积分抵 ¥");
    expect(checkout.root.querySelector(".kd-checkout__switch--on")).toBeNull();
    expect(total(checkout)).toBe("¥55.60");
    expect(checkout.root.querySelector(".kd-checkout__join")).toBeNull();

    // On: at most 10% of the ¥45.60 of goods left, ¥4.56, for 456 points; the total is the server's new one.
    const quotes = checkout.wx.requests.filter((request) => request.url.endsWith("/orders/quote")).length;
    await tap(checkout, ".kd-checkout__points");
    expect(checkout.wx.requests.filter((request) => request.url.endsWith("/orders/quote")).length).toBe(quotes + 1);
    expect(checkout.root.querySelector(".kd-checkout__switch--on")).not.toBeNull();
    expect(find(checkout, ".kd-checkout__points").textContent).toContain("共 800 积分，用 456 积分抵 ¥4.56");
    expect(total(checkout)).toBe("¥51.04");
    // Off and on again: the figures follow the switch each time.
    await tap(checkout, ".kd-checkout__points");
    expect(total(checkout)).toBe("¥55.60");
    await tap(checkout, ".kd-checkout__points");
    expect(total(checkout)).toBe("¥51.04");

    await tap(checkout, ".kd-checkout__pay");
    const redirect = checkout.wx.calls.find((call) => call.api === "redirectTo");
    expect(redirect).toBeDefined();
    phone.keep(checkout);
    const orderId = new URLSearchParams(String(redirect!.options.url).split("?")[1]).get("id")!;

    // The order keeps the three parts and the points it spent; the balance went down by them, with its ledger row.
    const order = await db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, orderId));
    expect(order).toMatchObject({ subtotalFen: 4800, deliveryFeeFen: 1000, discountFen: 0, levelDiscountFen: 240, pointsUsed: 456, pointsDiscountFen: 456, totalFen: 5104 });
    const after = await db.scoped({ tenantId: store.tenantId }, (tx) =>
      Promise.all([
        tx.member.findFirstOrThrow({ select: { points: true } }),
        tx.pointEntry.findMany({ where: { memberId: member.id }, orderBy: { at: "asc" }, select: { change: true, balance: true, reason: true } }),
      ]),
    );
    expect(after[0].points).toBe(344);
    expect(after[1]).toEqual([
      { change: 800, balance: 800, reason: "adjusted" },
      { change: -456, balance: 344, reason: "redeemed" },
    ]);

    // The shopper's order page lists what came off, each on its own line.
    await harness.pay.idle();
    const detail = await phone.open("pages/order-detail/index", { id: orderId });
    const discounts = [...detail.root.querySelectorAll(".kd-order__discount")].map((row) => row.textContent?.replace(/\s+/g, ""));
    expect(discounts).toEqual(["会员折扣-¥2.40", "积分抵扣（456积分）-¥4.56"]);
    expect(detail.text()).toContain("¥51.04");
    phone.keep(detail);
  }, 180_000);

  it("refuses an order whose points were spent meanwhile, saying so beside the new figures", async () => {
    const { db } = harness;
    const phone = payingPhone();
    const profile = await phone.open("pages/profile/index");
    await fire(profile, find(profile, ".kd-member-card__join"), "getphonenumber", { code: harness.wechat.issuePhoneCode(store.appid, { purePhoneNumber: "13900001111" }) });
    phone.keep(profile);
    const member = await db.scoped({ tenantId: store.tenantId }, (tx) => tx.member.findFirstOrThrow({ where: { phone: "13900001111" }, select: { id: true } }));
    const adjust = (change: number) => db.scoped({ tenantId: store.tenantId }, (tx) => adjustPoints(tx, store.tenantId, { memberId: member.id, change, note: "测试", actorId: randomUUID() }));
    expect(await adjust(300)).toEqual({ ok: true, balance: 300 });

    await fillCart(phone);
    const checkout = await phone.open("pages/checkout/index");
    await tap(checkout, ".kd-checkout__address");
    // 普通会员: no level line. ¥48 of goods, 10% of it payable by points: 300 points cover ¥3.
    expect(checkout.root.querySelector(".kd-checkout__level")).toBeNull();
    await tap(checkout, ".kd-checkout__points");
    expect(find(checkout, ".kd-checkout__points").textContent).toContain("用 300 积分抵 ¥3");
    expect(total(checkout)).toBe("¥55");

    // Spent elsewhere before the tap: the order is refused, nothing charged, and the new quote shows what is left.
    expect(await adjust(-200)).toEqual({ ok: true, balance: 100 });
    await tap(checkout, ".kd-checkout__pay");
    expect(checkout.wx.calls.find((call) => call.api === "redirectTo")).toBeUndefined();
    expect(checkout.text()).toContain("积分余额已变化，请重新确认抵扣后再下单。");
    expect(find(checkout, ".kd-checkout__points").textContent).toContain("共 100 积分，用 100 积分抵 ¥1");
    expect(total(checkout)).toBe("¥57");
    expect(await db.scoped({ tenantId: store.tenantId }, (tx) => tx.order.count({ where: { pointsUsed: 300 } }))).toBe(0);

    // Confirmed again, it goes through with the points the shopper now saw.
    await tap(checkout, ".kd-checkout__pay");
    const redirect = checkout.wx.calls.find((call) => call.api === "redirectTo");
    expect(redirect).toBeDefined();
    const orderId = new URLSearchParams(String(redirect!.options.url).split("?")[1]).get("id")!;
    expect(await db.scoped({ tenantId: store.tenantId }, (tx) => loadOrder(tx, orderId))).toMatchObject({ pointsUsed: 100, pointsDiscountFen: 100, totalFen: 5700 });
    phone.keep(checkout);
    await harness.pay.idle();
  }, 180_000);

  it("shows a shopper who is not a member no member lines, only the way to join", async () => {
    const phone = payingPhone();
    await fillCart(phone);
    const checkout = await phone.open("pages/checkout/index");
    await tap(checkout, ".kd-checkout__address");
    expect(total(checkout)).toBe("¥58");
    expect(checkout.root.querySelector(".kd-checkout__level")).toBeNull();
    expect(checkout.root.querySelector(".kd-checkout__points")).toBeNull();
    expect(checkout.text()).not.toContain("积分");
    await tap(checkout, ".kd-checkout__join");
    expect(checkout.wx.calls.find((call) => call.api === "switchTab" || call.api === "navigateTo")?.options.url).toBe("/pages/profile/index");
    phone.keep(checkout);
  }, 120_000);
});

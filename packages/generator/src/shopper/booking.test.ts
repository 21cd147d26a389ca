// @vitest-environment jsdom
// The hotel sample's bookings against shop-api's contract: each night's rate and rooms left, booking (one
// Idempotency-Key per attempt) and paying with shop-api's parameters, a changed total shown, and the booking's page
// where a paid stay is cancelled with its refund shown first.
import { pages, sampleSnapshot, tradePages } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import type { FakeRequest, FakeResponse } from "../testing/render-page";
import { find, fire, tap } from "./sample-page";
import { shopApiContract, type ShopApiContract } from "./shop-api-contract";
import { renderPage } from "../testing/render-page";
import { samplePackage } from "./sample-page";

const TENANT = "11111111-2222-4333-8444-666666666666";
const API = `https://shop.example.com/api/mp/v1/${TENANT}`;
const snapshot = sampleSnapshot("hotel", { tenantId: TENANT, apiBase: API });
// One package for every test: generating it is the slow part on a loaded machine.
let packageDir: Promise<string> | undefined;
const storePackage = () => (packageDir ??= samplePackage("hotel", snapshot));
let codes = 0;
const shopper = { loginCode: () => `code-${++codes}` };

function localDate(daysAhead: number): string {
  const day = new Date();
  day.setDate(day.getDate() + daysAhead);
  return [day.getFullYear(), day.getMonth() + 1, day.getDate()].map((part) => String(part).padStart(2, "0")).join("-");
}

/** shop-api's contract, with the read API's nights: 528 a night, two rooms left, none on `soldOut` dates. */
function hotelApi(soldOut: string[] = []): ShopApiContract & { respond: (request: FakeRequest) => FakeResponse | "fail" } {
  const api = shopApiContract(API);
  const contract = api.respond;
  const respond = (request: FakeRequest): FakeResponse | "fail" => {
    if (!request.url.includes("/nights?")) return contract(request);
    const query = new URL(request.url).searchParams;
    const nights = [];
    for (let day = 0; localDate(day) <= query.get("to")!; day++) {
      const date = localDate(day);
      if (date >= query.get("from")!) nights.push({ date, rateFen: 52800, available: soldOut.includes(date) ? 0 : 2 });
    }
    return { statusCode: 200, data: { nights } };
  };
  return Object.assign(api, { respond });
}

async function bookingForm(api: ReturnType<typeof hotelApi>) {
  const page = await renderPage(await storePackage(), pages.booking.path, { wx: { respond: api.respond, shopper } });
  await page.settle();
  const [, checkOut] = page.root.querySelectorAll("wx-picker");
  await fire(page, checkOut!, "change", { value: localDate(2) });
  await tap(page, ".kd-booking__room", "湖景大床房");
  const [name, phone] = page.root.querySelectorAll("wx-input.kd-booking__input");
  await fire(page, name!, "input", { value: "张三" });
  await fire(page, phone!, "input", { value: "13800138000" });
  return page;
}

describe("booking a stay", () => {
  it("lists each night's rate and rooms left, books once with the total shown, pays, and opens the booking", async () => {
    const api = hotelApi();
    const payment = { timeStamp: "1764700000", nonceStr: "n0nce", package: "prepay_id=wx03", signType: "RSA", paySign: "c2lnbg==" };
    api.reply("POST /bookings", { statusCode: 201, data: { order: { id: "booking-1", number: "261203-0001", status: "pendingPayment" }, payment } });
    const page = await bookingForm(api);
    expect(page.root.querySelectorAll(".kd-booking__night")).toHaveLength(2);
    expect(find(page, ".kd-booking__nights").textContent).toContain("剩 2 间");
    expect(page.text()).not.toContain("不会自动发送给酒店");
    await tap(page, ".kd-button", "预订并支付");

    const booked = page.wx.requests.find((request) => request.url.endsWith("/bookings") && request.method === "POST")!;
    expect(booked.header["Idempotency-Key"]).toMatch(/^[0-9a-z-]{8,40}$/);
    expect(booked.header.Authorization).toMatch(/^Bearer kd-token-\d+$/);
    expect(booked.data).toEqual({ itemId: "lake-king", checkIn: localDate(0), checkOut: localDate(2), guests: 1, guestName: "张三", guestPhone: "13800138000", seenTotalFen: 105_600 });
    expect(page.wx.calls).toContainEqual({ api: "requestPayment", options: payment });
    expect(page.wx.calls).toContainEqual({ api: "navigateTo", options: { url: "/pages/order-detail/index?id=booking-1&confirm=1" } });
    // The hotel set up no message: nothing is asked.
    expect(page.wx.calls.filter((call) => call.api === "requestSubscribeMessage")).toEqual([]);
  });

  it("asks for the booking-confirmed message from the booking tap, before booking, when the hotel set it up", async () => {
    const api = hotelApi();
    const BOOKED = "bookingConfirmedTemplate-0123456789abcdefghij";
    const templates = { orderPaid: "orderPaidTemplate-0123456789abcdefghijklmno", orderShipped: null, orderReady: null, bookingConfirmed: BOOKED };
    api.reply("GET /ordering", { statusCode: 200, data: { delivery: { express: { enabled: true, feeFen: 0, freeFromFen: null }, pickup: { enabled: false, address: "" } }, unpaidMinutes: 15, paymentsReady: true, readyTemplateId: null, messageTemplates: templates } });
    api.reply("POST /bookings", { statusCode: 201, data: { order: { id: "booking-2", number: "261203-0002", status: "pendingPayment" }, payment: null } });
    const page = await bookingForm(api);
    await tap(page, ".kd-button", "预订并支付");
    const asked = page.wx.calls.filter((call) => call.api === "requestSubscribeMessage");
    expect(asked.map((call) => call.options.tmplIds)).toEqual([[BOOKED]]);
    // The booking still goes on after the sheet.
    expect(page.wx.requests.filter((request) => request.url.endsWith("/bookings") && request.method === "POST")).toHaveLength(1);
  });

  it("shows a changed total and books again with it; shows which night sold out meanwhile", async () => {
    const api = hotelApi();
    const refused = (refusal: Record<string, unknown>, message: string) => ({ statusCode: 409, data: { error: { code: "booking.refused", message, refusals: [{ ...refusal, message }] } } });
    api.reply(
      "POST /bookings",
      refused({ code: "totalChanged", seenFen: 105_600, currentFen: 115_600 }, "房价已变更：现为 ¥1156.00（原 ¥1056.00），请确认后再预订。"),
      refused({ code: "nightSoldOut", date: localDate(1) }, "当晚已满房。"),
    );
    const page = await bookingForm(api);
    await tap(page, ".kd-button", "预订并支付");
    expect(page.text()).toContain("房价已变更");
    expect(find(page, ".kd-booking__total").textContent).toContain("¥1156");
    await tap(page, ".kd-button", "预订并支付");
    const attempts = page.wx.requests.filter((request) => request.url.endsWith("/bookings") && request.method === "POST");
    expect((attempts[1]!.data as { seenTotalFen: number }).seenTotalFen).toBe(115_600);
    // Agreeing to a new total is a new attempt, with a key of its own.
    expect(attempts[1]!.header["Idempotency-Key"]).not.toBe(attempts[0]!.header["Idempotency-Key"]);
    expect(page.text()).toContain("当晚已满房。");
    expect(page.wx.calls.filter((call) => call.api === "requestPayment")).toEqual([]);
  });

  it("will not book nights it shows as sold out", async () => {
    const api = hotelApi([localDate(1)]);
    const page = await bookingForm(api);
    expect(find(page, ".kd-booking__nights").textContent).toContain("满房");
    await tap(page, ".kd-button", "预订并支付");
    expect(page.text()).toContain("所选日期有满房的晚上");
    expect(api.routes()).not.toContain("POST /bookings");
  });
});

describe("the booking's page", () => {
  const booking = (status: string, statusName: string, actions: string[], refundedFen = 0) => ({
    id: "booking-1",
    number: "261203-0001",
    status,
    statusName,
    delivery: "stay",
    pickupAddress: "",
    lines: [{ title: "湖景大床房", skuOptions: [], dishOptions: [], quantity: 1, unitPriceFen: 105_600, lineTotalFen: 105_600 }],
    subtotalFen: 105_600,
    deliveryFeeFen: 0,
    totalFen: 105_600,
    refundedFen,
    events: [{ action: "pay", at: "2026-12-03T04:05:00.000Z", reason: "" }],
    actions,
    createdAt: "2026-12-03T04:00:00.000Z",
    expiresAt: "2026-12-03T04:15:00.000Z",
  });
  const stay = { checkIn: "2026-12-24", checkOut: "2026-12-26", guests: 2, guestName: "张三", guestPhone: "13800138000", nights: [{}, {}], cancellationText: "入住日结束前取消，退还 60% 房费" };

  it("shows the stay, then cancels a paid one after showing the refund the server computed", async () => {
    const api = shopApiContract(API);
    api.reply("GET /orders/booking-1", { statusCode: 200, data: booking("paid", "待入住", ["cancelStay", "requestRefund"]) });
    api.reply("GET /bookings/booking-1", { statusCode: 200, data: { order: booking("paid", "待入住", ["cancelStay"]), stay } });
    api.reply("GET /bookings/booking-1/cancellation", { statusCode: 200, data: { canCancel: true, refundFen: 63_360, rule: "partial", freeUntil: null, policy: stay.cancellationText } });
    api.reply("POST /bookings/booking-1/cancel", { statusCode: 200, data: { order: booking("stayCancelled", "已取消预订", [], 0), stay, refund: { amountFen: 63_360 } } });
    const page = await renderPage(await storePackage(), tradePages["order-detail"].path, { query: { id: "booking-1" }, wx: { respond: api.respond, shopper } });
    await page.settle();
    expect(find(page, ".kd-order__stay").textContent).toContain("2026-12-24 入住 · 2026-12-26 离店 · 共 2 晚");
    expect(page.text()).toContain("取消政策：入住日结束前取消，退还 60% 房费");

    await tap(page, ".kd-order__cancel-stay");
    const modal = page.wx.calls.find((call) => call.api === "showModal")!;
    expect((modal.options as { content: string }).content).toContain("取消后将退款 ¥633.60");
    // Only after the shopper confirmed what they saw is the cancellation sent, with that refund.
    const sent = page.wx.requests.find((request) => request.url.endsWith("/cancel"))!;
    expect(sent.data).toEqual({ seenRefundFen: 63_360 });
    expect(page.text()).toContain("已取消预订");
    expect(page.root.querySelector(".kd-order__cancel-stay")).toBeNull();
  });
});

// @vitest-environment jsdom
// The hotel sample: dates and rooms shared across pages, and the booking form without shop-api (see booking.test.ts).
import { sampleSnapshot } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import type { FakeRequest, FakeResponse } from "../testing/render-page";
import { find, fire, openSamplePage, tap } from "./sample-page";

function localDate(daysAhead: number): string {
  const day = new Date();
  day.setDate(day.getDate() + daysAhead);
  return [day.getFullYear(), day.getMonth() + 1, day.getDate()].map((part) => String(part).padStart(2, "0")).join("-");
}

describe("home", () => {
  it("shows the booking bar, the rooms with their facts and the house rules", async () => {
    const page = await openSamplePage("hotel", "home");
    expect(page.text()).toContain("共 1 晚");
    expect(page.text()).toContain("湖景大床房");
    expect(page.text()).toContain("1.8 米大床 · 32㎡ · 可住 2 人 · 含早");
    expect(page.text()).toContain("入住需出示有效身份证件");
  });

  it("books a room from the list on the booking tab", async () => {
    const page = await openSamplePage("hotel", "home");
    await tap(page, ".kd-room-list__book");
    expect(page.wx.calls).toContainEqual({ api: "switchTab", options: expect.objectContaining({ url: "/pages/booking/index" }) });
  });
});

describe("booking", () => {
  it("counts nights from the picked dates and prices the chosen room", async () => {
    const page = await openSamplePage("hotel", "booking");
    const [, checkOut] = page.root.querySelectorAll("wx-picker");
    await fire(page, checkOut!, "change", { value: localDate(3) });
    expect(page.text()).toContain("共 3 晚");
    await tap(page, ".kd-booking__room", "湖景大床房");
    expect(find(page, ".kd-booking__total").textContent).toContain("¥1584");
  });

  it("asks for the guest, and without shop-api to hold the room, books nothing and offers a call", async () => {
    const page = await openSamplePage("hotel", "booking");
    await tap(page, ".kd-booking__room", "舒适大床房");
    await tap(page, ".kd-button", "预订并支付");
    expect(page.text()).toContain("请填写入住人姓名");
    const [name, phone] = page.root.querySelectorAll("wx-input.kd-booking__input");
    await fire(page, name!, "input", { value: "张三" });
    await fire(page, phone!, "input", { value: "13800138000" });
    await tap(page, ".kd-button", "预订并支付");
    expect(page.text()).toContain("暂时无法查询房态");
    expect(page.text()).not.toContain("不会自动发送给酒店");
    expect(page.wx.requests.filter((request) => request.url.endsWith("/bookings"))).toEqual([]);
    await tap(page, ".kd-button", "致电酒店");
    expect(page.wx.calls).toContainEqual({ api: "makePhoneCall", options: { phoneNumber: "08722667888" } });
  });
});

describe("booking with the rate calendar", () => {
  const API = "https://api.kaidian.test/mp/v1/sample-hotel";
  const snapshot = sampleSnapshot("hotel", { apiBase: API });

  /** The read API: the nights asked for, at 528 a night except those in `rates`, none left on `soldOut` dates. */
  function nightsApi(rates: Record<string, number>, soldOut: string[] = []) {
    return (request: FakeRequest): FakeResponse | "fail" => {
      if (!request.url.includes("/nights?")) return "fail";
      const query = new URL(request.url).searchParams;
      const nights = [];
      for (let day = 0; localDate(day) <= query.get("to")!; day++) {
        const date = localDate(day);
        if (date >= query.get("from")!) nights.push({ date, rateFen: rates[date] ?? 52800, available: soldOut.includes(date) ? 0 : 2 });
      }
      return { statusCode: 200, data: { nights }, header: { ETag: 'W/"n1"' } };
    };
  }

  async function chooseStay(respond: (request: FakeRequest) => FakeResponse | "fail") {
    const page = await openSamplePage("hotel", "booking", { snapshot, wx: { respond } });
    const [, checkOut] = page.root.querySelectorAll("wx-picker");
    await fire(page, checkOut!, "change", { value: localDate(3) });
    await tap(page, ".kd-booking__room", "湖景大床房");
    return page;
  }

  it("asks for the stay's nights and totals each night's rate", async () => {
    const page = await chooseStay(nightsApi({ [localDate(1)]: 68800 }));
    const asked = page.wx.requests.filter((request) => request.url.includes("/nights?")).at(-1)!;
    expect(asked.url).toBe(`${API}/items/lake-king/nights?from=${localDate(0)}&to=${localDate(2)}`);
    expect(find(page, ".kd-booking__total").textContent).toContain("3 晚");
    expect(find(page, ".kd-booking__total").textContent).toContain("¥1744");
  });

  it("shows sold-out nights and will not make a request for them", async () => {
    const page = await chooseStay(nightsApi({}, [localDate(2)]));
    expect(find(page, ".kd-booking__sold-out").textContent).toContain("已满房");
    const [name, phone] = page.root.querySelectorAll("wx-input.kd-booking__input");
    await fire(page, name!, "input", { value: "张三" });
    await fire(page, phone!, "input", { value: "13800138000" });
    await tap(page, ".kd-button", "预订并支付");
    expect(page.text()).toContain("所选日期有满房的晚上");
    expect(page.wx.requests.filter((request) => request.url.endsWith("/bookings"))).toEqual([]);
  });

  it("falls back to the room's price times the nights when the API does not answer, or answers something else", async () => {
    for (const respond of [() => "fail" as const, () => ({ statusCode: 200, data: { nights: [{ date: "2020-01-01", rateFen: 1, available: 1 }] } })]) {
      const page = await chooseStay(respond);
      expect(find(page, ".kd-booking__total").textContent).toContain("¥1584");
      expect(page.root.querySelector(".kd-booking__sold-out")).toBeNull();
    }
  });
});

describe("item", () => {
  it("shows a room's facts and books it", async () => {
    const page = await openSamplePage("hotel", "item", { query: { id: "family" } });
    expect(page.text()).toContain("¥688/晚");
    expect(page.text()).toContain("大床 + 儿童床");
    expect(page.text()).toContain("儿童用品");
    await tap(page, ".kd-button", "预订此房型");
    expect(page.wx.calls).toContainEqual({ api: "switchTab", options: expect.objectContaining({ url: "/pages/booking/index" }) });
  });
});

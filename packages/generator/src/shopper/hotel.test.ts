// @vitest-environment jsdom
// The hotel sample: dates and rooms shared across pages, and a booking request that says it is not sent.
import { describe, expect, it } from "vitest";
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

  it("asks for the guest, then shows a request it says is not sent, with a call to confirm", async () => {
    const page = await openSamplePage("hotel", "booking");
    await tap(page, ".kd-booking__room", "舒适大床房");
    await tap(page, ".kd-button", "生成预订申请");
    expect(page.text()).toContain("请填写入住人姓名");
    const [name, phone] = page.root.querySelectorAll("wx-input");
    await fire(page, name!, "input", { value: "张三" });
    await fire(page, phone!, "input", { value: "13800138000" });
    await tap(page, ".kd-button", "生成预订申请");
    expect(page.text()).toContain("预订申请");
    expect(page.text()).toContain("入住人：张三");
    expect(page.text()).toContain("此申请不会自动发送给酒店");
    await tap(page, ".kd-button", "致电酒店确认");
    expect(page.wx.calls).toContainEqual({ api: "makePhoneCall", options: { phoneNumber: "08722667888" } });
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

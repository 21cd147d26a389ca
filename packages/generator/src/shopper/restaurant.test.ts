// @vitest-environment jsdom
// The restaurant sample: the table from the QR code, the menu into the basket, and a summary for the staff.
import { randomUUID } from "node:crypto";
import { sampleSnapshot } from "@kaidian/templates";
import { describe, expect, it } from "vitest";
import { find, openSamplePage, tap } from "./sample-page";

describe("order", () => {
  it("reads the table from the QR code's scene", async () => {
    const page = await openSamplePage("restaurant", "order", { query: { scene: encodeURIComponent("t=12") } });
    expect(page.text()).toContain("桌号 12");
  });

  it("reads the table from a printed table link, which WeChat passes encoded in q", async () => {
    const tenantId = randomUUID();
    const link = `https://kaidian.example/q/${tenantId}/K7QX2M`;
    const page = await openSamplePage("restaurant", "order", { snapshot: sampleSnapshot("restaurant", { tenantId }), query: { q: encodeURIComponent(link) } });
    expect(page.text()).toContain("桌号 K7QX2M");
  });

  it("ignores a table link of another store, or one that is not a table link", async () => {
    const tenantId = randomUUID();
    const snapshot = sampleSnapshot("restaurant", { tenantId });
    for (const q of [`https://kaidian.example/q/${randomUUID()}/K7QX2M`, `https://kaidian.example/x/${tenantId}/K7QX2M`, `https://kaidian.example/q/${tenantId}/K7&QX`]) {
      const page = await openSamplePage("restaurant", "order", { snapshot, query: { q: encodeURIComponent(q) } });
      expect(page.text(), q).toContain("未识别桌号");
    }
  });

  it("ignores a table number that is not one", async () => {
    const page = await openSamplePage("restaurant", "order", { query: { t: "<b>1</b>" } });
    expect(page.text()).toContain("未识别桌号");
  });

  it("adds dishes, with options, to the basket and totals them", async () => {
    const page = await openSamplePage("restaurant", "order", { query: { t: "A1" } });
    await tap(page, ".van-sidebar-item", "小吃");
    expect(find(page, ".kd-menu__dish", "拍黄瓜").textContent).toContain("已售罄");
    await tap(page, ".kd-menu__add");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥16");

    await tap(page, ".van-sidebar-item", "面食");
    await tap(page, ".kd-button", "选规格");
    await tap(page, ".kd-dish-options__option", "大份");
    await tap(page, ".kd-dish-options__option", "微辣");
    expect(find(page, ".kd-menu__sheet-price").textContent).toBe("¥31");
    await tap(page, ".kd-button", "加入");
    expect(page.wx.storage.get("kd-basket")).toEqual([
      { key: 'potstickers|[]', itemId: "potstickers", options: [], quantity: 1 },
      {
        key: 'beef|[{"group":"份量","name":"大份"},{"group":"辣度","name":"微辣"}]',
        itemId: "beef",
        options: [
          { group: "份量", name: "大份" },
          { group: "辣度", name: "微辣" },
        ],
        quantity: 1,
      },
    ]);
    expect(find(page, ".kd-bottom-bar").textContent).toContain("¥47");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("堂食 · 桌号 A1 · 2 份");

    await tap(page, ".kd-button", "选好了");
    expect(page.text()).toContain("招牌牛肉面（大份 / 微辣） × 1");
    expect(page.text()).toContain("下单，送到后厨");
  });

  it("switches to takeaway, which has no table", async () => {
    const page = await openSamplePage("restaurant", "order", {
      query: { t: "5" },
      storage: { "kd-basket": [{ key: "plum|[]", itemId: "plum", options: [], quantity: 2 }] },
    });
    await tap(page, ".kd-menu__mode", "外带");
    expect(find(page, ".kd-bottom-bar").textContent).toContain("外带 · 2 份");
    expect(page.text()).not.toContain("桌号 5");
  });
});

describe("home and item", () => {
  it("shows the queue honestly and the signature dishes", async () => {
    const page = await openSamplePage("restaurant", "home");
    expect(page.text()).toContain("暂不支持线上取号");
    expect(page.text()).toContain("招牌菜");
    expect(page.text()).toContain("招牌牛肉面");
  });

  it("does not add a sold-out dish", async () => {
    const page = await openSamplePage("restaurant", "item", { query: { id: "cucumber" } });
    await tap(page, ".kd-button", "已售罄");
    expect(page.wx.storage.has("kd-basket")).toBe(false);
  });
});

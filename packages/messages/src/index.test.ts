import { describe, expect, it } from "vitest";
import { MESSAGE_PURPOSES, PURPOSES_BY_TEMPLATE, purposeFields, templateData, templateSchemaFor } from "./index";

const ID = "x".repeat(43);
const template = (purpose: Parameters<typeof templateSchemaFor>[0], keywords: Record<string, string>) => templateSchemaFor(purpose).parse({ templateId: ID, keywords });

describe("subscribe templates", () => {
  it("fits each value to its keyword's kind, so WeChat does not refuse the message for its length or characters", () => {
    const values = { number: "取餐号 A012", store: "老街面馆（人民路旗舰店）欢迎您再次光临本店", note: "已叫到您的号，请到前台" };
    expect(templateData(template("orderReady", { number: "character_string1", store: "thing2", note: "phrase3" }), values)).toEqual({
      character_string1: "A012",
      thing2: "老街面馆（人民路旗舰店）欢迎您再次光临本",
      phrase3: "已叫到您的",
    });
    expect(templateData(template("queueCalled", { number: "number1" }), values)).toEqual({ number1: "012" });
  });

  it("fits a paid order's amount, time and a booking's dates to amount, time and date keywords", () => {
    const paid = template("orderPaid", { orderNumber: "character_string1", amount: "amount2", time: "time3", items: "thing4" });
    expect(templateData(paid, { orderNumber: "20261203-0042", amount: "128.50", items: "云南小粒咖啡豆 250g 深烘 等 3 件", time: "2026年12月3日 14:05", store: "山野" })).toEqual({
      character_string1: "20261203-0042",
      amount2: "128.50元",
      time3: "2026年12月3日 14:05",
      thing4: "云南小粒咖啡豆 250g 深烘 等 3",
    });
    const booking = template("bookingConfirmed", { roomType: "thing1", checkIn: "date2", checkOut: "date3", guest: "name4" });
    expect(templateData(booking, { roomType: "湖景大床房", checkIn: "2026年12月5日 14:00", checkOut: "2026年12月7日", guest: "王小明", store: "湖畔" })).toEqual({
      thing1: "湖景大床房",
      date2: "2026年12月5日",
      date3: "2026年12月7日",
      name4: "王小明",
    });
  });

  it("reads a template saved before the order purposes existed, with the same keys", () => {
    expect(templateSchemaFor("queueCalled").safeParse({ templateId: ID, keywords: { number: "character_string1", store: "thing2", note: "thing3" } }).success).toBe(true);
    expect(templateSchemaFor("orderReady").safeParse({ templateId: ID, keywords: { number: "number1" } }).success).toBe(true);
  });

  it("refuses a template id that is not one, an unknown keyword kind, a required value left out, and one keyword for two values", () => {
    const problem = (purpose: Parameters<typeof templateSchemaFor>[0], input: unknown) => templateSchemaFor(purpose).safeParse(input).error?.issues[0]?.message;
    expect(problem("queueCalled", { templateId: "short", keywords: { number: "thing1" } })).toBe("subscribe.templateId");
    expect(problem("queueCalled", { templateId: ID, keywords: { number: "colour1" } })).toBe("subscribe.keyword");
    expect(problem("orderShipped", { templateId: ID, keywords: { company: "thing2" } })).toBe("subscribe.required");
    expect(problem("orderShipped", { templateId: ID, keywords: { orderNumber: "character_string1", trackingNumber: "character_string1" } })).toBe("subscribe.keywordTwice");
  });

  it("lists every purpose for some template, each with a required value first", () => {
    expect(new Set(Object.values(PURPOSES_BY_TEMPLATE).flat())).toEqual(new Set(MESSAGE_PURPOSES));
    for (const purpose of MESSAGE_PURPOSES) expect(purposeFields(purpose)[0]).toMatchObject({ required: true });
    expect(purposeFields("orderShipped").map((field) => field.key)).toEqual(["orderNumber", "company", "trackingNumber", "items", "store"]);
  });
});

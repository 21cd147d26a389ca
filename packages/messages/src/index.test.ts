import { describe, expect, it } from "vitest";
import { subscribeTemplateSchema, templateData } from "./index";

const template = (keywords: Record<string, string>) => subscribeTemplateSchema.parse({ templateId: "x".repeat(43), keywords });

describe("subscribe templates", () => {
  it("fits each value to its keyword's kind, so WeChat does not refuse the message for its length or characters", () => {
    const values = { number: "取餐号 A012", store: "老街面馆（人民路旗舰店）欢迎您再次光临本店", note: "已叫到您的号，请到前台" };
    expect(templateData(template({ number: "character_string1", store: "thing2", note: "phrase3" }), values)).toEqual({
      character_string1: "A012",
      thing2: "老街面馆（人民路旗舰店）欢迎您再次光临本",
      phrase3: "已叫到您的",
    });
    expect(templateData(template({ number: "number1" }), values)).toEqual({ number1: "012" });
  });

  it("refuses a template id that is not one, an unknown keyword kind, and one keyword for two fields", () => {
    const problem = (input: unknown) => subscribeTemplateSchema.safeParse(input).error?.issues[0]?.message;
    expect(problem({ templateId: "short", keywords: { number: "thing1" } })).toBe("subscribe.templateId");
    expect(problem({ templateId: "x".repeat(43), keywords: { number: "amount1" } })).toBe("subscribe.keyword");
    expect(problem({ templateId: "x".repeat(43), keywords: { number: "thing1", store: "thing1" } })).toBe("subscribe.keywordTwice");
  });
});

// The rules without a database: points earned and taken back in proportion, the points a checkout may use, levels
// by spend and their discounts in fen, and the card code's signature and lifetime.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CARD_CODE_SECONDS, levelDiscountFen, levelOf, levelsSchema, memberRulesSchema, nextLevelOf, pointsEarned, pointsToReverse, pointsUse, signCardCode, verifyCardCode } from "./index";

const LEVELS = [
  { name: "普通", minSpendFen: 0, percentOff: 0 },
  { name: "银卡", minSpendFen: 100_000, percentOff: 5 },
  { name: "金卡", minSpendFen: 500_000, percentOff: 12 },
];
const RULE = { pointsEnabled: true, pointsPerYuan: 2, pointsPerYuanOff: 100, maxPointsPercent: 30 };

describe("points", () => {
  it("earns per whole yuan paid, and nothing while the rule is off", () => {
    expect(pointsEarned(RULE, 12_399)).toBe(246);
    expect(pointsEarned(RULE, 99)).toBe(0);
    expect(pointsEarned({ ...RULE, pointsEnabled: false }, 12_399)).toBe(0);
  });

  it("takes back earned points in proportion, partial refunds adding up to all of them", () => {
    const paidFen = 10_000;
    const first = pointsToReverse({ earned: 333, alreadyReversed: 0, paidFen, refundedFen: 3_000 });
    expect(first).toBe(99);
    const second = pointsToReverse({ earned: 333, alreadyReversed: first, paidFen, refundedFen: 6_000 });
    expect(second).toBe(100);
    const last = pointsToReverse({ earned: 333, alreadyReversed: first + second, paidFen, refundedFen: 10_000 });
    expect(first + second + last).toBe(333);
    expect(pointsToReverse({ earned: 333, alreadyReversed: 333, paidFen, refundedFen: 10_000 })).toBe(0);
  });

  it("lets points pay at most the rule's share of the goods, and never more than they are worth", () => {
    // 30% of ¥100 is ¥30 = 3000 points at 100 a yuan.
    expect(pointsUse(RULE, 10_000, 10_000)).toEqual({ pointsUsed: 3_000, discountFen: 3_000 });
    // 250 points are worth ¥2.50.
    expect(pointsUse(RULE, 250, 10_000)).toEqual({ pointsUsed: 250, discountFen: 250 });
    // 50 points a yuan: one point is two fen; an odd fen amount rounds the points up.
    expect(pointsUse({ ...RULE, pointsPerYuanOff: 50, maxPointsPercent: 100 }, 1_000, 1_999)).toEqual({ pointsUsed: 1_000, discountFen: 1_999 });
    expect(pointsUse({ ...RULE, pointsPerYuanOff: 50, maxPointsPercent: 100 }, 1_000, 1_998)).toEqual({ pointsUsed: 999, discountFen: 1_998 });
    // 300 points a yuan: 299 points buy nothing.
    expect(pointsUse({ ...RULE, pointsPerYuanOff: 300 }, 2, 10_000)).toEqual({ pointsUsed: 0, discountFen: 0 });
    expect(pointsUse({ ...RULE, pointsEnabled: false }, 10_000, 10_000)).toEqual({ pointsUsed: 0, discountFen: 0 });
  });
});

describe("levels", () => {
  it("places a member by spend at each threshold, and says what is left to the next", () => {
    expect(levelOf(LEVELS, 99_999).name).toBe("普通");
    expect(levelOf(LEVELS, 100_000).name).toBe("银卡");
    expect(levelOf(LEVELS, 499_999).name).toBe("银卡");
    expect(levelOf(LEVELS, 500_000).name).toBe("金卡");
    expect(nextLevelOf(LEVELS, 30_000)).toEqual({ level: LEVELS[1], leftFen: 70_000 });
    expect(nextLevelOf(LEVELS, 600_000)).toBeNull();
  });

  it("takes each level's discount off the goods in whole fen, rounded down", () => {
    expect(levelDiscountFen(LEVELS[0]!, 12_345)).toBe(0);
    expect(levelDiscountFen(LEVELS[1]!, 12_345)).toBe(617);
    expect(levelDiscountFen(LEVELS[2]!, 12_345)).toBe(1_481);
  });

  it("refuses levels that do not start at zero, do not rise, or share a name", () => {
    expect(levelsSchema.safeParse(LEVELS).success).toBe(true);
    const messages = (levels: unknown) => (levelsSchema.safeParse(levels).error?.issues ?? []).map((issue) => `${issue.path.join(".")}:${issue.message}`);
    expect(messages([{ name: "银卡", minSpendFen: 100, percentOff: 5 }])).toEqual(["0.minSpendFen:levels.firstStartsAtZero"]);
    expect(messages([LEVELS[0], { ...LEVELS[1], minSpendFen: 0 }])).toEqual(["1.minSpendFen:levels.rising"]);
    expect(messages([LEVELS[0], { ...LEVELS[1], name: "普通" }])).toEqual(["1.name:levels.duplicateName"]);
    expect(memberRulesSchema.safeParse({ ...RULE, maxPointsPercent: 101, levels: LEVELS }).success).toBe(false);
  });
});

describe("the card code", () => {
  const key = randomBytes(32);
  const store = "1b7f3e8a-0000-4000-8000-000000000001";
  const at = new Date("2026-12-04T02:00:00Z");

  it("opens the member while fresh, and not once it has ended", () => {
    const { code, expiresAt } = signCardCode(key, store, 42, at);
    expect(expiresAt.getTime() - at.getTime()).toBe(CARD_CODE_SECONDS * 1000);
    expect(verifyCardCode(key, store, code, new Date(at.getTime() + 60_000))).toEqual({ ok: true, number: 42 });
    expect(verifyCardCode(key, store, code, expiresAt)).toEqual({ ok: false, refusal: "expired" });
  });

  it("refuses a code edited by hand, signed with another key, or made for another store", () => {
    const { code } = signCardCode(key, store, 42, at);
    const [prefix, , expires, signature] = code.split(".");
    expect(verifyCardCode(key, store, `${prefix}.43.${expires}.${signature}`, at)).toEqual({ ok: false, refusal: "forged" });
    expect(verifyCardCode(key, store, `${prefix}.42.${Number(expires) + 3600}.${signature}`, at)).toEqual({ ok: false, refusal: "forged" });
    expect(verifyCardCode(randomBytes(32), store, code, at)).toEqual({ ok: false, refusal: "forged" });
    expect(verifyCardCode(key, "1b7f3e8a-0000-4000-8000-000000000002", code, at)).toEqual({ ok: false, refusal: "forged" });
    expect(verifyCardCode(key, store, "https://example.com/", at)).toEqual({ ok: false, refusal: "malformed" });
  });
});

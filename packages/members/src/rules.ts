// The merchant's loyalty rule and levels: one zod schema is the form, the validation and the stored shape.
import { z } from "zod";

/** A level by cumulative spend (paid minus refunded since joining), with its own discount off the goods. */
export const levelSchema = z.object({
  name: z.string().trim().min(1).max(12),
  /** Spend from which a member is at this level, in fen. The first level starts at 0. */
  minSpendFen: z.int().min(0).max(1_000_000_000),
  /** Per cent off the goods at checkout: 5 is 9.5折. */
  percentOff: z.int().min(0).max(50),
});
export type Level = z.infer<typeof levelSchema>;

export const levelsSchema = z
  .array(levelSchema)
  .min(1)
  .max(10)
  .superRefine((levels, context) => {
    if (levels[0] && levels[0].minSpendFen !== 0) context.addIssue({ code: "custom", path: [0, "minSpendFen"], message: "levels.firstStartsAtZero" });
    for (let index = 1; index < levels.length; index++) {
      if (levels[index]!.minSpendFen <= levels[index - 1]!.minSpendFen) context.addIssue({ code: "custom", path: [index, "minSpendFen"], message: "levels.rising" });
    }
    const names = levels.map((level) => level.name);
    names.forEach((name, index) => {
      if (names.indexOf(name) !== index) context.addIssue({ code: "custom", path: [index, "name"], message: "levels.duplicateName" });
    });
  });

export const memberRulesSchema = z.object({
  pointsEnabled: z.boolean(),
  /** Points earned per yuan paid (whole yuan; the fen beyond the last yuan earn nothing). */
  pointsPerYuan: z.int().min(0).max(1000),
  /** How many points make one yuan off at checkout. */
  pointsPerYuanOff: z.int().min(1).max(100_000),
  /** The most of an order's goods (after the level and coupon discounts) points may pay, in per cent. */
  maxPointsPercent: z.int().min(0).max(100),
  levels: levelsSchema,
});
export type MemberRules = z.infer<typeof memberRulesSchema>;

export const DEFAULT_LEVELS: Level[] = [{ name: "普通会员", minSpendFen: 0, percentOff: 0 }];

export const DEFAULT_MEMBER_RULES: MemberRules = { pointsEnabled: false, pointsPerYuan: 1, pointsPerYuanOff: 100, maxPointsPercent: 50, levels: DEFAULT_LEVELS };

/** The level of a member who has spent `spentFen`: the highest one whose threshold it reaches. */
export function levelOf(levels: readonly Level[], spentFen: number): Level {
  let found = levels[0] ?? DEFAULT_LEVELS[0]!;
  for (const level of levels) if (spentFen >= level.minSpendFen) found = level;
  return found;
}

/** The next level and what is left to spend to reach it; null at the top. */
export function nextLevelOf(levels: readonly Level[], spentFen: number): { level: Level; leftFen: number } | null {
  const next = levels.find((level) => level.minSpendFen > spentFen);
  return next ? { level: next, leftFen: next.minSpendFen - spentFen } : null;
}

/** The level's discount off `goodsFen`, rounded down to the fen (the shop never gives more than its rate). */
export function levelDiscountFen(level: Level, goodsFen: number): number {
  return Math.floor((goodsFen * level.percentOff) / 100);
}

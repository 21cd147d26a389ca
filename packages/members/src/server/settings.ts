// A store's member settings row: the rule and levels the merchant sets, and the card key that signs card codes.
import { randomBytes } from "node:crypto";
import { Prisma, type Transaction } from "@kaidian/db";
import { open, seal } from "@kaidian/secrets";
import type { CheckoutMember } from "../checkout";
import { DEFAULT_LEVELS, DEFAULT_MEMBER_RULES, levelsSchema, type MemberRules, memberRulesSchema } from "../rules";

export type RulesRow = { pointsEnabled: boolean; pointsPerYuan: number; pointsPerYuanOff: number; maxPointsPercent: number; levels: unknown };

/** The rule from its row; levels an older build wrote that no longer parse read as the default single level. */
export function rulesOfRow(row: RulesRow | null): MemberRules {
  if (!row) return DEFAULT_MEMBER_RULES;
  const levels = levelsSchema.safeParse(row.levels);
  return { pointsEnabled: row.pointsEnabled, pointsPerYuan: row.pointsPerYuan, pointsPerYuanOff: row.pointsPerYuanOff, maxPointsPercent: row.maxPointsPercent, levels: levels.success ? levels.data : DEFAULT_LEVELS };
}

export async function readMemberRules(tx: Transaction, tenantId: string): Promise<MemberRules> {
  const row = await tx.memberSettings.findFirst({ where: { tenantId }, select: { pointsEnabled: true, pointsPerYuan: true, pointsPerYuanOff: true, maxPointsPercent: true, levels: true } });
  return rulesOfRow(row);
}

export type SavedRules = { ok: true; rules: MemberRules } | { ok: false; issues: { path: string; message: string }[] };

export async function saveMemberRules(tx: Transaction, tenantId: string, input: unknown): Promise<SavedRules> {
  const parsed = memberRulesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) };
  const rules = parsed.data;
  const data = { ...rules, levels: rules.levels as Prisma.InputJsonValue, updatedAt: new Date() };
  await tx.memberSettings.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
  return { ok: true, rules };
}

const sealedFor = (tenantId: string) => `member-card-key:${tenantId}`;

/**
 * The store's card key, made on first use. Two first uses at once both try to write theirs; the upsert keeps
 * whichever landed first (coalesce), and both read that one back, so no code is ever signed with a key that lost.
 */
export async function cardKey(tx: Transaction, tenantId: string, masterKey: Buffer): Promise<Buffer> {
  const fresh = seal(randomBytes(32), masterKey, sealedFor(tenantId));
  const [row] = await tx.$queryRaw<{ card_key_ciphertext: Buffer }[]>`
    INSERT INTO member_settings AS ms (tenant_id, card_key_ciphertext) VALUES (${tenantId}::uuid, ${fresh})
    ON CONFLICT (tenant_id) DO UPDATE SET card_key_ciphertext = coalesce(ms.card_key_ciphertext, excluded.card_key_ciphertext)
    RETURNING card_key_ciphertext`;
  return open(row!.card_key_ciphertext, masterKey, sealedFor(tenantId));
}

/** The shopper as checkout reads them (see ../checkout), or null when they are not a member. */
export async function checkoutMember(tx: Transaction, tenantId: string, shopperId: string): Promise<CheckoutMember | null> {
  const row = await tx.member.findFirst({ where: { tenantId, shopperId }, select: { points: true, spentFen: true } });
  return row ? { ...row, rules: await readMemberRules(tx, tenantId) } : null;
}

"use server";
// Members (会员): the merchant's points rule and levels (mapped onto @kaidian/members' schema, which decides what is
// valid; a refusal is shown at its field), staff adding or taking points with a reason, and the card code a handheld
// scanner types in, which opens the member once its signature and time check out.
import { DomainError } from "@kaidian/accounts";
import { parseYuan } from "@kaidian/catalog";
import { type MemberRefusal, memberRulesSchema } from "@kaidian/members";
import { adjustPoints, memberByCode, saveMemberRules } from "@kaidian/members/server";
import { masterKey } from "@kaidian/secrets";
import { assertCan, inStore, storeRefSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";

const whole = (value: string) => (/^\s*-?\d{1,9}\s*$/.test(value) ? Number(value) : Number.NaN);
const text = z.string().max(100).default("");

/** The form field a rule issue is shown at: level rows are numbered level-N-<part> by their row in the form. */
function fieldOf(path: PropertyKey[], formRows: number[]): string {
  if (path[0] !== "levels") return String(path[0] ?? "");
  const part = path[2] === "minSpendFen" ? "minSpend" : path[2] === "percentOff" ? "percentOff" : "name";
  return `level-${formRows[Number(path[1] ?? 0)] ?? 0}-${part}`;
}

/** The rule's own messages (levels.*) are dashboard codes; zod's generic ones read as "check this field". */
const ruleCode = (message: string) => (/^levels\.[a-zA-Z]+$/.test(message) ? `members.${message}` : "members.rules.invalid");

export const saveMemberRulesAction = formAction(
  z.object({
    store: storeRefSchema,
    pointsEnabled: z.string().optional(),
    pointsPerYuan: text,
    pointsPerYuanOff: text,
    maxPointsPercent: text,
  }),
  async (form, formData) => {
    const access = await requireStore(form.store);
    assertCan(access.roles, "catalog");
    const names = formData.getAll("levelName").map(String);
    const spends = formData.getAll("levelMinSpend").map(String);
    const percents = formData.getAll("levelPercentOff").map(String);
    // Empty rows at the end of the form are rows not used.
    const used = names
      .map((name, row) => ({ row, name, spend: spends[row] ?? "", percent: percents[row] ?? "" }))
      .filter((level) => level.name.trim() !== "" || level.spend.trim() !== "" || level.percent.trim() !== "");
    const formRows = used.map((level) => level.row);
    const levels = used.map((level) => {
      const spend = level.spend.trim() === "" ? { ok: true as const, fen: 0 } : parseYuan(level.spend);
      if (!spend.ok) throw new DomainError("members.rules.invalid", `level-${level.row}-minSpend`);
      return { name: level.name, minSpendFen: spend.fen, percentOff: level.percent.trim() === "" ? 0 : whole(level.percent) };
    });
    const draft = {
      pointsEnabled: form.pointsEnabled === "on",
      pointsPerYuan: whole(form.pointsPerYuan),
      pointsPerYuanOff: whole(form.pointsPerYuanOff),
      maxPointsPercent: whole(form.maxPointsPercent),
      levels,
    };
    const parsed = memberRulesSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DomainError(ruleCode(issue.message), fieldOf(issue.path, formRows));
    }
    const saved = await inStore(database(), access, (tx) => saveMemberRules(tx, access.store.id, parsed.data));
    if (!saved.ok) throw new DomainError("members.rules.invalid");
    revalidatePath(`/stores/${access.store.slug}/members`);
    return { saved: true };
  },
);

const refused = (refusal: MemberRefusal, field?: string) => new DomainError(`members.${refusal}`, field);

export const adjustPointsAction = formAction(
  z.object({ store: storeRefSchema, memberId: z.uuid({ error: "members.notFound" }), change: text, note: text }),
  async (form) => {
    const access = await requireStore(form.store);
    assertCan(access.roles, "orders");
    const change = whole(form.change);
    if (!Number.isInteger(change) || change === 0 || Math.abs(change) > 1_000_000) throw new DomainError("members.adjust.change", "change");
    const note = form.note.trim();
    if (note === "" || note.length > 50) throw new DomainError("members.adjust.note", "note");
    const adjusted = await inStore(database(), access, (tx) => adjustPoints(tx, access.store.id, { memberId: form.memberId, change, note, actorId: access.userId }));
    if (!adjusted.ok) throw refused(adjusted.refusal, "change");
    revalidatePath(`/stores/${access.store.slug}/members`);
    return { balance: adjusted.balance };
  },
);

export const scanMemberCodeAction = formAction(z.object({ store: storeRefSchema, code: z.string().max(200) }), async (form) => {
  const access = await requireStore(form.store);
  assertCan(access.roles, "orders");
  const found = await inStore(database(), access, (tx) => memberByCode(tx, access.store.id, form.code, masterKey().key));
  if (!found.ok) throw refused(found.refusal, "code");
  redirect(`/stores/${access.store.slug}/members?member=${found.memberId}`);
});

"use server";
// The merchant's coupons (营销 › 优惠券), for those who run the catalog: create one from the form (its fields mapped
// onto @kaidian/coupons' schema, which decides what is valid; a refusal is shown at the field it is about), and
// stop one so no more are claimed.
import { DomainError } from "@kaidian/accounts";
import { parseYuan } from "@kaidian/catalog";
import { couponInputSchema, type CouponInputDraft } from "@kaidian/coupons";
import { createCoupon, stopCoupon } from "@kaidian/coupons/server";
import { assertCan, inStore, storeRefSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";

const text = z.string().max(100).default("");

/** Where each part of the coupon schema is typed in the form. */
const FIELD_OF: Record<string, string> = {
  name: "name",
  "discount.amountFen": "amount",
  "discount.percentOff": "percentOff",
  thresholdFen: "threshold",
  "validity.from": "from",
  "validity.until": "until",
  "validity.days": "days",
  totalQuantity: "totalQuantity",
  perShopperLimit: "perShopperLimit",
  "scope.itemIds": "scope",
  "scope.categoryIds": "scope",
};

/** A yuan field as fen, or the refusal at that field. */
function fenOf(value: string, code: string, field: string): number {
  const parsed = parseYuan(value);
  if (!parsed.ok) throw new DomainError(code, field);
  return parsed.fen;
}

const whole = (value: string) => (/^\s*\d{1,9}\s*$/.test(value) ? Number(value) : Number.NaN);

export const createCouponAction = formAction(
  z.object({
    store: storeRefSchema,
    name: text,
    kind: z.enum(["amount", "percent"]),
    amount: text,
    percentOff: text,
    threshold: text,
    validity: z.enum(["dates", "days"]),
    from: text,
    until: text,
    days: text,
    totalQuantity: text,
    perShopperLimit: text,
    scope: z.enum(["all", "chosen"]),
  }),
  async (form, formData) => {
    const access = await requireStore(form.store);
    assertCan(access.roles, "catalog");
    const draft: CouponInputDraft = {
      name: form.name,
      discount: form.kind === "amount" ? { kind: "amount", amountFen: fenOf(form.amount, "coupons.form.amount", "amount") } : { kind: "percent", percentOff: whole(form.percentOff) },
      thresholdFen: form.threshold.trim() === "" ? 0 : fenOf(form.threshold, "coupons.form.threshold", "threshold"),
      validity: form.validity === "dates" ? { kind: "dates", from: form.from, until: form.until } : { kind: "days", days: whole(form.days) },
      totalQuantity: whole(form.totalQuantity),
      perShopperLimit: whole(form.perShopperLimit),
      scope:
        form.scope === "all"
          ? { kind: "all" }
          : { kind: "chosen", categoryIds: formData.getAll("categoryIds").map(String), itemIds: formData.getAll("itemIds").map(String) },
    };
    const parsed = couponInputSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DomainError(issue.message.startsWith("coupons.") ? issue.message : "coupons.form.invalid", FIELD_OF[issue.path.join(".")] ?? FIELD_OF[issue.path[0] as string]);
    }
    const created = await inStore(database(), access, (tx) => createCoupon(tx, access.store.id, parsed.data));
    if (!created.ok) throw new DomainError(created.refusal.code === "scopeGone" ? "coupons.form.scopeGone" : "coupons.form.invalid", "scope");
    revalidatePath(`/stores/${access.store.slug}/coupons`);
    return { id: created.id };
  },
);

export const stopCouponAction = formAction(z.object({ store: storeRefSchema, couponId: z.uuid({ error: "coupons.notFound" }) }), async ({ store, couponId }) => {
  const access = await requireStore(store);
  assertCan(access.roles, "catalog");
  if (!(await inStore(database(), access, (tx) => stopCoupon(tx, couponId)))) throw new DomainError("coupons.notFound");
  revalidatePath(`/stores/${access.store.slug}/coupons`);
  return { stopped: couponId };
});

// Shapes of the store, sign-up and invitation forms. Messages are translation keys (apps/builder/src/i18n).
import { emailSchema, newAccountSchema } from "@kaidian/accounts";
import { storeInfoSchema, storeNameRule, templateIdSchema } from "@kaidian/templates";
import { z } from "zod";

/** The message key for why a store detail broke the template's own rule for it: `store.<field>.<why>`. */
function detailCode(field: string, issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small") return `store.${field}.required`;
  if (issue.code === "too_big") return `store.${field}.tooLong`;
  if (issue.message.includes("single line")) return `store.${field}.singleLine`;
  if (issue.message.includes("control character") || issue.message.includes("broken character")) return `store.${field}.control`;
  return `store.${field}.invalid`;
}

/** A form field checked by the template's rule for that store detail (one schema), with the dashboard's message. */
function storeDetail(field: string, rule: z.ZodType<string>) {
  return z
    .string({ error: `store.${field}.required` })
    .trim()
    .superRefine((value, context) => {
      const result = rule.safeParse(value);
      if (!result.success) context.addIssue({ code: "custom", message: detailCode(field, result.error.issues[0]!) });
    });
}

export const storeNameSchema = storeDetail("name", storeNameRule);

/** The contact details sign-up asks for; either may be left for the overview's first step. */
const storeContactSchema = z.object({
  phone: storeDetail("phone", storeInfoSchema.shape.phone.unwrap()).optional(),
  address: storeDetail("address", storeInfoSchema.shape.address.unwrap()).optional(),
});

export const newStoreSchema = z.object({ storeName: storeNameSchema, templateId: templateIdSchema });
export type NewStore = z.infer<typeof newStoreSchema>;

/** A merchant's sign-up: their account and their first store, created together or not at all. */
export const merchantSignUpSchema = z.intersection(newAccountSchema, newStoreSchema.extend(storeContactSchema.shape));
export type MerchantSignUp = z.infer<typeof merchantSignUpSchema>;

export const tenantRoleSchema = z.enum(["OWNER", "STAFF"], { error: "invitation.role.invalid" });

export const invitationInputSchema = z.object({ email: emailSchema, role: tenantRoleSchema });
export type InvitationInput = z.infer<typeof invitationInputSchema>;

/** An agency opening a store for a merchant, optionally inviting the merchant as its owner. */
export const agencyStoreInputSchema = newStoreSchema.extend({
  ownerEmail: z
    .union([z.literal(""), emailSchema])
    .optional()
    .transform((email) => email || undefined),
});
export type AgencyStoreInput = z.infer<typeof agencyStoreInputSchema>;

export const storeRefSchema = z.string().trim().min(1).max(80);

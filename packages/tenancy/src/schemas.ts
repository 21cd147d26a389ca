// Shapes of the store, sign-up and invitation forms. Messages are translation keys (apps/builder/src/i18n).
import { emailSchema, newAccountSchema } from "@kaidian/accounts";
import { templateIdSchema } from "@kaidian/templates";
import { z } from "zod";

export const STORE_NAME_MAX = 30;

export const storeNameSchema = z
  .string({ error: "store.name.required" })
  .trim()
  .min(1, { error: "store.name.required" })
  .max(STORE_NAME_MAX, { error: "store.name.tooLong" });

export const newStoreSchema = z.object({ storeName: storeNameSchema, templateId: templateIdSchema });
export type NewStore = z.infer<typeof newStoreSchema>;

/** A merchant's sign-up: their account and their first store, created together or not at all. */
export const merchantSignUpSchema = z.intersection(newAccountSchema, newStoreSchema);
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

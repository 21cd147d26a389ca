// Shapes of everything a person types into the account forms. Messages are translation keys
// (apps/builder/src/i18n); limits live here and nowhere else.
import { z } from "zod";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
export const NAME_MAX = 40;

// The passwords breached most often that still pass the length rule.
const COMMON_PASSWORDS = new Set([
  "1234567890", "12345678910", "0123456789", "qwertyuiop", "1q2w3e4r5t", "1qaz2wsx3edc", "password12",
  "password123", "qwerty1234", "iloveyou12", "woaini1314", "aa12345678", "abc1234567", "abcd123456",
  "a123456789", "admin12345", "1111111111", "0000000000", "5201314520", "qwerty123456", "kaidian123",
]);

export const emailSchema = z
  .string({ error: "email.required" })
  .trim()
  .min(1, { error: "email.required" })
  .max(254, { error: "email.invalid" })
  .pipe(z.email({ error: "email.invalid" }))
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string({ error: "password.required" })
  .min(PASSWORD_MIN, { error: "password.tooShort" })
  .max(PASSWORD_MAX, { error: "password.tooLong" })
  .refine((password) => /\p{L}/u.test(password) && /\p{N}/u.test(password), { error: "password.needsLetterAndDigit" })
  .refine((password) => !COMMON_PASSWORDS.has(password.toLowerCase()), { error: "password.common" });

export const personNameSchema = z
  .string({ error: "name.required" })
  .trim()
  .min(1, { error: "name.required" })
  .max(NAME_MAX, { error: "name.tooLong" });

export const signInInputSchema = z.object({
  email: emailSchema,
  // Sign-in checks only presence: an old password that predates a rule must still work.
  password: z.string().min(1, { error: "password.required" }).max(PASSWORD_MAX, { error: "password.tooLong" }),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

export const newAccountSchema = z
  .object({ name: personNameSchema, email: emailSchema, password: passwordSchema })
  .refine((account) => account.password.toLowerCase() !== account.email, {
    error: "password.sameAsEmail",
    path: ["password"],
  });
export type NewAccount = z.infer<typeof newAccountSchema>;

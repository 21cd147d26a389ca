// Inline messages for the store's own fields, from the zod issue the shared schema raised, in the dashboard's words.
import type { z } from "zod";
import { format, type Dictionary } from "@/i18n";

type ValidationWords = Dictionary["design"]["validation"];

export function validationMessage(issue: z.core.$ZodIssue, field: string, words: ValidationWords): string {
  if (issue.code === "too_big") return format(words.tooLong, { max: Number(issue.maximum) });
  if (issue.code === "too_small") return Number(issue.minimum) <= 1 ? words.required : format(words.tooShort, { min: Number(issue.minimum) });
  if (issue.code === "invalid_format") return field === "phone" ? words.phone : words.invalid;
  if (issue.message.includes("control character")) return words.control;
  if (issue.message.includes("single line")) return words.singleLine;
  if (issue.message.includes("text-direction override")) return words.direction;
  return words.invalid;
}

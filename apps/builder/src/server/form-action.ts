import "server-only";
import { DomainError } from "@kaidian/accounts";
import { StaleRevisionError } from "@kaidian/db";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { errorMessage } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { staleEditMessage } from "./stale-edit";

/**
 * What a form shows after a submission: messages per field, a message for the form, and what was typed.
 * `stale`: someone saved first; the form offers a reload and keeps what was typed until then.
 */
export type FormState<R = unknown> = {
  formError?: string;
  stale?: boolean;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  result?: R;
};

// Typed values are sent back so the form keeps them after an error; secrets never are.
const NEVER_ECHOED = /password|secret|token|privateKey|apiV3Key/i;

function echo(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$") && !NEVER_ECHOED.test(key)) values[key] = value;
  }
  return values;
}

/**
 * The one shape of every form action: parse the form with its zod schema, call the domain, and turn refusals
 * into translated messages on the right field. Anything unexpected is logged (without the form's values) and
 * shown as a generic failure.
 */
export function formAction<S extends z.ZodType, R>(
  schema: S,
  handle: (input: z.infer<S>, formData: FormData) => Promise<R>,
) {
  return async (_previous: FormState<R>, formData: FormData): Promise<FormState<R>> => {
    const { t, locale } = await currentDictionary();
    const values = echo(formData);
    const parsed = schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        fieldErrors[field] ??= errorMessage(t, issue.message);
      }
      return { formError: errorMessage(t, "form.invalid"), fieldErrors, values };
    }
    try {
      return { result: await handle(parsed.data, formData), values };
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof StaleRevisionError) return { formError: staleEditMessage(t, locale, error), stale: true, values };
      if (error instanceof DomainError) {
        const message = errorMessage(t, error.code, error.params);
        return error.field ? { fieldErrors: { [error.field]: message }, values } : { formError: message, values };
      }
      console.error("form action failed:", error instanceof Error ? error.stack : error);
      return { formError: errorMessage(t, "unexpected"), values };
    }
  };
}

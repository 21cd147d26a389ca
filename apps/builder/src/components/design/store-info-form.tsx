"use client";
// The store info form: fields described by the template schema (formFields), validated inline by that same
// schema, saved to the draft a moment after each valid change. A save carries the revision it started from; if
// someone else saved in between, nothing is overwritten and the merchant is asked to reload.
import { storeInfoSchema, type FieldDescriptor } from "@kaidian/templates";
import { useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import type { Dictionary, Locale } from "@/i18n";
import { saveStoreInfoAction } from "@/server/actions/design";
import { validationMessage } from "./validation-message";

type Status = "saved" | "pending" | "saving" | "invalid" | "failed" | "conflict";

const SAVE_DELAY_MS = 600;

export function StoreInfoForm(props: {
  store: string;
  number: number;
  revision: number;
  values: Record<string, string>;
  fields: FieldDescriptor[];
  locale: Locale;
  words: Dictionary["design"];
}) {
  const { words, locale } = props;
  const [values, setValues] = useState(props.values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>("saved");
  const [conflict, setConflict] = useState<string>();
  const revision = useRef(props.revision);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());

  function validate(next: Record<string, string>): Record<string, string> {
    const result = storeInfoSchema.safeParse(next);
    if (result.success) return {};
    const found: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0]);
      found[field] ??= validationMessage(issue, field, words.validation);
    }
    return found;
  }

  function save(next: Record<string, string>) {
    // One save at a time, each from the revision the previous one produced.
    queue.current = queue.current.then(async () => {
      setStatus("saving");
      try {
        const result = await saveStoreInfoAction({ store: props.store, number: props.number, revision: revision.current, storeInfo: next });
        if (result.ok) {
          revision.current = result.revision;
          setStatus("saved");
        } else if (result.conflict) {
          setConflict(result.conflict);
          setStatus("conflict");
        } else {
          setErrors(result.fieldErrors ?? {});
          setStatus("invalid");
        }
      } catch {
        setStatus("failed");
      }
    });
  }

  function change(name: string, value: string) {
    if (status === "conflict") return;
    const next = { ...values, [name]: value };
    setValues(next);
    const found = validate(next);
    setErrors(found);
    clearTimeout(timer.current);
    if (Object.keys(found).length) {
      setStatus("invalid");
      return;
    }
    setStatus("pending");
    timer.current = setTimeout(() => save(next), SAVE_DELAY_MS);
  }

  const statusText = { saved: words.saved, pending: words.pending, saving: words.saving, invalid: words.invalid, failed: words.failed, conflict: "" }[status];

  return (
    <form className="space-y-4" onSubmit={(event) => event.preventDefault()} aria-describedby="store-info-status">
      {props.fields.map((field) => {
        const common = {
          id: field.name,
          name: field.name,
          value: values[field.name] ?? "",
          maxLength: field.max,
          disabled: status === "conflict",
        };
        return field.widget === "textarea" ? (
          <Field key={field.name} label={field.label[locale]} name={field.name} error={errors[field.name]}>
            <textarea
              {...common}
              rows={2}
              aria-invalid={errors[field.name] ? true : undefined}
              aria-describedby={errors[field.name] ? `${field.name}-error` : undefined}
              onChange={(event) => change(field.name, event.target.value)}
              className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100"
            />
          </Field>
        ) : (
          <Field key={field.name} label={field.label[locale]} error={errors[field.name]} {...common} onChange={(event) => change(field.name, event.target.value)} />
        );
      })}
      {conflict ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span className="flex-1">{conflict}</span>
          <button type="button" onClick={() => window.location.reload()} className="rounded-md bg-amber-600 px-3 py-1.5 font-medium text-white">
            {words.reload}
          </button>
        </div>
      ) : (
        <p id="store-info-status" role="status" className="text-sm text-slate-500">{statusText}</p>
      )}
    </form>
  );
}

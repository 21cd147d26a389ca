"use client";
// A form over one part of the store's config (store info, theme): fields described by the template schema
// (formFields), validated inline by that same schema, saved to the draft a moment after each valid change through
// the page's DraftSession. If someone else saved in between, nothing is overwritten and the merchant is asked to
// reload.
import type { FieldDescriptor } from "@kaidian/templates";
import { useRef, useState } from "react";
import { Field } from "@/components/ui/field";
import type { Dictionary, Locale } from "@/i18n";
import { draftPartSchemas, type DraftPart } from "./draft-parts";
import { useDraftSession } from "./draft-session";
import { validationMessage } from "./validation-message";

type Status = "saved" | "pending" | "saving" | "invalid" | "failed" | "conflict";

const SAVE_DELAY_MS = 600;

const inputClass =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100";

export function DraftPartForm(props: {
  part: DraftPart;
  title: string;
  values: Record<string, string>;
  fields: FieldDescriptor[];
  locale: Locale;
  words: Dictionary["design"];
}) {
  const { words, locale, part } = props;
  const [values, setValues] = useState(props.values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Status>("saved");
  const [conflict, setConflict] = useState<string>();
  const session = useDraftSession();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  function validate(next: Record<string, string>): Record<string, string> {
    const result = draftPartSchemas[part].safeParse(next);
    if (result.success) return {};
    const found: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0]);
      found[field] ??= validationMessage(issue, field, words.validation);
    }
    return found;
  }

  async function save(next: Record<string, string>) {
    setStatus("saving");
    try {
      const result = await session.save(part, next);
      if (result.ok) {
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
    timer.current = setTimeout(() => void save(next), SAVE_DELAY_MS);
  }

  function input(field: FieldDescriptor) {
    const error = errors[field.name];
    const common = {
      id: `${part}-${field.name}`,
      name: field.name,
      value: values[field.name] ?? "",
      disabled: status === "conflict",
      "aria-invalid": error ? true : undefined,
      "aria-describedby": error ? `${part}-${field.name}-error` : undefined,
    };
    switch (field.widget) {
      case "textarea":
        return <textarea {...common} rows={2} maxLength={field.max} onChange={(event) => change(field.name, event.target.value)} className={inputClass} />;
      case "select":
        return (
          <select {...common} onChange={(event) => change(field.name, event.target.value)} className={inputClass}>
            {field.options?.map((option) => (
              <option key={option.value} value={option.value}>{option.label[locale]}</option>
            ))}
          </select>
        );
      case "color":
        // The swatch and the hex text edit the same value; the text is what keyboard users type into.
        return (
          <span className="flex items-center gap-2">
            <input type="color" aria-hidden tabIndex={-1} value={/^#[0-9a-f]{6}$/i.test(common.value) ? common.value : "#000000"} disabled={common.disabled} onChange={(event) => change(field.name, event.target.value)} className="h-9 w-12 cursor-pointer rounded border border-slate-300" />
            <input {...common} maxLength={7} onChange={(event) => change(field.name, event.target.value)} className={`${inputClass} font-mono`} />
          </span>
        );
      default:
        return <input {...common} maxLength={field.max} onChange={(event) => change(field.name, event.target.value)} className={inputClass} />;
    }
  }

  const statusText = { saved: words.saved, pending: words.pending, saving: words.saving, invalid: words.invalid, failed: words.failed, conflict: "" }[status];

  return (
    <form className="space-y-4" aria-label={props.title} onSubmit={(event) => event.preventDefault()}>
      {props.fields.map((field) => (
        <Field key={field.name} label={field.label[locale]} name={`${part}-${field.name}`} error={errors[field.name]}>
          {input(field)}
        </Field>
      ))}
      {conflict ? (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span className="flex-1">{conflict}</span>
          <button type="button" onClick={() => window.location.reload()} className="rounded-md bg-amber-600 px-3 py-1.5 font-medium text-white">
            {words.reload}
          </button>
        </div>
      ) : (
        <p role="status" className="text-sm text-slate-500">{statusText}</p>
      )}
    </form>
  );
}

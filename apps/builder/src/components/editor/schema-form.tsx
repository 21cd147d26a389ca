"use client";
// A settings form generated from a schema's field descriptors (templates' formFields): one input per field, a
// list editor for repeated entries (each entry's fields recursively), messages at the field from the same schema
// the generator validates with. Values are whatever the merchant typed, valid or not: nothing typed is dropped.
import type { FieldDescriptor } from "@kaidian/templates";
import { format } from "@/i18n";
import { FieldInput } from "./field-input";
import { fieldId, smallButtonClass, type FormContext } from "./form-context";

type Values = Record<string, unknown>;

export type SchemaFormProps = {
  idPrefix: string;
  fields: FieldDescriptor[];
  values: Values;
  /** Messages by field path (`title`, `slides.0.title`). */
  errors: Record<string, string>;
  onChange: (name: string, value: unknown) => void;
  context: FormContext;
  /** Path of these fields inside the part, for error lookup and ids. */
  path?: string;
};

export function SchemaForm(props: SchemaFormProps) {
  return (
    <div className="space-y-4">
      {props.fields.map((field) => {
        const path = props.path ? `${props.path}.${field.name}` : field.name;
        return field.widget === "list" ? (
          <ListEditor key={field.name} {...props} field={field} path={path} value={props.values[field.name]} />
        ) : (
          <FieldRow key={field.name} {...props} field={field} path={path} value={props.values[field.name]} onChange={(value) => props.onChange(field.name, value)} />
        );
      })}
    </div>
  );
}

function hintOf(field: FieldDescriptor, value: unknown, context: FormContext): string | undefined {
  const own = field.hint?.[context.locale];
  const words = context.t.editor;
  let limit: string | undefined;
  if ((field.widget === "text" || field.widget === "textarea") && field.max !== undefined) {
    limit = format(words.chars, { count: [...String(value ?? "")].length, max: field.max });
  } else if (field.widget === "number" && field.min !== undefined && field.max !== undefined) {
    limit = format(words.range, { min: field.min, max: field.max });
  }
  return [own, limit].filter(Boolean).join(" · ") || undefined;
}

function FieldRow(props: Omit<SchemaFormProps, "onChange" | "fields" | "values"> & { field: FieldDescriptor; path: string; value: unknown; onChange: (value: unknown) => void }) {
  const { field, context, path } = props;
  const id = fieldId(props.idPrefix, path);
  // A location's problems are at its latitude or longitude; its two boxes share one message.
  const error = props.errors[path] ?? (field.widget === "location" ? (props.errors[`${path}.latitude`] ?? props.errors[`${path}.longitude`]) : undefined);
  const hint = hintOf(field, props.value, context);
  const label = field.label[context.locale];
  return (
    <div className="space-y-1.5">
      {field.widget === "image" ? null : field.widget === "link" || field.widget === "items" ? (
        <p id={`${id}-label`} className="block text-sm font-medium text-slate-800">{label}</p>
      ) : (
        <label htmlFor={id} id={`${id}-label`} className="block text-sm font-medium text-slate-800">{label}</label>
      )}
      <FieldInput id={id} field={field} label={label} value={props.value} error={error} hint={hint} onChange={props.onChange} context={context} />
      {hint && !error && <p id={`${id}-hint`} className="text-xs text-slate-500">{hint}</p>}
      {error && field.widget !== "image" && <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-600">{error}</p>}
    </div>
  );
}

function defaultEntry(entry: FieldDescriptor[]): unknown {
  const single = entry.length === 1 && entry[0]!.name === "value";
  return single ? (entry[0]!.default ?? "") : Object.fromEntries(entry.map((field) => [field.name, structuredClone(field.default)]));
}

function ListEditor(props: SchemaFormProps & { field: FieldDescriptor; path: string; value: unknown }) {
  const { field, context, path } = props;
  const words = context.t.editor.list;
  const entries = Array.isArray(props.value) ? props.value : [];
  const entryFields = field.entry ?? [];
  const single = entryFields.length === 1 && entryFields[0]!.name === "value";
  const min = field.min ?? 0;
  const max = field.max ?? Infinity;
  const label = field.label[context.locale];
  const error = props.errors[path];
  const set = (next: unknown[]) => props.onChange(field.name, next);
  const move = (from: number, to: number) => {
    const next = [...entries];
    next.splice(to, 0, next.splice(from, 1)[0]);
    set(next);
  };
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3">
      <legend className="px-1 text-sm font-medium text-slate-800">
        {label} <span className="font-normal text-slate-500">{format(words.count, { count: entries.length, max: field.max ?? "∞" })}</span>
      </legend>
      {error && <p role="alert" className="text-xs font-medium text-red-600">{error}</p>}
      {entries.map((entry, index) => {
        const n = index + 1;
        const entryPath = `${path}.${index}`;
        return (
          <div key={index} className="space-y-3 rounded-md bg-slate-50 p-3" role="group" aria-label={`${label} ${format(words.entry, { n })}`}>
            <div className="flex items-center justify-between gap-2">
              <span className="text-xs font-medium text-slate-600">{format(words.entry, { n })}</span>
              <span className="flex gap-1">
                <button type="button" className={smallButtonClass} disabled={index === 0} aria-label={`${label} ${format(words.up, { n })}`} onClick={() => move(index, index - 1)}>↑</button>
                <button type="button" className={smallButtonClass} disabled={index === entries.length - 1} aria-label={`${label} ${format(words.down, { n })}`} onClick={() => move(index, index + 1)}>↓</button>
                <button type="button" className={smallButtonClass} disabled={entries.length <= min} aria-label={`${label} ${format(words.removeEntry, { n })}`} onClick={() => set(entries.filter((_, at) => at !== index))}>✕</button>
              </span>
            </div>
            {single ? (
              <FieldRow
                {...props}
                field={{ ...entryFields[0]!, label: { "zh-CN": `${label} ${format(context.t.editor.list.entry, { n })}`, en: `${label} ${format(context.t.editor.list.entry, { n })}` } }}
                path={entryPath}
                value={entry}
                onChange={(value) => set(entries.map((other, at) => (at === index ? value : other)))}
              />
            ) : (
              <SchemaForm
                {...props}
                idPrefix={props.idPrefix}
                fields={entryFields}
                path={entryPath}
                values={(entry ?? {}) as Values}
                onChange={(name, value) => set(entries.map((other, at) => (at === index ? { ...(other as Values), [name]: value } : other)))}
              />
            )}
          </div>
        );
      })}
      <button type="button" className={smallButtonClass} disabled={entries.length >= max} onClick={() => set([...entries, defaultEntry(entryFields)])}>
        + {words.add}
      </button>
    </fieldset>
  );
}

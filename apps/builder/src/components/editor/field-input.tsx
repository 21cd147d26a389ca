"use client";
// One generated field's input, by widget. Every input is labelled (by the row's label or its own aria-label) and
// points at its hint and message, so the form is usable with a keyboard and a screen reader.
import { halfWidthNumber } from "@kaidian/catalog";
import type { FieldDescriptor, Link, PageId } from "@kaidian/templates";
import { useState } from "react";
import { ImageField } from "@/components/media/image-field";
import { format } from "@/i18n";
import { fieldId, inputClass, smallButtonClass, type FormContext } from "./form-context";
import { MapPicker } from "./map-picker";

type Props = {
  id: string;
  field: FieldDescriptor;
  label: string;
  value: unknown;
  error?: string;
  hint?: string;
  onChange: (value: unknown) => void;
  context: FormContext;
};

const HEX = /^#[0-9a-f]{6}$/i;

export function FieldInput(props: Props) {
  const { id, field, value, error, hint, onChange, context } = props;
  const described = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-invalid": error ? true : undefined, "aria-describedby": described, className: inputClass(Boolean(error)) };
  const text = typeof value === "string" ? value : "";
  switch (field.widget) {
    case "textarea":
      return <textarea {...common} rows={3} maxLength={field.max} value={text} onChange={(event) => onChange(event.target.value)} />;
    case "number":
      return (
        // Text, not type="number", so digits typed full-width on a Chinese keyboard are read, not dropped.
        <input
          {...common}
          inputMode="numeric"
          value={typeof value === "number" && Number.isFinite(value) ? value : ""}
          onChange={(event) => {
            const typed = halfWidthNumber(event.target.value).trim();
            onChange(typed === "" ? Number.NaN : Number(typed));
          }}
        />
      );
    case "color":
      // The swatch and the hex text edit one value; the text is what keyboard users type into.
      return (
        <span className="flex items-center gap-2">
          <input
            type="color"
            aria-label={format(context.t.editor.swatch, { label: props.label })}
            value={HEX.test(text) ? text.toLowerCase() : "#000000"}
            onChange={(event) => onChange(event.target.value)}
            className="h-9 w-12 shrink-0 cursor-pointer rounded border border-slate-300"
          />
          <input {...common} maxLength={7} value={text} onChange={(event) => onChange(event.target.value)} className={`${common.className} font-mono`} />
        </span>
      );
    case "toggle":
      return (
        <button
          id={id}
          type="button"
          role="switch"
          aria-checked={value === true}
          aria-describedby={described}
          onClick={() => onChange(value !== true)}
          className={`relative inline-flex h-6 w-11 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${value === true ? "bg-brand-600" : "bg-slate-300"}`}
        >
          <span className="sr-only">{value === true ? context.t.editor.on : context.t.editor.off}</span>
          <span aria-hidden className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${value === true ? "translate-x-5" : "translate-x-0.5"}`} />
        </button>
      );
    case "select":
      return (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          {field.options?.map((option) => (
            <option key={option.value} value={option.value}>{option.label[context.locale]}</option>
          ))}
        </select>
      );
    case "category":
      return (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{context.t.editor.allCategories}</option>
          {choicesWithMissing(context.catalog.categories.map((c) => ({ id: c.id, label: c.name })), text, context).map((choice) => (
            <option key={choice.id} value={choice.id}>{choice.label}</option>
          ))}
        </select>
      );
    case "link":
      return <LinkInput {...props} />;
    case "items":
      return <ItemsInput {...props} />;
    case "location":
      return <LocationInput {...props} />;
    case "image":
      return <ImageField store={context.store} name={id} label={props.label} value={text} onChange={onChange} words={context.t.media} invalid={error} />;
    default:
      return <input {...common} maxLength={field.max} value={text} onChange={(event) => onChange(event.target.value)} />;
  }
}

type Location = { latitude: number; longitude: number } | null;

/** Degrees as typed (full-width digits read too); an empty box is no number. */
function degrees(text: string): number {
  const typed = halfWidthNumber(text).trim();
  return typed === "" ? Number.NaN : Number(typed);
}

/**
 * The store's map point as two GCJ-02 coordinates. The boxes keep what is typed ("25." on the way to "25.05");
 * both empty is no location, and a half-typed pair stays in the config for the schema to mark.
 */
function LocationInput({ id, label, value, error, onChange, context }: Props) {
  const words = context.t.storeSetup.location;
  const current = value && typeof value === "object" ? (value as NonNullable<Location>) : null;
  const shown = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "" : String(n));
  const [texts, setTexts] = useState({ latitude: shown(current?.latitude), longitude: shown(current?.longitude) });
  const set = (part: "latitude" | "longitude", text: string) => {
    const next = { ...texts, [part]: text };
    setTexts(next);
    onChange(next.latitude.trim() === "" && next.longitude.trim() === "" ? null : { latitude: degrees(next.latitude), longitude: degrees(next.longitude) });
  };
  const described = [error && `${id}-error`, `${id}-hint`].filter(Boolean).join(" ");
  const pick = (point: NonNullable<Location>) => {
    setTexts({ latitude: String(point.latitude), longitude: String(point.longitude) });
    onChange(point);
  };
  const placed = current && Number.isFinite(current.latitude) && Number.isFinite(current.longitude) ? current : null;
  return (
    <span className="block">
    <span className="grid grid-cols-2 gap-2" role="group" aria-label={label}>
      {(["latitude", "longitude"] as const).map((part) => (
        <input
          key={part}
          id={part === "latitude" ? id : fieldId(id, part)}
          aria-label={`${label} · ${words[part]}`}
          placeholder={words[part]}
          inputMode="decimal"
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className={inputClass(Boolean(error))}
          value={texts[part]}
          onChange={(event) => set(part, event.target.value)}
        />
      ))}
    </span>
    {context.mapTiles && <MapPicker server={context.mapTiles} value={placed} onPick={pick} words={words.map} />}
    </span>
  );
}

/** The choices, plus the current value when it is no longer among them, so a saved link is never silently changed. */
function choicesWithMissing(choices: { id: string; label: string }[], current: string, context: FormContext) {
  if (!current || choices.some((choice) => choice.id === current)) return choices;
  return [...choices, { id: current, label: format(context.t.editor.missing, { id: current }) }];
}

function LinkInput({ id, label, value, error, onChange, context }: Props) {
  const words = context.t.editor.link;
  const link = (value && typeof value === "object" ? value : { kind: "none" }) as Link;
  const described = error ? `${id}-error` : undefined;
  const kinds = ["none", "page", "category", "item"] as const;
  const first = { page: context.pages[0]?.id ?? "home", category: context.catalog.categories[0]?.id ?? "", item: context.catalog.items[0]?.id ?? "" };
  const setKind = (kind: Link["kind"]) =>
    onChange(
      kind === "none" ? { kind } : kind === "page" ? { kind, page: first.page } : kind === "category" ? { kind, categoryId: first.category } : { kind, itemId: first.item },
    );
  const target =
    link.kind === "page"
      ? { value: link.page, choices: context.pages.map((page) => ({ id: page.id, label: page.label })), set: (page: string) => onChange({ kind: "page", page: page as PageId }) }
      : link.kind === "category"
        ? { value: link.categoryId, choices: context.catalog.categories.map((c) => ({ id: c.id, label: c.name })), set: (categoryId: string) => onChange({ kind: "category", categoryId }) }
        : link.kind === "item"
          ? { value: link.itemId, choices: context.catalog.items.map((item) => ({ id: item.id, label: item.title })), set: (itemId: string) => onChange({ kind: "item", itemId }) }
          : null;
  return (
    <span className="grid grid-cols-2 gap-2">
      <select id={id} aria-label={format(words.kind, { label })} aria-invalid={error ? true : undefined} aria-describedby={described} className={inputClass(Boolean(error))} value={link.kind} onChange={(event) => setKind(event.target.value as Link["kind"])}>
        {kinds.map((kind) => (
          <option key={kind} value={kind}>{words[kind]}</option>
        ))}
      </select>
      {target && (
        <select id={fieldId(id, "target")} aria-label={format(words.target, { label })} aria-invalid={error ? true : undefined} aria-describedby={described} className={inputClass(Boolean(error))} value={target.value} onChange={(event) => target.set(event.target.value)}>
          {target.value === "" && <option value="">{link.kind === "item" ? context.t.editor.chooseItem : context.t.editor.chooseCategory}</option>}
          {choicesWithMissing(target.choices, target.value, context).map((choice) => (
            <option key={choice.id} value={choice.id}>{choice.label}</option>
          ))}
        </select>
      )}
    </span>
  );
}

function ItemsInput({ id, field, label, value, error, onChange, context }: Props) {
  const words = context.t.editor.items;
  const picked = Array.isArray(value) ? (value as string[]) : [];
  const titles = new Map(context.catalog.items.map((item) => [item.id, item.title]));
  const left = context.catalog.items.filter((item) => !picked.includes(item.id));
  const max = field.max ?? Infinity;
  const move = (from: number, to: number) => {
    const next = [...picked];
    next.splice(to, 0, next.splice(from, 1)[0]!);
    onChange(next);
  };
  return (
    <div className="space-y-2" role="group" aria-labelledby={`${id}-label`} aria-describedby={error ? `${id}-error` : undefined}>
      {picked.length === 0 ? (
        <p className="text-sm text-slate-500">{words.none}</p>
      ) : (
        <ol className="space-y-1">
          {picked.map((itemId, index) => {
            const title = titles.get(itemId) ?? format(context.t.editor.missing, { id: itemId });
            return (
              <li key={itemId} className="flex items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-2 py-1 text-sm">
                <span className="min-w-0 truncate">{index + 1}. {title}</span>
                <span className="flex shrink-0 gap-1">
                  <button type="button" className={smallButtonClass} disabled={index === 0} aria-label={`${title} ${context.t.editor.moveUp}`} onClick={() => move(index, index - 1)}>↑</button>
                  <button type="button" className={smallButtonClass} disabled={index === picked.length - 1} aria-label={`${title} ${context.t.editor.moveDown}`} onClick={() => move(index, index + 1)}>↓</button>
                  <button type="button" className={smallButtonClass} aria-label={`${title} ${context.t.editor.remove}`} onClick={() => onChange(picked.filter((other) => other !== itemId))}>✕</button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <span className="flex items-center gap-2">
        <select
          id={id}
          aria-label={`${label}：${words.add}`}
          className={inputClass(Boolean(error))}
          value=""
          disabled={picked.length >= max || left.length === 0}
          onChange={(event) => event.target.value && onChange([...picked, event.target.value])}
        >
          <option value="">{words.add}</option>
          {left.map((item) => (
            <option key={item.id} value={item.id}>{item.title}</option>
          ))}
        </select>
        <span className="shrink-0 text-xs text-slate-500">{format(words.count, { count: picked.length, max: field.max ?? "∞" })}</span>
      </span>
    </div>
  );
}

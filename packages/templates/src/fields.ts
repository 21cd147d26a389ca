// Field builders for section and config schemas. Each returns a zod schema carrying its editor metadata (label,
// widget, hint), so one declaration gives the setting's type, default, limits, validation and form field.
import { imageRefSchema, lineText, paragraphText } from "@kaidian/catalog";
import { z } from "zod";
import type { LocalizedText } from "./localized";

export type FieldWidget =
  | "text"
  | "textarea"
  | "number"
  | "color"
  | "toggle"
  | "select"
  | "image"
  | "link"
  | "category"
  | "items"
  | "list"
  | "location";

declare module "zod" {
  interface GlobalMeta {
    label?: LocalizedText;
    widget?: FieldWidget;
    hint?: LocalizedText;
    /** Labels of a select's options, keyed by option value. */
    optionLabels?: Record<string, LocalizedText>;
  }
}

export function text(label: LocalizedText, options: { max: number; min?: number; default: string }) {
  return lineText(options.max).min(options.min ?? 0).default(options.default).meta({ label, widget: "text" });
}

export function textarea(label: LocalizedText, options: { max: number; min?: number; default: string }) {
  return paragraphText(options.max).min(options.min ?? 0).default(options.default).meta({ label, widget: "textarea" });
}

export function integer(label: LocalizedText, options: { min: number; max: number; default: number }) {
  return z.int().min(options.min).max(options.max).default(options.default).meta({ label, widget: "number" });
}

export function toggle(label: LocalizedText, defaultValue: boolean) {
  return z.boolean().default(defaultValue).meta({ label, widget: "toggle" });
}

export const hexColorSchema = z.string().regex(/^#[0-9a-f]{6}$/i, { error: "Must be a colour like #1a2b3c" });

export function color(label: LocalizedText, defaultValue: string) {
  return hexColorSchema.default(defaultValue).meta({ label, widget: "color" });
}

export function select<const Options extends readonly [string, ...string[]]>(
  label: LocalizedText,
  options: Options,
  optionLabels: Record<Options[number], LocalizedText>,
  defaultValue: Options[number],
) {
  return z.enum(options).default(defaultValue).meta({ label, widget: "select", optionLabels });
}

export function image(label: LocalizedText, defaultValue: string) {
  return imageRefSchema.default(defaultValue).meta({ label, widget: "image" });
}

export function optionalImage(label: LocalizedText) {
  return z.union([z.literal(""), imageRefSchema]).default("").meta({ label, widget: "image" });
}

/** A list of repeated entries (slides, coupons) with its item limit. */
export function list<Entry extends z.ZodType>(
  label: LocalizedText,
  entry: Entry,
  options: { min: number; max: number; default: z.input<Entry>[] },
) {
  return z
    .array(entry)
    .min(options.min)
    .max(options.max)
    .default(options.default as z.output<Entry>[])
    .meta({ label, widget: "list" });
}

/** Catalog items picked by id, shown in the order picked. */
export function itemPicker(label: LocalizedText, options: { max: number }) {
  return z.array(z.string().min(1).max(64)).max(options.max).default([]).meta({ label, widget: "items" });
}

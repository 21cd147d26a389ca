// The editor's form fields, read from a settings schema's JSON Schema (zod's own conversion), which carries each
// field's label, widget, limits, options and default from the one zod declaration.
import { z } from "zod";
import type { FieldWidget } from "./fields";
import type { LocalizedText } from "./localized";

export type FieldDescriptor = {
  name: string;
  widget: FieldWidget;
  label: LocalizedText;
  hint?: LocalizedText;
  default?: unknown;
  /** Characters for text, value for numbers, entries for lists. */
  min?: number;
  max?: number;
  /** Select options, in declaration order. */
  options?: { value: string; label: LocalizedText }[];
  /** A list's entry: fields of an object, or one field for a list of plain values. */
  entry?: FieldDescriptor[];
};

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: string[];
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  label?: LocalizedText;
  hint?: LocalizedText;
  widget?: FieldWidget;
  optionLabels?: Record<string, LocalizedText>;
};

function describe(name: string, node: JsonSchema): FieldDescriptor | null {
  if (!node.widget || !node.label) return null;
  const field: FieldDescriptor = { name, widget: node.widget, label: node.label };
  if (node.hint) field.hint = node.hint;
  if (node.default !== undefined) field.default = node.default;
  const min = node.minLength ?? node.minimum ?? node.minItems;
  const max = node.maxLength ?? node.maximum ?? node.maxItems;
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
  if (node.enum) field.options = node.enum.map((value) => ({ value, label: node.optionLabels?.[value] ?? { "zh-CN": value, en: value } }));
  if (node.widget === "list" && node.items) {
    field.entry = node.items.properties ? describeProperties(node.items) : [describe("value", node.items)].filter((f) => f !== null);
  }
  return field;
}

function describeProperties(node: JsonSchema): FieldDescriptor[] {
  return Object.entries(node.properties ?? {}).flatMap(([name, property]) => describe(name, property) ?? []);
}

/** The form of a settings object: one descriptor per field that declares an editor widget, in schema order. */
export function formFields(schema: z.ZodObject): FieldDescriptor[] {
  return describeProperties(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema);
}

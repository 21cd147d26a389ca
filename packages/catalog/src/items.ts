// The catalog as shoppers see it: categories and items of one of three kinds. These shapes are the read API's
// responses, the Mini Program's baked snapshot and the templates' sample content, so all three agree.
import { z } from "zod";
import { imageRefSchema } from "./images";
import { priceFenSchema } from "./money";
import { lineText, paragraphText } from "./text";

export const ITEM_KINDS = ["product", "room", "dish"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

const idSchema = z.string().min(1).max(64);

export const categorySchema = z.object({
  id: idSchema,
  name: lineText(20).min(1),
});
export type Category = z.infer<typeof categorySchema>;

const specSchema = z.object({
  name: lineText(10).min(1),
  options: z.array(lineText(12).min(1)).min(1).max(20),
});

const skuSchema = z.object({
  options: z.array(lineText(12)).max(3),
  priceFen: priceFenSchema,
  stock: z.int().min(0).max(999_999),
});

/** E-commerce: specs (colour, size) and one SKU per combination with its own price and stock. */
export const productDetailsSchema = z.object({
  specs: z.array(specSchema).max(3).default([]),
  skus: z.array(skuSchema).max(200).default([]),
});

/** Hotel room type. The per-night rate calendar and inventory come with the booking work. */
export const roomDetailsSchema = z.object({
  capacity: z.int().min(1).max(20),
  bedType: lineText(20).default(""),
  areaSqm: z.int().min(0).max(10_000).default(0),
  amenities: z.array(lineText(12).min(1)).max(20).default([]),
  breakfast: z.boolean().default(false),
});

const dishOptionGroupSchema = z.object({
  name: lineText(10).min(1),
  required: z.boolean().default(false),
  multiple: z.boolean().default(false),
  options: z
    .array(z.object({ name: lineText(12).min(1), extraFen: priceFenSchema.default(0) }))
    .min(1)
    .max(12),
});

/** Restaurant dish: option groups (size, spice) and a sold-out switch. */
export const dishDetailsSchema = z.object({
  optionGroups: z.array(dishOptionGroupSchema).max(6).default([]),
  soldOut: z.boolean().default(false),
});

const itemFields = {
  id: idSchema,
  categoryId: idSchema.nullable(),
  title: lineText(40).min(1),
  description: paragraphText(2000).default(""),
  priceFen: priceFenSchema,
  images: z.array(imageRefSchema).max(9).default([]),
};

export const itemSchema = z.discriminatedUnion("kind", [
  z.object({ ...itemFields, kind: z.literal("product"), details: productDetailsSchema.prefault({}) }),
  z.object({ ...itemFields, kind: z.literal("room"), details: roomDetailsSchema }),
  z.object({ ...itemFields, kind: z.literal("dish"), details: dishDetailsSchema.prefault({}) }),
]);
export type Item = z.infer<typeof itemSchema>;
export type ItemInput = z.input<typeof itemSchema>;

export const catalogSchema = z.object({
  categories: z.array(categorySchema).max(200),
  items: z.array(itemSchema).max(2000),
});
export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;

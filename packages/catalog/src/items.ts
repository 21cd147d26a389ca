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

export const specSchema = z.object({
  name: lineText(10).min(1),
  options: z.array(lineText(12).min(1)).min(1).max(20),
});

export const skuSchema = z.object({
  options: z.array(lineText(12)).max(3),
  priceFen: priceFenSchema,
  stock: z.int().min(0).max(999_999),
});

/** E-commerce: specs (colour, size) and one SKU per combination with its own price and stock. */
export const productDetailsSchema = z.object({
  specs: z.array(specSchema).max(3).default([]),
  skus: z.array(skuSchema).max(200).default([]),
});

export type Spec = z.infer<typeof specSchema>;
export type Sku = z.infer<typeof skuSchema>;

/** What a guest may cancel: free until some hours before check-in, or never. */
/**
 * A room type's cancellation policy, which decides what a guest's cancellation refunds (see @kaidian/orders'
 * stays.ts): free until `hoursBefore` the check-in day ends (then nothing), non-refundable, or `percent` back.
 */
export const cancellationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("free"), hoursBefore: z.int().min(0).max(720) }),
  z.object({ kind: z.literal("nonRefundable") }),
  z.object({ kind: z.literal("partial"), percent: z.int().min(1).max(99) }),
]);
export type Cancellation = z.infer<typeof cancellationSchema>;

/**
 * Hotel room type. `rooms` is how many rooms of the type the hotel has: the default per-night inventory of the
 * rate calendar. The defaults keep room types saved before these fields valid.
 */
export const roomDetailsSchema = z.object({
  capacity: z.int().min(1).max(20),
  bedType: lineText(20).default(""),
  areaSqm: z.int().min(0).max(10_000).default(0),
  amenities: z.array(lineText(12).min(1)).max(20).default([]),
  breakfast: z.boolean().default(false),
  rooms: z.int().min(1).max(999).default(1),
  cancellation: cancellationSchema.default({ kind: "free", hoursBefore: 24 }),
});

export const dishOptionGroupSchema = z.object({
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

/**
 * The most items one store holds, enforced when an item is created and at import. It is what the product is
 * measured and tested at: a store this size pages in the dashboard and the Mini Program, and its package bakes
 * only what the first screens show (see docs/architecture.md).
 */
export const MAX_STORE_ITEMS = 10_000;

export const catalogSchema = z.object({
  categories: z.array(categorySchema).max(200),
  items: z.array(itemSchema).max(MAX_STORE_ITEMS),
});
export type DishOptionGroup = z.infer<typeof dishOptionGroupSchema>;

const [productItemSchema, roomItemSchema, dishItemSchema] = itemSchema.options;

/** An item as the merchant saves it: the item's own rules, without the id the database gives it. */
export const itemEditSchema = z.discriminatedUnion("kind", [
  productItemSchema.omit({ id: true }),
  roomItemSchema.omit({ id: true }),
  dishItemSchema.omit({ id: true }),
]);
export type ItemEdit = z.infer<typeof itemEditSchema>;
export type ItemEditInput = z.input<typeof itemEditSchema>;

export type Catalog = z.infer<typeof catalogSchema>;
export type CatalogInput = z.input<typeof catalogSchema>;

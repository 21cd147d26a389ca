// What a shopper's phone sends to place an order. Only ids, choices, quantities and the price the shopper last
// saw: every amount of the order is computed on the server from the catalog (see pricing.ts).
import { lineText, paragraphText, priceFenSchema } from "@kaidian/catalog";
import { z } from "zod";
import type { OrderRefusal } from "./refusals";

/** More of one thing than a small shop sells to one shopper; beyond it is a slip of the thumb. */
export const MAX_LINE_QUANTITY = 999;
export const MAX_ORDER_LINES = 100;

export const orderLineInputSchema = z.object({
  itemId: z.string().min(1).max(64),
  /** A product's chosen spec options, in the specs' order (["红色", "XL"]); empty for items without specs. */
  skuOptions: z.array(lineText(12)).max(3).default([]),
  /** A dish's chosen options by group name. */
  dishOptions: z.array(z.object({ group: lineText(10), options: z.array(lineText(12)).max(12) })).max(6).default([]),
  quantity: z.int().min(1).max(MAX_LINE_QUANTITY),
  /** The unit price the shopper saw, so a change since is told rather than charged silently. */
  seenUnitPriceFen: priceFenSchema,
});
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;

/** The fields of wx.chooseAddress, under our names; the Mini Program maps them one to one. */
export const shippingAddressSchema = z.object({
  name: lineText(40).min(1),
  phone: z.string().regex(/^[0-9+\-() ]{3,20}$/),
  province: lineText(20).min(1),
  city: lineText(20).min(1),
  district: lineText(20).default(""),
  detail: lineText(120).min(1),
  postalCode: z.string().regex(/^\d{0,6}$/).default(""),
});
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;

export const deliveryChoiceSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("express"), address: shippingAddressSchema }),
  z.object({ method: z.literal("pickup") }),
]);
export type DeliveryChoice = z.infer<typeof deliveryChoiceSchema>;

export const orderRequestSchema = z.object({
  lines: z.array(orderLineInputSchema).min(1).max(MAX_ORDER_LINES),
  delivery: deliveryChoiceSchema,
  note: paragraphText(200).default(""),
  /**
   * The shopper's coupon to use (one they hold), null for none. Left out, checkout takes the best that applies: the
   * quote shows it, and placing the order with the same cart takes the same one.
   */
  coupon: z.uuid().nullable().optional(),
  /** Whether a member pays part of the goods with points (as many as the store's rule lets; see @kaidian/members). */
  usePoints: z.boolean().default(false),
  /**
   * The points the quote said this order spends. Placing refuses (pointsShort) when it would now spend another number
   * (the balance changed meanwhile), so the shopper is never charged other than what they confirmed.
   */
  seenPointsUsed: z.int().min(0).optional(),
});
export type OrderRequest = z.infer<typeof orderRequestSchema>;
export type OrderRequestInput = z.input<typeof orderRequestSchema>;

export type ParsedOrderRequest = { ok: true; request: OrderRequest } | { ok: false; refusals: OrderRefusal[] };

/**
 * The request as the shop-api reads it. The schema holds the bounds; its failures become the same typed refusals
 * pricing gives, so the shopper reads one kind of message whichever check caught the slip.
 */
export function parseOrderRequest(input: unknown): ParsedOrderRequest {
  const parsed = orderRequestSchema.safeParse(input);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, refusals: parsed.error.issues.map(refusalOfIssue) };
}

function refusalOfIssue(issue: z.core.$ZodIssue): OrderRefusal {
  const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  const [first, line, field] = path;
  if (path.length === 1 && first === "lines" && issue.code === "too_small") return { code: "emptyOrder" };
  if (path.length === 1 && first === "lines" && issue.code === "too_big") return { code: "tooManyLines", max: MAX_ORDER_LINES };
  if (path.length === 3 && first === "lines" && typeof line === "number" && field === "quantity") {
    return { code: "quantityBounds", line, min: 1, max: MAX_LINE_QUANTITY };
  }
  return { code: "invalidInput", path: path.join(".") };
}

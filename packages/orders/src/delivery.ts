// How a store hands orders over, as its merchant sets it: express with a flat fee (free from a threshold), and/or
// self-pickup at no fee. The checkout offers only the methods switched on here.
import { lineText, priceFenSchema } from "@kaidian/catalog";
import { z } from "zod";

// "stay": a hotel booking, handed over at the front desk on check-in; it has no rules or fee here.
// "dineIn": dishes ordered at a restaurant's table, served there; the table's tab and rounds carry them (table-orders).
export const DELIVERY_METHODS = ["express", "pickup", "stay", "dineIn"] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const deliveryRulesSchema = z
  .object({
    express: z.object({
      enabled: z.boolean(),
      feeFen: priceFenSchema,
      /** Orders whose item subtotal reaches this ship free; null: the fee always applies. */
      freeFromFen: priceFenSchema.nullable(),
    }),
    pickup: z.object({
      enabled: z.boolean(),
      /** Where shoppers collect their orders, shown at checkout. */
      address: lineText(80),
    }),
  })
  .refine((rules) => rules.express.enabled || rules.pickup.enabled, { error: "Switch on express or pickup", path: ["express", "enabled"] })
  .refine((rules) => !rules.pickup.enabled || rules.pickup.address.trim() !== "", { error: "Pickup needs an address", path: ["pickup", "address"] });
export type DeliveryRules = z.infer<typeof deliveryRulesSchema>;

/** A new store ships at a flat 10 yuan, free from 99 yuan: the common small-shop default, changed in one form. */
export const DEFAULT_DELIVERY_RULES: DeliveryRules = {
  express: { enabled: true, feeFen: 1000, freeFromFen: 9900 },
  pickup: { enabled: false, address: "" },
};

/** The methods a checkout offers, each switched on or off in the rules. */
export type CheckoutMethod = keyof DeliveryRules;

export function deliveryAvailable(rules: DeliveryRules, method: CheckoutMethod): boolean {
  return rules[method].enabled;
}

/** The fee for an order of this item subtotal, in fen. The subtotal counts items only, never the fee itself. */
export function deliveryFeeFen(rules: DeliveryRules, method: DeliveryMethod, subtotalFen: number): number {
  if (method !== "express") return 0;
  const { feeFen, freeFromFen } = rules.express;
  return freeFromFen !== null && subtotalFen >= freeFromFen ? 0 : feeFen;
}

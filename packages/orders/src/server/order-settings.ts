// How a store takes orders, as its owner sets it: the delivery rules (deliveryRulesSchema is their one rule) and how
// long an unpaid order holds its stock. One row per store; a store that never saved has the defaults. Saves name the
// revision their form opened (0: never saved), so of two saves from one revision exactly one lands.
import { type SaveFrom, staleRevision, type Transaction } from "@kaidian/db";
import { z } from "zod";
import { DEFAULT_DELIVERY_RULES, deliveryRulesSchema, type DeliveryRules } from "../delivery";

/** The database's own check: at least 5 minutes to pay, at most a day. */
export const UNPAID_MINUTES = { min: 5, max: 1440, default: 15 } as const;

export const orderSettingsSchema = z.object({
  delivery: deliveryRulesSchema,
  unpaidMinutes: z.int().min(UNPAID_MINUTES.min).max(UNPAID_MINUTES.max),
});
export type OrderSettingsInput = z.infer<typeof orderSettingsSchema>;

export type OrderSettings = OrderSettingsInput & { revision: number };

/**
 * The store's settings, or the defaults before its first save. A stored rule the schema now refuses (written by an
 * older version) reads as the defaults rather than taking the checkout down; the next save replaces it.
 */
export async function readOrderSettings(tx: Transaction): Promise<OrderSettings> {
  const row = await tx.orderSettings.findFirst({ select: { deliveryRules: true, unpaidMinutes: true, revision: true } });
  if (!row) return { delivery: DEFAULT_DELIVERY_RULES, unpaidMinutes: UNPAID_MINUTES.default, revision: 0 };
  const rules = deliveryRulesSchema.safeParse(row.deliveryRules);
  return { delivery: rules.success ? rules.data : DEFAULT_DELIVERY_RULES, unpaidMinutes: row.unpaidMinutes, revision: row.revision };
}

async function stale(tx: Transaction, tenantId: string) {
  return staleRevision(tx, "orderSettings", await tx.orderSettings.findFirst({ where: { tenantId }, select: { revision: true, updatedAt: true, updatedById: true } }));
}

/** Saves over the revision the form opened, in one conditional statement; a StaleRevisionError if someone saved first. */
export async function saveOrderSettings(tx: Transaction, tenantId: string, from: SaveFrom, input: OrderSettingsInput): Promise<OrderSettings> {
  const settings = orderSettingsSchema.parse(input);
  const deliveryRules: DeliveryRules = settings.delivery;
  if (from.revision === 0) {
    const created = await tx.orderSettings.createMany({
      data: { tenantId, deliveryRules, unpaidMinutes: settings.unpaidMinutes, revision: 1, updatedById: from.userId },
      skipDuplicates: true,
    });
    if (created.count === 0) throw await stale(tx, tenantId);
    return { ...settings, revision: 1 };
  }
  const saved = await tx.orderSettings.updateMany({
    where: { tenantId, revision: from.revision },
    data: { deliveryRules, unpaidMinutes: settings.unpaidMinutes, revision: { increment: 1 }, updatedById: from.userId },
  });
  if (saved.count === 0) throw await stale(tx, tenantId);
  return { ...settings, revision: from.revision + 1 };
}

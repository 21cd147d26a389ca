// How a store takes orders now, as its checkout needs it: the merchant's delivery rules (or the defaults of a store
// that never saved them), how long an unpaid order holds its stock, whether it can take payment at all, and the
// templates of the messages an order sends, which the pay tap asks the shopper to accept (template ids are public:
// WeChat shows them to anyone's requestSubscribeMessage).
import type { Transaction } from "@kaidian/db";
import type { MessagePurpose } from "@kaidian/messages";
import { readTemplates } from "@kaidian/messages/server";
import { DEFAULT_DELIVERY_RULES, type DeliveryRules, deliveryRulesSchema } from "../delivery";
import { storeTakesPayment } from "./checkout-payment";
import type { PaymentDeps } from "./payment-deps";

/** The column's default: the unpaid minutes of a store that never saved its order settings. */
export const DEFAULT_UNPAID_MINUTES = 15;

export type Ordering = {
  delivery: DeliveryRules;
  unpaidMinutes: number;
  paymentsReady: boolean;
  /** The "your order is ready" template (a restaurant's pickup orders); null when the merchant picked none. Kept for packages built before `messageTemplates`. */
  readyTemplateId: string | null;
  /** The template of each message an order or booking sends; null where the merchant picked none. */
  messageTemplates: Record<OrderMessagePurpose, string | null>;
};

/** The messages a pay tap may ask for: what paying, shipping, readying or a booking's payment sends. */
const ORDER_MESSAGE_PURPOSES = ["orderPaid", "orderShipped", "orderReady", "bookingConfirmed"] as const satisfies readonly MessagePurpose[];
type OrderMessagePurpose = (typeof ORDER_MESSAGE_PURPOSES)[number];

export async function readOrderRules(tx: Transaction, tenantId: string): Promise<Pick<Ordering, "delivery" | "unpaidMinutes">> {
  const row = await tx.orderSettings.findFirst({ where: { tenantId }, select: { deliveryRules: true, unpaidMinutes: true } });
  // Rules are validated when saved; a row an older build wrote that no longer parses falls back to the defaults
  // rather than leaving the store unable to sell.
  const delivery = deliveryRulesSchema.safeParse(row?.deliveryRules).data ?? DEFAULT_DELIVERY_RULES;
  return { delivery, unpaidMinutes: row?.unpaidMinutes ?? DEFAULT_UNPAID_MINUTES };
}

export async function readOrdering(tx: Transaction, tenantId: string, payments: PaymentDeps): Promise<Ordering> {
  const [rules, paymentsReady, templates] = await Promise.all([readOrderRules(tx, tenantId), storeTakesPayment(tx, payments), readTemplates(tx)]);
  const messageTemplates = Object.fromEntries(ORDER_MESSAGE_PURPOSES.map((purpose) => [purpose, templates[purpose]?.templateId ?? null])) as Ordering["messageTemplates"];
  return { ...rules, paymentsReady, readyTemplateId: messageTemplates.orderReady, messageTemplates };
}

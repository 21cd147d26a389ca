// Restaurant table orders as a domain: how a store's tables pay, and what a table sends. A shopper who scanned a
// table's QR code sends rounds of dishes to the table's open tab. Paid first: each round is its own order, paid
// before it goes to the kitchen. Paid at the end: the tab is one order that every round adds to, sent to the
// kitchen at once, and paid once (WeChat Pay, or at the counter where staff mark it paid).
import { paragraphText } from "@kaidian/catalog";
import { z } from "zod";
import { MAX_ORDER_LINES, orderLineInputSchema } from "./request";

export const TABLE_PAYMENTS = ["payFirst", "payAtEnd"] as const;
export type TablePayment = (typeof TABLE_PAYMENTS)[number];

export const tableOrderSettingsSchema = z.object({
  /** Most small restaurants let diners eat first: pay-at-end is the default. */
  payment: z.enum(TABLE_PAYMENTS).default("payAtEnd"),
});
export type TableOrderSettingsInput = z.input<typeof tableOrderSettingsSchema>;
export type TableOrderSettings = z.infer<typeof tableOrderSettingsSchema>;

/** What the phone sends as a round: dishes with their options and the price the shopper saw, and a note. */
export const roundRequestSchema = z.object({
  lines: z.array(orderLineInputSchema).min(1).max(MAX_ORDER_LINES),
  note: paragraphText(200).default(""),
});
export type RoundRequest = z.infer<typeof roundRequestSchema>;

/** A pay-at-end tab stays payable through a long meal; an unpaid one ends after this. */
export const TAB_PAYABLE_HOURS = 12;

/**
 * Whether WeChat Pay took this order's money (it has WeChat Pay's transaction), so WeChat Pay can refund it. A
 * pay-at-end bill marked paid at the counter (cash, a card reader) was not: its money goes back at the counter.
 */
export function refundableThroughWechat(order: { transactionId: string | null }): boolean {
  return order.transactionId !== null;
}

/** Where a round stands, as the table and the kitchen see it. */
export type RoundStage = "awaitingPayment" | "cancelled" | "inKitchen" | "done";

export function roundStage(round: { sentAt: Date | null; doneAt: Date | null; orderStatus: string }): RoundStage {
  if (round.doneAt) return "done";
  if (round.sentAt) return "inKitchen";
  return round.orderStatus === "cancelled" ? "cancelled" : "awaitingPayment";
}

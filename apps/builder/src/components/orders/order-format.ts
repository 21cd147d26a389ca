// How the order pages show money and times: yuan from integer fen, and the merchant's wall clock (Asia/Shanghai,
// where the store's day and its order numbers live), whatever the server's time zone.
import { yuanText } from "@kaidian/orders";

export const money = (fen: number) => `¥${yuanText(fen)}`;

export function orderTime(at: Date | string, locale: string, withSeconds = false): string {
  return new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: withSeconds ? "medium" : "short" }).format(new Date(at));
}

// The store's orders as a spreadsheet: one row per line, the order's own figures repeated on each of its lines,
// amounts in yuan with two decimals, times in Asia/Shanghai. UTF-8 with a BOM so Excel in China reads the Chinese.
// Merchant and shopper text is data: a cell a spreadsheet would run as a formula is defused.
import type { Transaction } from "@kaidian/db";
import type { DeliveryMethod } from "../delivery";
import { orderStatusName, type OrderStatus, type Tracking } from "../lifecycle";
import type { ChosenDishOptions } from "../pricing";
import { yuanText, type Locale } from "../refusals";
import type { ShippingAddress } from "../request";
import { matchingOrders, optionsText, type OrderListQuery } from "./merchant-orders";

const HEADERS: Record<Locale, string[]> = {
  "zh-CN": ["订单号", "下单时间", "状态", "配送方式", "收货人", "电话", "收货地址", "自提点", "备注", "商品", "规格", "数量", "单价（元）", "小计（元）", "运费（元）", "订单金额（元）", "实付（元）", "已退款（元）", "快递公司", "运单号"],
  en: ["Order number", "Placed at", "Status", "Delivery", "Recipient", "Phone", "Address", "Pickup point", "Note", "Item", "Options", "Quantity", "Unit price (CNY)", "Line total (CNY)", "Delivery fee (CNY)", "Order total (CNY)", "Paid (CNY)", "Refunded (CNY)", "Carrier", "Tracking number"],
};

const DELIVERY_NAMES: Record<Locale, Record<DeliveryMethod, string>> = {
  "zh-CN": { express: "快递", pickup: "自提", stay: "入住", dineIn: "堂食" },
  en: { express: "express", pickup: "pickup", stay: "hotel stay", dineIn: "dine-in" },
};

/**
 * A cell as CSV: quoted when it holds a comma, quote or line break. Text starting with =, +, -, @, a tab or a
 * carriage return is what Excel and LibreOffice evaluate as a formula (=HYPERLINK(...) exfiltrates, =cmd|... runs),
 * so it is prefixed with an apostrophe, which spreadsheets show as text (OWASP's advice).
 */
export function csvCell(value: string, { text = true } = {}): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** An instant as the merchant's wall clock: "2026-12-03 14:05". */
function shanghaiTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

function addressText(address: ShippingAddress | null): string {
  if (!address) return "";
  return [address.province, address.city, address.district, address.detail].filter((part) => part !== "").join(" ");
}

export async function exportOrdersCsv(tx: Transaction, query: OrderListQuery, locale: Locale = "zh-CN"): Promise<string> {
  const rows: string[] = [HEADERS[locale].map((header) => csvCell(header)).join(",")];
  for await (const order of matchingOrders(tx, query)) {
    const address = order.address as ShippingAddress | null;
    const tracking = order.tracking as Tracking | null;
    const figure = (fen: number) => csvCell(yuanText(fen), { text: false });
    for (const line of order.lines) {
      rows.push(
        [
          csvCell(order.number),
          csvCell(shanghaiTime(order.createdAt)),
          csvCell(orderStatusName(order.status as OrderStatus, order.delivery as DeliveryMethod, locale)),
          csvCell(DELIVERY_NAMES[locale][order.delivery as DeliveryMethod]),
          csvCell(address?.name ?? ""),
          csvCell(address?.phone ?? order.shopper.phone ?? ""),
          csvCell(addressText(address)),
          csvCell(order.delivery === "pickup" ? order.pickupAddress : ""),
          csvCell(order.note),
          csvCell(line.title),
          csvCell(optionsText({ skuOptions: line.skuOptions as string[], dishOptions: line.dishOptions as ChosenDishOptions })),
          csvCell(String(line.quantity), { text: false }),
          figure(line.unitPriceFen),
          figure(line.lineTotalFen),
          figure(order.deliveryFeeFen),
          figure(order.totalFen),
          figure(order.paidFen),
          figure(order.refundedFen),
          csvCell(tracking?.company ?? ""),
          csvCell(tracking?.number ?? ""),
        ].join(","),
      );
    }
  }
  return `\ufeff${rows.join("\r\n")}\r\n`;
}

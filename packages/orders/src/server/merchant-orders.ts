// Orders as the merchant reads them in the dashboard: the inbox (filters by status and day, search by order number
// or phone, pages), one order with its lines, events and refunds, and the choice of an order's lines for the CSV.
// Reads only, in the store's scope; every change goes through the lifecycle (changeOrder).
import type { Prisma, Transaction } from "@kaidian/db";
import { z } from "zod";
import type { DeliveryMethod } from "../delivery";
import { ORDER_STATUSES, type OrderStatus } from "../lifecycle";
import { parseOrderNumber } from "../order-number";
import type { ShippingAddress } from "../request";
import { loadOrder, type OrderEventRecord, type OrderLineRecord, type OrderRecord } from "./order-record";

export const ORDER_PAGE_SIZE = 20;

/** The inbox's status filter: a status, or the orders whose shopper asks for a refund. */
export const ORDER_FILTERS = [...ORDER_STATUSES, "refundRequested"] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];

const SHANGHAI_OFFSET = "+08:00";
/** An empty query-string field is no filter at all. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());
const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "orders.day.invalid" }).refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00${SHANGHAI_OFFSET}`)), { error: "orders.day.invalid" });

/** The inbox's query string; also what the CSV export exports. Days are the merchant's, in Asia/Shanghai. */
export const orderListQuerySchema = z.object({
  status: optional(z.enum(ORDER_FILTERS)),
  from: optional(daySchema),
  to: optional(daySchema),
  q: optional(z.string().trim().max(40)),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

export type OrderSummary = {
  id: string;
  number: string;
  status: OrderStatus;
  delivery: DeliveryMethod;
  totalFen: number;
  createdAt: Date;
  refundRequested: boolean;
  paymentProblem: string | null;
  /** Who receives it: the address's name, for an express order. */
  recipient: string | null;
  phone: string | null;
  /** The first line's title and how many lines there are, for one row of the list. */
  firstTitle: string;
  lineCount: number;
  itemCount: number;
  /** A restaurant's takeaway: its pickup number, once paid. */
  pickupNumber: number | null;
};

export type OrderPage = { orders: OrderSummary[]; total: number; page: number; pageCount: number };

/** Half-width digits of what was typed, without the spaces and dashes people put in numbers. */
function digitsOf(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)).replace(/[\s\-－—()（）+]/g, "");
}

/** The order number a spoken or typed one stands for, as it is stored ("261203-0042"). */
function storedNumber(text: string): string | null {
  const parts = parseOrderNumber(text);
  if (!parts) return null;
  return `${parts.day.slice(2, 4)}${parts.day.slice(5, 7)}${parts.day.slice(8, 10)}-${String(parts.sequence).padStart(4, "0")}`;
}

/**
 * What a search means: an order number (spoken forms too: "261203 0042", full-width digits), the digits of a
 * phone (the shopper's own, or the one on the address) or the end of an order number ("0042"), or a recipient's name.
 * A phone's digits can also read as an order number, so a number search also looks at phones.
 */
function searchWhere(q: string): Prisma.OrderWhereInput {
  const number = storedNumber(q);
  const digits = digitsOf(q);
  const or: Prisma.OrderWhereInput[] = [];
  if (number) or.push({ number });
  if (/^\d{4,}$/.test(digits)) {
    or.push({ shopper: { is: { phone: { contains: digits } } } }, { address: { path: ["phone"], string_contains: digits } });
    if (digits.length <= 6) or.push({ number: { endsWith: digits } });
  }
  if (!/^\d+$/.test(digits)) or.push({ address: { path: ["name"], string_contains: q } });
  return { OR: or };
}

function listWhere(query: OrderListQuery): Prisma.OrderWhereInput {
  const and: Prisma.OrderWhereInput[] = [];
  if (query.status === "refundRequested") and.push({ refundRequested: true });
  else if (query.status) and.push({ status: query.status });
  if (query.from) and.push({ createdAt: { gte: new Date(`${query.from}T00:00:00${SHANGHAI_OFFSET}`) } });
  // Up to the end of the `to` day: before the next day's midnight in Shanghai.
  if (query.to) and.push({ createdAt: { lt: new Date(Date.parse(`${query.to}T00:00:00${SHANGHAI_OFFSET}`) + 86_400_000) } });
  if (query.q) and.push(searchWhere(query.q));
  return { AND: and };
}

const summarySelect = {
  id: true,
  number: true,
  status: true,
  delivery: true,
  totalFen: true,
  createdAt: true,
  refundRequested: true,
  paymentProblem: true,
  pickupNumber: true,
  address: true,
  shopper: { select: { phone: true } },
  lines: { select: { title: true, quantity: true }, orderBy: { position: "asc" } },
} satisfies Prisma.OrderSelect;

/** One page of the store's orders, newest first. */
export async function listMerchantOrders(tx: Transaction, query: OrderListQuery): Promise<OrderPage> {
  const where = listWhere(query);
  const total = await tx.order.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ORDER_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  const rows = await tx.order.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * ORDER_PAGE_SIZE,
    take: ORDER_PAGE_SIZE,
    select: summarySelect,
  });
  return {
    orders: rows.map((row) => {
      const address = row.address as ShippingAddress | null;
      return {
        id: row.id,
        number: row.number,
        status: row.status as OrderStatus,
        delivery: row.delivery as DeliveryMethod,
        totalFen: row.totalFen,
        createdAt: row.createdAt,
        refundRequested: row.refundRequested,
        paymentProblem: row.paymentProblem,
        recipient: address?.name ?? null,
        phone: address?.phone ?? row.shopper.phone,
        firstTitle: row.lines[0]?.title ?? "",
        lineCount: row.lines.length,
        itemCount: row.lines.reduce((sum, line) => sum + line.quantity, 0),
        pickupNumber: row.pickupNumber,
      };
    }),
    total,
    page,
    pageCount,
  };
}

export type MerchantOrderLine = OrderLineRecord;

/** An event with the merchant who acted named, as their account is called now. */
export type MerchantOrderEvent = Omit<OrderEventRecord, "actor"> & { actor: OrderEventRecord["actor"] & { name: string | null } };

/** The order as loadOrder reads it, with what the merchant's page adds: the shopper's phone, names, refunds. */
export type MerchantOrder = Omit<OrderRecord, "events"> & {
  shopperPhone: string | null;
  events: MerchantOrderEvent[];
  refunds: { id: string; amountFen: number; reason: string; restock: boolean; status: string; problem: string | null; createdAt: Date; settledAt: Date | null }[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One order of the store with everything the merchant may need to handle it; null when the store has no such order. */
export async function readMerchantOrder(tx: Transaction, orderId: string): Promise<MerchantOrder | null> {
  if (!UUID.test(orderId)) return null;
  const order = await loadOrder(tx, orderId);
  if (!order) return null;
  // Merchant actors are named as they are now; shoppers and the system by their role alone.
  const accountIds = [...new Set(order.events.flatMap((event) => (event.actor.id && event.actor.role.startsWith("merchant") ? [event.actor.id] : [])))];
  const [shopper, refunds, accounts] = await Promise.all([
    tx.shopper.findFirst({ where: { id: order.shopperId }, select: { phone: true } }),
    tx.refund.findMany({
      where: { orderId },
      orderBy: { createdAt: "asc" },
      select: { id: true, amountFen: true, reason: true, restock: true, status: true, problem: true, createdAt: true, settledAt: true },
    }),
    accountIds.length > 0 ? tx.user.findMany({ where: { id: { in: accountIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  return {
    ...order,
    shopperPhone: shopper?.phone ?? null,
    events: order.events.map((event) => ({ ...event, actor: { ...event.actor, name: event.actor.id ? (names.get(event.actor.id) ?? null) : null } })),
    refunds,
  };
}

/** A line's chosen options as one readable text: "红色 / L", "辣度：微辣；加料：蛋". */
export function optionsText(line: Pick<MerchantOrderLine, "skuOptions" | "dishOptions">): string {
  if (line.skuOptions.length > 0) return line.skuOptions.join(" / ");
  return line.dishOptions.map((group) => `${group.group}：${group.options.join("、")}`).join("；");
}

/** The orders a query matches, in batches, oldest first: what the CSV export walks through without paging. */
export async function* matchingOrders(tx: Transaction, query: OrderListQuery, batch = 200) {
  const where = listWhere(query);
  let cursor: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const after: Prisma.OrderWhereInput = cursor
      ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] }
      : {};
    const rows = await tx.order.findMany({
      where: { AND: [where, after] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: batch,
      include: { shopper: { select: { phone: true } }, lines: { orderBy: { position: "asc" } } },
    });
    yield* rows;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}

// Table orders in PostgreSQL: a table's open tab, the rounds sent from it, and paying it. A round's dishes are order
// lines, priced by the same pricing as any order; the tab and round rows say which lines form which round of which
// table. Counters hold under concurrency without reading first: joining a table's open tab (or opening one) and
// taking the next round number is ONE statement on the partial unique index "one open tab per table", which also
// holds the tab's row for the rest of the round's transaction, so rounds of one table take turns.
import { randomUUID } from "node:crypto";
import { type Database, type SaveFrom, sqlState, staleRevision, type Transaction } from "@kaidian/db";
import { type PaymentErrorKind, PaymentsNotSetUpError, WechatPayClient, WechatPayError } from "@kaidian/payments";
import { openPaymentAccount } from "@kaidian/payments/server";
import type { OrderStatus } from "../lifecycle";
import { priceRound, type PricedLine } from "../pricing";
import type { OrderRefusal } from "../refusals";
import { roundRequestSchema, roundStage, TAB_PAYABLE_HOURS, tableOrderSettingsSchema, type RoundStage, type TableOrderSettings, type TableOrderSettingsInput, type TablePayment } from "../table-orders";
import { changeOrder } from "./change-order";
import { paymentFor, storeTakesPayment, type RequestPayment } from "./checkout-payment";
import { readOrderRules } from "./ordering";
import { loadOrder, type OrderRecord } from "./order-record";
import type { PaymentDeps } from "./payment-deps";
import { insertOrder, nextOrderNumber } from "./order-insert";
import { liveItems, paymentNumber, placedOrderState } from "./place-order";
import { applyPayment, preparePayment, queryPayment } from "./payment";

// ---------- Settings ----------

export async function readTableOrderSettings(tx: Transaction): Promise<TableOrderSettings & { revision: number }> {
  const row = await tx.tableOrderSettings.findFirst({ select: { payment: true, revision: true } });
  const parsed = tableOrderSettingsSchema.safeParse(row ?? {});
  return { ...(parsed.data ?? tableOrderSettingsSchema.parse({})), revision: row?.revision ?? 0 };
}

/** Saves over the revision the form opened, in one conditional statement; a StaleRevisionError if someone saved first. */
export async function saveTableOrderSettings(tx: Transaction, tenantId: string, from: SaveFrom, input: TableOrderSettingsInput): Promise<TableOrderSettings & { revision: number }> {
  const settings = tableOrderSettingsSchema.parse(input);
  const saved = from.revision === 0
    ? await tx.tableOrderSettings.createMany({ data: { tenantId, payment: settings.payment, revision: 1, updatedById: from.userId }, skipDuplicates: true })
    : await tx.tableOrderSettings.updateMany({ where: { tenantId, revision: from.revision }, data: { payment: settings.payment, revision: { increment: 1 }, updatedById: from.userId } });
  if (saved.count === 0) {
    throw await staleRevision(tx, "tableOrderSettings", await tx.tableOrderSettings.findFirst({ where: { tenantId }, select: { revision: true, updatedAt: true, updatedById: true } }));
  }
  return { ...settings, revision: from.revision + 1 };
}

// ---------- The table's tab, as the table sees it ----------

export type RoundLine = Pick<PricedLine, "title" | "dishOptions" | "quantity" | "unitPriceFen" | "lineTotalFen"> & { position: number; done: boolean };

export type RoundView = {
  id: string;
  number: number;
  orderId: string;
  orderNumber: string;
  stage: RoundStage;
  totalFen: number;
  createdAt: string;
  sentAt: string | null;
  lines: RoundLine[];
};

export type TabView = {
  id: string;
  table: { id: string; name: string; code: string };
  payment: TablePayment;
  openedAt: string;
  rounds: RoundView[];
  totalFen: number;
  /** Pay-at-end: the order that bills the tab (what the shopper pays, or staff mark paid). */
  bill: { orderId: string; number: string; status: OrderStatus; totalFen: number } | null;
};

type TabRow = { id: string; table_id: string; table_name: string; table_code: string; payment: TablePayment; order_id: string | null; opened_at: Date };

/** The table with this code, or null when this store has none. */
export async function tableByCode(tx: Transaction, code: string) {
  return tx.diningTable.findFirst({ where: { code }, select: { id: true, name: true, code: true } });
}

/** Open tabs; `anyStatus` also finds a closed one by its id (a retried round's tab, paid since). */
async function tabRows(tx: Transaction, where: { tableId?: string; tabId?: string; anyStatus?: boolean }): Promise<TabRow[]> {
  return tx.$queryRaw<TabRow[]>`
    SELECT tab.id, tab.table_id, t.name AS table_name, t.code AS table_code, tab.payment, tab.order_id, tab.opened_at
    FROM dining_tabs tab JOIN dining_tables t ON t.tenant_id = tab.tenant_id AND t.id = tab.table_id
    WHERE (tab.status = 'open' OR ${where.anyStatus ?? false})
      AND (${where.tableId ?? null}::uuid IS NULL OR tab.table_id = ${where.tableId ?? null}::uuid)
      AND (${where.tabId ?? null}::uuid IS NULL OR tab.id = ${where.tabId ?? null}::uuid)
    ORDER BY t.position, t.name`;
}

/** The rounds of these tabs, newest first, each with its lines and where it stands. */
async function roundsOf(tx: Transaction, tabIds: string[]): Promise<Map<string, RoundView[]>> {
  const rounds = await tx.tableRound.findMany({ where: { tabId: { in: tabIds } }, orderBy: { number: "desc" } });
  const orders = await tx.order.findMany({
    where: { id: { in: [...new Set(rounds.map((round) => round.orderId))] } },
    select: { id: true, number: true, status: true, lines: { orderBy: { position: "asc" } } },
  });
  const byOrder = new Map(orders.map((order) => [order.id, order]));
  const byTab = new Map<string, RoundView[]>();
  for (const round of rounds) {
    const order = byOrder.get(round.orderId)!;
    const lines = order.lines
      .filter((line) => line.position >= round.firstLine && line.position < round.firstLine + round.lineCount)
      .map((line) => ({
        position: line.position,
        title: line.title,
        dishOptions: line.dishOptions as PricedLine["dishOptions"],
        quantity: line.quantity,
        unitPriceFen: line.unitPriceFen,
        lineTotalFen: line.lineTotalFen,
        done: round.doneAt !== null || round.doneLines.includes(line.position),
      }));
    const view: RoundView = {
      id: round.id,
      number: round.number,
      orderId: order.id,
      orderNumber: order.number,
      stage: roundStage({ sentAt: round.sentAt, doneAt: round.doneAt, orderStatus: order.status }),
      totalFen: lines.reduce((sum, line) => sum + line.lineTotalFen, 0),
      createdAt: round.createdAt.toISOString(),
      sentAt: round.sentAt?.toISOString() ?? null,
      lines,
    };
    byTab.set(round.tabId, [...(byTab.get(round.tabId) ?? []), view]);
  }
  return byTab;
}

async function tabViews(tx: Transaction, rows: TabRow[]): Promise<TabView[]> {
  if (rows.length === 0) return [];
  const rounds = await roundsOf(tx, rows.map((row) => row.id));
  const bills = await tx.order.findMany({
    where: { id: { in: rows.flatMap((row) => (row.order_id ? [row.order_id] : [])) } },
    select: { id: true, number: true, status: true, totalFen: true },
  });
  return rows.map((row) => {
    const tabRounds = rounds.get(row.id) ?? [];
    const bill = bills.find((order) => order.id === row.order_id);
    return {
      id: row.id,
      table: { id: row.table_id, name: row.table_name, code: row.table_code },
      payment: row.payment,
      openedAt: row.opened_at.toISOString(),
      rounds: tabRounds,
      totalFen: tabRounds.filter((round) => round.stage !== "cancelled").reduce((sum, round) => sum + round.totalFen, 0),
      bill: bill ? { orderId: bill.id, number: bill.number, status: bill.status as OrderStatus, totalFen: bill.totalFen } : null,
    };
  });
}

/** The table's open tab, or null when nobody is dining there now. */
export async function openTab(tx: Transaction, tableId: string): Promise<TabView | null> {
  return (await tabViews(tx, await tabRows(tx, { tableId })))[0] ?? null;
}

/** Every table of the store with its open tab, if any: the inbox's view of the dining room. */
export async function tablesWithTabs(tx: Transaction): Promise<{ table: { id: string; name: string; code: string; seats: number }; tab: TabView | null }[]> {
  const [tables, tabs] = await Promise.all([
    tx.diningTable.findMany({ select: { id: true, name: true, code: true, seats: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] }),
    tabRows(tx, {}).then((rows) => tabViews(tx, rows)),
  ]);
  return tables.map((table) => ({ table, tab: tabs.find((tab) => tab.table.id === table.id) ?? null }));
}

// ---------- Sending a round ----------

export type SendRoundInput = {
  tenantId: string;
  shopperId: string;
  tableCode: string;
  body: unknown;
  /** The phone's key for this round: the same key again (a retried request) answers the round it sent. */
  idempotencyKey?: string;
  at?: Date;
  payments: PaymentDeps;
  onPaymentFailure?: (error: unknown) => void;
};

export type SentRound =
  | { ok: true; created: boolean; tab: TabView; round: { id: string; number: number; orderId: string }; payment: RequestPayment | null }
  | { ok: false; refusals: OrderRefusal[] }
  | { ok: false; tableNotFound: true }
  | { ok: false; paymentsNotSetUp: true }
  /** The tab's open payment could not be closed at WeChat Pay (unreachable): the round waits, to be sent again. */
  | { ok: false; wechatPay: PaymentErrorKind };

/**
 * Sends a round of dishes from the table to its open tab (opening one for the table's first round), all in one
 * transaction: priced from the live catalog, the round's number taken, its lines written to its order, and the
 * round itself. Pay-at-end: the round reaches the kitchen as it commits. Pay-first: it does once its order is paid
 * (changeOrder sends it), and the answer carries the payment's parameters.
 */
export async function sendRound(db: Database, input: SendRoundInput): Promise<SentRound> {
  const parsed = roundRequestSchema.safeParse(input.body);
  if (!parsed.success) return { ok: false, refusals: parsed.error.issues.map((issue) => ({ code: "invalidInput", path: issue.path.join(".") })) };
  const request = parsed.data;
  const { tenantId, shopperId } = input;
  const at = input.at ?? new Date();
  const key = input.idempotencyKey ?? null;
  let closedPaymentNo: string | null = null;
  type Staged = { tab: TabView; round: { id: string; number: number; orderId: string }; payFirst: boolean; created: boolean };
  const stage = () => db.scoped({ tenantId }, async (tx): Promise<Exclude<SentRound, { ok: true }> | Staged> => {
      const table = await tableByCode(tx, input.tableCode);
      if (!table) return { ok: false, tableNotFound: true };
      const before = key ? await sentBefore(tx, shopperId, key) : null;
      if (before) return before;
      const settings = await readTableOrderSettings(tx);
      if (settings.payment === "payFirst" && !(await storeTakesPayment(tx, input.payments))) return { ok: false, paymentsNotSetUp: true };
      const items = await liveItems(tx, tenantId, request.lines.map((line) => line.itemId));
      const priced = priceRound(request.lines, items);
      if (!priced.ok) return { ok: false, refusals: priced.refusals };

      const [tab] = await tx.$queryRaw<{ id: string; rounds: number; payment: TablePayment; order_id: string | null }[]>`
        INSERT INTO dining_tabs AS tab (tenant_id, table_id, payment, rounds, opened_at) VALUES (${tenantId}::uuid, ${table.id}::uuid, ${settings.payment}, 1, ${at})
        ON CONFLICT (tenant_id, table_id) WHERE status = 'open' DO UPDATE SET rounds = tab.rounds + 1
        RETURNING tab.id, tab.rounds, tab.payment, tab.order_id`;
      const payAtEnd = tab!.payment === "payAtEnd";
      let orderId: string;
      let firstLine = 0;
      if (payAtEnd && tab!.order_id) {
        orderId = tab!.order_id;
        const added = await changeOrder(tx, { orderId, command: { action: "addRound", amountFen: priced.totalFen }, actor: { role: "shopper", id: shopperId }, at });
        if (!added.ok) throw new Error(`tab ${tab!.id}: its bill ${orderId} took no round: ${JSON.stringify("refusal" in added ? added.refusal : "gone")}`);
        firstLine = added.order.lines.length;
        await tx.orderLine.createMany({ data: priced.lines.map((line, index) => ({ tenantId, orderId, position: firstLine + index, ...line, stockReserved: false })) });
        // The amount changed, so WeChat Pay must see a new payment (an out_trade_no is bound to its first amount),
        // replacing only the one closed above.
        const replaced = await tx.order.updateMany({ where: { id: orderId, ...(closedPaymentNo ? { paymentNo: closedPaymentNo } : {}) }, data: { paymentNo: paymentNumber(at) } });
        if (replaced.count === 0) throw new PaymentMoved();
      } else {
        const record = await newOrder(tx, { tenantId, shopperId, lines: priced.lines, totalFen: priced.totalFen, note: request.note, at, payAtEnd });
        orderId = record.id;
        if (payAtEnd) await tx.diningTab.updateMany({ where: { id: tab!.id }, data: { orderId } });
      }
      const round = await tx.tableRound.create({
        data: { tenantId, tabId: tab!.id, number: tab!.rounds, orderId, firstLine, lineCount: priced.lines.length, sentAt: payAtEnd ? at : null, createdAt: at, shopperId, idempotencyKey: key },
        select: { id: true, number: true },
      });
      const [view] = await tabViews(tx, await tabRows(tx, { tabId: tab!.id }));
      return { tab: view!, round: { ...round, orderId }, payFirst: !payAtEnd, created: true };
  });
  let sent: Awaited<ReturnType<typeof stage>> | null = null;
  for (let attempt = 0; sent === null; attempt++) {
    // A pay-at-end bill whose payment a diner may have open: that payment is closed at WeChat Pay first, so the
    // round's new total is what gets paid (the old one could no longer be matched to the bill).
    const closed = await closeOpenTabPayment(db, input);
    if (closed.ok === false) return { ok: false, wechatPay: closed.wechatPay };
    closedPaymentNo = closed.paymentNo;
    try {
      sent = await stage();
    } catch (error) {
      // Another round (or payer) replaced the payment meanwhile: close that one, then try again.
      if (error instanceof PaymentMoved && attempt < 5) continue;
      // The same key raced in twice: the other request's round is the one (this one rolled back whole).
      if (!key || !isUniqueViolation(error)) throw error;
      sent = await stage();
    }
  }
  if ("ok" in sent) return sent;
  const payment = sent.payFirst
    ? await paymentFor(db, input.payments, { tenantId, orderId: sent.round.orderId }, input.onPaymentFailure ?? (() => {}))
    : null;
  return { ok: true, created: sent.created, tab: sent.tab, round: sent.round, payment };
}

/** The bill's payment number changed between closing it and adding the round. */
class PaymentMoved extends Error {}

/**
 * Closes the payment a pay-at-end tab's bill may have open at WeChat Pay, before a round changes its total. Nothing
 * to do without a bill or a store that takes payment, or when WeChat Pay never saw it or closed it already. Paid
 * just now: the payment is applied (the bill is paid, the tab closes) and the round opens the table's next tab.
 */
async function closeOpenTabPayment(db: Database, input: SendRoundInput): Promise<{ ok: true; paymentNo: string | null } | { ok: false; wechatPay: PaymentErrorKind }> {
  const open = await db.scoped({ tenantId: input.tenantId }, async (tx) => {
    const table = await tableByCode(tx, input.tableCode);
    const [tab] = table ? await tabRows(tx, { tableId: table.id }) : [];
    if (tab?.payment !== "payAtEnd" || !tab.order_id) return null;
    const bill = await tx.order.findFirst({ where: { id: tab.order_id, status: "pendingPayment" }, select: { paymentNo: true } });
    if (!bill) return null;
    const account = await openPaymentAccount(tx, input.tenantId, input.payments.masterKey, input.payments.provider).catch((error: unknown) => {
      if (error instanceof PaymentsNotSetUpError) return null;
      throw error;
    });
    return { paymentNo: bill.paymentNo, account };
  });
  if (!open) return { ok: true, paymentNo: null };
  if (!open.account) return { ok: true, paymentNo: open.paymentNo };
  try {
    await new WechatPayClient(open.account, input.payments.connection).closeOrder(open.paymentNo);
  } catch (error) {
    if (!(error instanceof WechatPayError)) throw error;
    if (error.kind === "orderPaid") {
      const payment = await queryPayment(open.account, input.payments, open.paymentNo);
      if (payment) await db.scoped({ tenantId: input.tenantId }, (tx) => applyPayment(tx, payment));
    } else if (error.kind !== "orderNotFound" && error.kind !== "orderClosed") {
      return { ok: false, wechatPay: error.kind };
    }
  }
  return { ok: true, paymentNo: open.paymentNo };
}

/** Prisma's unique-constraint error, or PostgreSQL's own from a raw statement. */
function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "P2002" || sqlState(error) === "23505";
}

/** The round this shopper already sent under this key, with its tab as it stands now (closed if paid since). */
async function sentBefore(tx: Transaction, shopperId: string, key: string) {
  const round = await tx.tableRound.findFirst({ where: { shopperId, idempotencyKey: key }, select: { id: true, number: true, orderId: true, tabId: true, sentAt: true } });
  if (!round) return null;
  const [view] = await tabViews(tx, await tabRows(tx, { tabId: round.tabId, anyStatus: true }));
  return { tab: view!, round: { id: round.id, number: round.number, orderId: round.orderId }, payFirst: view!.payment === "payFirst", created: false };
}

/** A dine-in order with its lines and first event: one round (pay-first) or a tab's bill (pay-at-end). */
async function newOrder(
  tx: Transaction,
  input: { tenantId: string; shopperId: string; lines: PricedLine[]; totalFen: number; note: string; at: Date; payAtEnd: boolean },
): Promise<OrderRecord> {
  const { tenantId, shopperId, at } = input;
  const { unpaidMinutes } = await readOrderRules(tx, tenantId);
  const payableMs = input.payAtEnd ? TAB_PAYABLE_HOURS * 3_600_000 : unpaidMinutes * 60_000;
  const record: OrderRecord = {
    tenantId,
    id: randomUUID(),
    number: await nextOrderNumber(tx, tenantId, at),
    shopperId,
    ...placedOrderState(at),
    delivery: "dineIn",
    address: null,
    pickupAddress: "",
    note: input.note,
    subtotalFen: input.totalFen,
    deliveryFeeFen: 0,
    discountFen: 0,
    shopperCouponId: null,
    levelDiscountFen: 0,
    pointsUsed: 0,
    pointsDiscountFen: 0,
    totalFen: input.totalFen,
    expiresAt: new Date(at.getTime() + payableMs),
    lines: input.lines.map((line, position) => ({ position, ...line, stockReserved: false })),
    events: [{ id: randomUUID(), action: "place", from: null, to: "pendingPayment", actor: { role: "shopper", id: shopperId }, reason: "", amountFen: null, tracking: null, at }],
  };
  await insertOrder(tx, record, null);
  return record;
}

// ---------- Paying and closing ----------

/**
 * What changeOrder does for a dine-in order whose status changed, in its transaction: paid rounds go to the
 * kitchen (pay-first), and a tab whose bill is paid, or ends unpaid, closes (the next diner opens a new one).
 */
export async function tableOrderChanged(tx: Transaction, order: OrderRecord, status: OrderStatus, at: Date): Promise<void> {
  if (status === order.status) return;
  if (status === "paid") await tx.tableRound.updateMany({ where: { orderId: order.id, sentAt: null }, data: { sentAt: at } });
  if (status !== "pendingPayment") await tx.diningTab.updateMany({ where: { orderId: order.id, status: "open" }, data: { status: "closed", closedAt: at } });
}

/** Whether any round of this order has reached the kitchen. */
export async function sentToKitchen(tx: Transaction, orderId: string): Promise<boolean> {
  return (await tx.tableRound.count({ where: { orderId, sentAt: { not: null } } })) > 0;
}

export type TabPayment =
  | { ok: true; payment: RequestPayment; orderId: string }
  | { ok: false; code: "table.notFound" | "tab.none" | "tab.notPayAtEnd" | "order.notPayable" };

/**
 * WeChat Pay's parameters to pay the table's pay-at-end tab, for whichever diner pays it: the bill is made out to
 * them (WeChat Pay charges the payer it was prepared for), under a new payment number when the payer changes.
 */
export async function payTab(db: Database, input: { tenantId: string; shopperId: string; tableCode: string; at?: Date }, deps: PaymentDeps): Promise<TabPayment> {
  const at = input.at ?? new Date();
  const found = await db.scoped({ tenantId: input.tenantId }, async (tx) => {
    const table = await tableByCode(tx, input.tableCode);
    if (!table) return { ok: false as const, code: "table.notFound" as const };
    const [tab] = await tabRows(tx, { tableId: table.id });
    if (!tab) return { ok: false as const, code: "tab.none" as const };
    if (tab.payment !== "payAtEnd" || !tab.order_id) return { ok: false as const, code: "tab.notPayAtEnd" as const };
    await tx.order.updateMany({ where: { id: tab.order_id, status: "pendingPayment", shopperId: { not: input.shopperId } }, data: { shopperId: input.shopperId, paymentNo: paymentNumber(at) } });
    return { ok: true as const, orderId: tab.order_id };
  });
  if (!found.ok) return found;
  const prepared = await preparePayment(db, { tenantId: input.tenantId, orderId: found.orderId }, deps);
  if (!prepared.ok) return { ok: false, code: "order.notPayable" };
  return { ok: true, payment: prepared.payment, orderId: found.orderId };
}

export type TabChange = { ok: true; order: OrderRecord | null } | { ok: false; code: "tab.notFound" | "tab.amountChanged" | "tab.unpaidRounds"; totalFen?: number };

/**
 * Staff took the tab's money at the counter: its bill is paid, for exactly the amount staff saw (a round sent
 * since is refused, with the new total), recorded as an order event; the tab closes.
 */
export async function markTabPaidAtCounter(tx: Transaction, input: { tabId: string; amountFen: number; actor: { role: "merchantStaff" | "merchantOwner"; id: string } }): Promise<TabChange> {
  const [tab] = await tabRows(tx, { tabId: input.tabId });
  if (!tab?.order_id) return { ok: false, code: "tab.notFound" };
  const changed = await changeOrder(tx, { orderId: tab.order_id, command: { action: "payAtCounter", amountFen: input.amountFen }, actor: input.actor });
  if (changed.ok) return { ok: true, order: changed.order };
  if ("refusal" in changed && changed.refusal.code === "amountMismatch") return { ok: false, code: "tab.amountChanged", totalFen: changed.refusal.totalFen };
  return { ok: false, code: "tab.notFound" };
}

/** Staff clear a pay-first table once its diners have gone: its tab closes (unpaid rounds stay unpaid and expire). */
export async function closeTab(tx: Transaction, tabId: string, at: Date = new Date()): Promise<TabChange> {
  const [tab] = await tabRows(tx, { tabId });
  if (!tab) return { ok: false, code: "tab.notFound" };
  // A pay-at-end tab closes by being paid: clearing it would lose the bill.
  if (tab.payment === "payAtEnd" && tab.order_id) return { ok: false, code: "tab.unpaidRounds" };
  await tx.diningTab.updateMany({ where: { id: tabId, status: "open" }, data: { status: "closed", closedAt: at } });
  return { ok: true, order: null };
}

// ---------- The kitchen ----------

export type KitchenRound = RoundView & { tableName: string; note: string; doneAt: string | null };

/** How long a finished round stays on the kitchen's screen. */
export const KITCHEN_DONE_MINUTES = 30;

/**
 * The rounds the kitchen works on, newest first: every round that reached it and is not done, and those done in the
 * last half hour (greyed, in case a cook tapped by mistake).
 */
export async function kitchenRounds(tx: Transaction, at: Date = new Date()): Promise<KitchenRound[]> {
  const since = new Date(at.getTime() - KITCHEN_DONE_MINUTES * 60_000);
  const rounds = await tx.tableRound.findMany({
    where: { sentAt: { not: null }, OR: [{ doneAt: null }, { doneAt: { gte: since } }] },
    orderBy: [{ sentAt: "desc" }, { number: "desc" }],
    take: 100,
  });
  if (rounds.length === 0) return [];
  const tabs = await tx.$queryRaw<{ id: string; table_name: string }[]>`
    SELECT tab.id, t.name AS table_name FROM dining_tabs tab JOIN dining_tables t ON t.tenant_id = tab.tenant_id AND t.id = tab.table_id
    WHERE tab.id = ANY(${[...new Set(rounds.map((round) => round.tabId))]}::uuid[])`;
  const notes = await tx.order.findMany({ where: { id: { in: rounds.map((round) => round.orderId) } }, select: { id: true, note: true } });
  const views = await roundsOf(tx, [...new Set(rounds.map((round) => round.tabId))]);
  return rounds.map((round) => {
    const view = views.get(round.tabId)!.find((candidate) => candidate.id === round.id)!;
    const note = round.firstLine === 0 ? (notes.find((order) => order.id === round.orderId)?.note ?? "") : "";
    return { ...view, tableName: tabs.find((tab) => tab.id === round.tabId)?.table_name ?? "", note, doneAt: round.doneAt?.toISOString() ?? null };
  });
}

/**
 * The kitchen marks one dish of a round done (`position`), or the whole round: one conditional statement each.
 * A round whose every dish is done is done. False when this store has no such round in the kitchen.
 */
export async function markDone(tx: Transaction, input: { roundId: string; position?: number; at?: Date }): Promise<boolean> {
  const at = input.at ?? new Date();
  const changed = input.position === undefined
    ? await tx.$executeRaw`UPDATE table_rounds SET done_at = COALESCE(done_at, ${at}) WHERE id = ${input.roundId}::uuid AND sent_at IS NOT NULL`
    : await tx.$executeRaw`
        UPDATE table_rounds r SET
          done_lines = CASE WHEN ${input.position}::int = ANY(r.done_lines) THEN r.done_lines ELSE r.done_lines || ${input.position}::int END,
          done_at = CASE WHEN r.done_at IS NULL AND cardinality(array(SELECT DISTINCT unnest(r.done_lines || ${input.position}::int))) >= r.line_count THEN ${at} ELSE r.done_at END
        WHERE r.id = ${input.roundId}::uuid AND r.sent_at IS NOT NULL
          AND ${input.position}::int >= r.first_line AND ${input.position}::int < r.first_line + r.line_count`;
  return changed > 0;
}

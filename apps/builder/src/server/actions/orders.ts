"use server";
// Handling orders (ship, pickup, refunds, declining a refund request) for the store's own people, and the owner's order
// settings. Every change of an order goes through changeOrder: the lifecycle decides, the event is recorded.
import { DomainError } from "@kaidian/accounts";
import { recordAudit } from "@kaidian/audit";
import { paragraphText, parseYuan } from "@kaidian/catalog";
import { trackingSchema, transitionRefusalMessage, yuanText, type Actor, type OrderCommand } from "@kaidian/orders";
import { changeOrder, closeTab, markTabPaidAtCounter, notifyOrderShipped, orderSettingsSchema, paymentDepsFromEnv, refundOrder, saveOrderSettings, type TabChange } from "@kaidian/orders/server";
import { PaymentsNotSetUpError, paymentErrorMessage } from "@kaidian/payments";
import type { Transaction } from "@kaidian/db";
import { assertCan, inStore, storeRefSchema, type StoreAccess } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentLocale } from "@/i18n/server";
import { auditActor } from "../audit";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";
import { revisionField } from "../stale-edit";
import { wechatApi } from "../wechat-api";

const orderForm = z.object({ store: storeRefSchema, orderId: z.uuid({ error: "order.notFound" }) });

/** Who acts, as the order's history records it: the owner's side (owners, agency admins) or staff. */
function actorOf(access: StoreAccess): Actor & { role: "merchantOwner" | "merchantStaff"; id: string } {
  return { role: access.roles.some((role) => role === "OWNER" || role === "AGENCY_ADMIN") ? "merchantOwner" : "merchantStaff", id: access.userId };
}

async function commandOrder(store: string, orderId: string, command: OrderCommand): Promise<{ status: string }> {
  const access = await requireStore(store);
  assertCan(access.roles, "orders");
  const result = await inStore(database(), access, (tx) => changeOrder(tx, { orderId, command, actor: actorOf(access) }));
  if (!result.ok) {
    if ("notFound" in result) throw new DomainError("order.notFound");
    throw new DomainError("order.transition", undefined, { message: transitionRefusalMessage(result.refusal, await currentLocale()) });
  }
  // Shipped: the shopper is told after the change has committed; the outcome shows on the order's page.
  if (command.action === "ship") {
    const { api, masterKey } = wechatApi();
    await notifyOrderShipped(database(), api, masterKey, result.order);
  }
  revalidatePath(`/stores/${access.store.slug}/orders`, "layout");
  return { status: result.order.status };
}

/** The tracking as the lifecycle's own schema reads it; a refusal names the field. */
function trackingOf(company: string, number: string) {
  const parsed = trackingSchema.safeParse({ company, number });
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? "number");
  throw new DomainError(field === "company" ? "order.tracking.company" : "order.tracking.number", field === "company" ? "company" : "trackingNumber");
}

export const shipOrderAction = formAction(orderForm.extend({ company: z.string().max(200), trackingNumber: z.string().max(200) }), ({ store, orderId, company, trackingNumber }) =>
  commandOrder(store, orderId, { action: "ship", tracking: trackingOf(company, trackingNumber) }),
);

export const pickUpOrderAction = formAction(orderForm, ({ store, orderId }) => commandOrder(store, orderId, { action: "pickUp" }));

export const declineRefundAction = formAction(orderForm.extend({ reason: z.string().max(2_000) }), ({ store, orderId, reason }) => {
  const parsed = paragraphText(200).min(1).safeParse(reason);
  if (!parsed.success) throw new DomainError("order.reason", "reason");
  return commandOrder(store, orderId, { action: "declineRefund", reason: parsed.data });
});

const checkbox = z.literal("on").optional();

/**
 * A refund, full or part, with its reason: the lifecycle decides (counting refunds still under way), then WeChat
 * Pay is asked; its refund notification settles it. Restocking is for a refund of everything still refundable.
 */
export const refundOrderAction = formAction(
  orderForm.extend({ amount: z.string().max(40), reason: z.string().max(2_000), restock: checkbox }),
  async ({ store, orderId, amount, reason, restock }) => {
    const access = await requireStore(store);
    assertCan(access.roles, "orders");
    const amountFen = fenOf(amount, "order.refund.amount", "amount");
    if (amountFen <= 0) throw new DomainError("order.refund.amount", "amount");
    const parsedReason = paragraphText(200).min(1).safeParse(reason);
    if (!parsedReason.success) throw new DomainError("order.reason", "reason");
    const locale = await currentLocale();
    let result: Awaited<ReturnType<typeof refundOrder>>;
    try {
      result = await refundOrder(
        database(),
        { tenantId: access.store.id, orderId, amountFen, reason: parsedReason.data, restock: restock === "on", actor: actorOf(access) },
        paymentDepsFromEnv(process.env),
      );
    } catch (error) {
      if (error instanceof PaymentsNotSetUpError) throw new DomainError("payments.notSetUp");
      throw error;
    }
    revalidatePath(`/stores/${access.store.slug}/orders`, "layout");
    if (result.ok) return { status: result.refund.status };
    if ("notFound" in result) throw new DomainError("order.notFound");
    if ("wechatPay" in result) throw new DomainError("order.transition", undefined, { message: paymentErrorMessage(result.wechatPay, locale) });
    if (result.refusal.code === "restockPartial") throw new DomainError("order.refund.restockPartial", "restock");
    if (result.refusal.code === "paidAtCounter") throw new DomainError("order.refund.paidAtCounter", "amount");
    throw new DomainError("order.transition", "amount", { message: transitionRefusalMessage(result.refusal, locale) });
  },
);

/** Where each of the settings schema's refusals is shown, and what it says. */
const SETTINGS_FIELDS: [path: string, code: string, field: string][] = [
  ["delivery.express.enabled", "orderSettings.methods", "expressEnabled"],
  ["delivery.express.feeFen", "orderSettings.fee", "fee"],
  ["delivery.express.freeFromFen", "orderSettings.freeFrom", "freeFrom"],
  ["delivery.pickup.address", "orderSettings.pickupAddress", "pickupAddress"],
  ["unpaidMinutes", "orderSettings.unpaidMinutes", "unpaidMinutes"],
];

/** A yuan field as fen, or the refusal at that field. */
function fenOf(text: string, code: string, field: string): number {
  const parsed = parseYuan(text);
  if (!parsed.ok) throw new DomainError(code, field);
  return parsed.fen;
}

export const saveOrderSettingsAction = formAction(
  z.object({
    store: storeRefSchema,
    revision: revisionField,
    expressEnabled: checkbox,
    fee: z.string().max(40),
    freeFrom: z.string().max(40),
    pickupEnabled: checkbox,
    pickupAddress: z.string().max(400),
    unpaidMinutes: z.string().max(10),
  }),
  async ({ store, revision, ...form }) => {
    const access = await requireStore(store);
    assertCan(access.roles, "settings");
    const input = orderSettingsSchema.safeParse({
      delivery: {
        express: { enabled: form.expressEnabled === "on", feeFen: fenOf(form.fee || "0", "orderSettings.fee", "fee"), freeFromFen: form.freeFrom.trim() === "" ? null : fenOf(form.freeFrom, "orderSettings.freeFrom", "freeFrom") },
        pickup: { enabled: form.pickupEnabled === "on", address: form.pickupAddress },
      },
      unpaidMinutes: /^\s*\d{1,5}\s*$/.test(form.unpaidMinutes) ? Number(form.unpaidMinutes) : Number.NaN,
    });
    if (!input.success) {
      const path = input.error.issues[0]?.path.join(".") ?? "";
      const [, code, field] = SETTINGS_FIELDS.find(([prefix]) => path.startsWith(prefix)) ?? ["", "form.invalid", ""];
      throw new DomainError(code, field || undefined);
    }
    const actor = await auditActor(access.userId);
    const saved = await inStore(database(), access, async (tx) => {
      const settings = await saveOrderSettings(tx, access.store.id, { userId: access.userId, revision }, input.data);
      await recordAudit(tx, { tenantId: access.store.id, actor, action: "orders.settingsChanged", details: { unpaidMinutes: settings.unpaidMinutes } });
      return settings;
    });
    revalidatePath(`/stores/${access.store.slug}/orders/settings`);
    return { revision: saved.revision };
  },
);

// The counter of a restaurant: a pay-at-end table's bill paid in cash or by card, for exactly the amount staff saw
// (a round sent meanwhile changes it, and they are told the new one); a pay-first table cleared once its diners left.
const tabForm = z.object({ store: storeRefSchema, tab: z.uuid({ error: "kitchen.tabNotFound" }) });

async function changeTab(store: string, change: (tx: Transaction, access: StoreAccess) => Promise<TabChange>) {
  const access = await requireStore(store);
  assertCan(access.roles, "orders");
  const result = await inStore(database(), access, (tx) => change(tx, access));
  if (!result.ok) {
    if (result.code === "tab.amountChanged") throw new DomainError("kitchen.tabChanged", undefined, { amount: `¥${yuanText(result.totalFen ?? 0)}` });
    throw new DomainError(result.code === "tab.unpaidRounds" ? "kitchen.tabUnpaid" : "kitchen.tabNotFound");
  }
  revalidatePath(`/stores/${access.store.slug}/orders`, "layout");
  return { done: true };
}

export const markTabPaidAction = formAction(tabForm.extend({ amountFen: z.coerce.number().int().min(1) }), ({ store, tab, amountFen }) =>
  changeTab(store, (tx, access) => markTabPaidAtCounter(tx, { tabId: tab, amountFen, actor: actorOf(access) })),
);

export const clearTableAction = formAction(tabForm, ({ store, tab }) => changeTab(store, (tx) => closeTab(tx, tab)));

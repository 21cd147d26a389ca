"use server";
// Takeaway for the store's own people: mark a paid pickup order ready (the lifecycle's "markReady"), then tell the
// shopper with the "orderReady" subscribe message after the change commits; the send's outcome is recorded.
import { DomainError } from "@kaidian/accounts";
import { transitionRefusalMessage } from "@kaidian/orders";
import { changeOrder, notifyOrderReady } from "@kaidian/orders/server";
import { assertCan, inStore, storeRefSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentLocale } from "@/i18n/server";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";
import { wechatApi } from "../wechat-api";

export const markReadyAction = formAction(z.object({ store: storeRefSchema, orderId: z.uuid({ error: "order.notFound" }) }), async ({ store, orderId }) => {
  const access = await requireStore(store);
  assertCan(access.roles, "orders");
  const role = access.roles.some((held) => held === "OWNER" || held === "AGENCY_ADMIN") ? "merchantOwner" : "merchantStaff";
  const result = await inStore(database(), access, (tx) => changeOrder(tx, { orderId, command: { action: "markReady" }, actor: { role, id: access.userId } }));
  if (!result.ok) {
    if ("notFound" in result) throw new DomainError("order.notFound");
    throw new DomainError("order.transition", undefined, { message: transitionRefusalMessage(result.refusal, await currentLocale()) });
  }
  const { api, masterKey } = wechatApi();
  const message = await notifyOrderReady(database(), api, masterKey, result.order);
  revalidatePath(`/stores/${access.store.slug}/orders`, "layout");
  return { status: result.order.status, message };
});

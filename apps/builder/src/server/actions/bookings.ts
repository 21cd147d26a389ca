"use server";
// The front desk of a hotel store: checking a booked guest in and out, or recording a no-show. Each goes through the
// order's lifecycle (changeOrder), so the booking's history records who did it and when.
import { DomainError } from "@kaidian/accounts";
import { transitionRefusalMessage, type Actor } from "@kaidian/orders";
import { FRONT_DESK_ACTIONS, frontDeskAction as changeStay } from "@kaidian/orders/server";
import { assertCan, inStore, storeRefSchema, type StoreAccess } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { currentLocale } from "@/i18n/server";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";

const frontDeskForm = z.object({ store: storeRefSchema, orderId: z.uuid({ error: "order.notFound" }), action: z.enum(FRONT_DESK_ACTIONS) });

function actorOf(access: StoreAccess): Actor {
  return { role: access.roles.some((role) => role === "OWNER" || role === "AGENCY_ADMIN") ? "merchantOwner" : "merchantStaff", id: access.userId };
}

export const frontDeskAction = formAction(frontDeskForm, async ({ store, orderId, action }) => {
  const access = await requireStore(store);
  assertCan(access.roles, "orders");
  const result = await inStore(database(), access, (tx) => changeStay(tx, { orderId, action, actor: actorOf(access) }));
  if (!result.ok) {
    if ("notFound" in result) throw new DomainError("order.notFound");
    if ("beforeArrival" in result) throw new DomainError("booking.beforeArrival", undefined, { date: result.checkIn });
    throw new DomainError("order.transition", undefined, { message: transitionRefusalMessage(result.refusal, await currentLocale()) });
  }
  revalidatePath(`/stores/${access.store.slug}/bookings`);
  revalidatePath(`/stores/${access.store.slug}/orders`, "layout");
  return { status: result.order.status };
});

"use server";
// The queue for the store's own people (the `orders` permission: owners, agency admins, staff): call the next number
// of a group, call again, seat or skip one; and the owner's queue settings (groups, on/off; the subscribe templates
// are on the 消息通知 page). A call is told to the shopper after it commits; the send's outcome is recorded and shown on the page.
import { DomainError } from "@kaidian/accounts";
import { MAX_GROUPS, queueSettingsSchema } from "@kaidian/queue";
import { actOnTicket, callNext, notifyCalled, saveQueueSettings, type StaffResult } from "@kaidian/queue/server";
import { assertCan, inStore, storeRefSchema, type StoreAccess } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";
import { revisionField } from "../stale-edit";
import { wechatApi } from "../wechat-api";

async function afterStaffAction(access: StoreAccess, result: StaffResult, called: boolean) {
  if (!result.ok) throw new DomainError(result.refusal);
  const { api, masterKey } = wechatApi();
  const message = called ? await notifyCalled(database(), api, masterKey, access.store.id, result.ticket) : null;
  revalidatePath(`/stores/${access.store.slug}/queue`);
  return { ticket: result.ticket.id, message };
}

export const callNextAction = formAction(z.object({ store: storeRefSchema, prefix: z.string().regex(/^[A-Z]$/) }), async ({ store, prefix }) => {
  const access = await requireStore(store);
  assertCan(access.roles, "orders");
  return afterStaffAction(access, await inStore(database(), access, (tx) => callNext(tx, prefix)), true);
});

export const ticketAction = formAction(
  z.object({ store: storeRefSchema, ticketId: z.uuid({ error: "queue.ticketNotFound" }), action: z.enum(["call", "seat", "skip"]) }),
  async ({ store, ticketId, action }) => {
    const access = await requireStore(store);
    assertCan(access.roles, "orders");
    return afterStaffAction(access, await inStore(database(), access, (tx) => actOnTicket(tx, ticketId, action, access.userId)), action === "call");
  },
);

const groupFields = Object.fromEntries(
  Array.from({ length: MAX_GROUPS }, (_, i) => [
    [`prefix${i}`, z.string().max(10).default("")],
    [`label${i}`, z.string().max(100).default("")],
    [`min${i}`, z.string().max(10).default("")],
    [`max${i}`, z.string().max(10).default("")],
  ]).flat(),
) as Record<string, z.ZodDefault<z.ZodString>>;

const whole = (text: string) => (/^\s*\d{1,2}\s*$/.test(text) ? Number(text) : Number.NaN);

export const saveQueueSettingsAction = formAction(
  z.object({ store: storeRefSchema, revision: revisionField, enabled: z.literal("on").optional(), ...groupFields }),
  async ({ store, revision, enabled, ...form }) => {
    const access = await requireStore(store);
    assertCan(access.roles, "settings");
    const values = form as Record<string, string>;
    // Rows left blank are not groups; the rest must cover every party size in order.
    const rows = Array.from({ length: MAX_GROUPS }, (_, i) => i).filter((i) => (values[`label${i}`] ?? "").trim() !== "" || (values[`prefix${i}`] ?? "").trim() !== "");
    const groups = rows.map((i) => ({
      prefix: (values[`prefix${i}`] ?? "").trim().toUpperCase(),
      label: values[`label${i}`] ?? "",
      minSize: whole(values[`min${i}`] ?? ""),
      maxSize: (values[`max${i}`] ?? "").trim() === "" ? null : whole(values[`max${i}`] ?? ""),
    }));
    const parsed = queueSettingsSchema.safeParse({ enabled: enabled === "on", groups });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const row = typeof issue.path[1] === "number" ? rows[issue.path[1]] : undefined;
      const column = ({ prefix: "prefix", label: "label", minSize: "min", maxSize: "max" } as Record<string, string>)[String(issue.path[2])];
      throw new DomainError(issue.message, row === undefined ? "groups" : `${column ?? "label"}${row}`);
    }
    const saved = await inStore(database(), access, (tx) => saveQueueSettings(tx, access.store.id, { userId: access.userId, revision }, parsed.data));
    revalidatePath(`/stores/${access.store.slug}/queue`, "layout");
    return { revision: saved.revision };
  },
);

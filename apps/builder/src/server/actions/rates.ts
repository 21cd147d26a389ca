"use server";
import { DomainError } from "@kaidian/accounts";
import { halfWidthNumber } from "@kaidian/catalog";
import { RoomNightsError, setNights, type SetNightsInput, setNightsInputSchema } from "@kaidian/catalog/server";
import { assertCan, inStore, storeRefSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore } from "../session";
import { revisionField } from "../stale-edit";

const YUAN = /^\d{1,7}(\.\d{1,2})?$/;

// The bulk form as typed (rate in yuan, modes as radio values), turned into the domain's change, whose own
// checks then speak for the fields they name.
const bulkFormSchema = z
  .object({
    store: storeRefSchema,
    /** The calendar's revision when the form was shown. */
    revision: revisionField,
    itemId: z.string(),
    from: z.string(),
    to: z.string(),
    weekdays: z.string().transform((value) => (value ? value.split(",").map(Number) : [])),
    rateMode: z.enum(["keep", "set", "base"]),
    rate: z.string().default("").transform((text) => halfWidthNumber(text).trim()),
    roomsMode: z.enum(["keep", "set", "closed"]),
    available: z.string().default("").transform((text) => halfWidthNumber(text).trim()),
  })
  .check((context) => {
    const { rateMode, rate, roomsMode, available } = context.value;
    if (rateMode === "set" && !YUAN.test(rate)) context.issues.push({ code: "custom", input: rate, path: ["rate"], message: "nights.rate.invalid" });
    if (roomsMode === "set" && !/^\d{1,3}$/.test(available)) context.issues.push({ code: "custom", input: available, path: ["available"], message: "nights.available.invalid" });
  })
  .transform(({ rateMode, rate, roomsMode, available, ...rest }): SetNightsInput & { store: string; revision: number } => ({
    ...rest,
    rateFen: rateMode === "set" ? Math.round(Number(rate) * 100) : rateMode === "base" ? null : undefined,
    available: roomsMode === "set" ? Number(available) : undefined,
    closed: roomsMode === "closed" || undefined,
  }))
  // Paths stay flat (from, to, available...), so each message lands on its field.
  .pipe(z.intersection(z.object({ store: storeRefSchema, revision: z.int() }), setNightsInputSchema));

export const setNightsAction = formAction(bulkFormSchema, async ({ store, revision, ...change }) => {
  const access = await requireStore(store);
  assertCan(access.roles, "catalog");
  try {
    const count = await inStore(database(), access, (tx) => setNights(tx, change, { userId: access.userId, revision }));
    revalidatePath(`/stores/${access.store.slug}/rates`);
    return { count };
  } catch (error) {
    if (error instanceof RoomNightsError) throw new DomainError(error.code, error.field, error.params);
    throw error;
  }
});

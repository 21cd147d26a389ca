"use server";
import { DraftConflictError, SameTemplateError, switchTemplate } from "@kaidian/design";
import { can, inStore, storeRefSchema } from "@kaidian/tenancy";
import { templateIdSchema } from "@kaidian/templates";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { errorMessage, format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "../db";
import { requireStore } from "../session";

const switchSchema = z.object({ store: storeRefSchema, templateId: templateIdSchema, number: z.int().positive(), revision: z.int().min(0) });

export type TemplateSwitchResult = { ok: true; designPath: string } | { ok: false; message: string };

/** Moves the store's draft (at the revision the merchant reviewed the plan for) to another template. */
export async function switchTemplateAction(input: z.input<typeof switchSchema>): Promise<TemplateSwitchResult> {
  const { t } = await currentDictionary();
  const parsed = switchSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: errorMessage(t, "form.invalid") };
  const access = await requireStore(parsed.data.store);
  if (!can(access.roles, "settings")) return { ok: false, message: errorMessage(t, "permission.denied") };
  try {
    await inStore(database(), access, (tx) => switchTemplate(tx, { ...parsed.data, tenantId: access.store.id, userId: access.userId }));
  } catch (error) {
    if (error instanceof DraftConflictError) {
      return { ok: false, message: format(t.design.conflict, { name: error.current?.updatedBy?.name ?? t.design.someone }) };
    }
    if (error instanceof SameTemplateError) return { ok: false, message: t.templateSwitch.same };
    throw error;
  }
  revalidatePath(`/stores/${access.store.slug}`, "layout");
  return { ok: true, designPath: `/stores/${access.store.slug}/design` };
}

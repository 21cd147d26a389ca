"use server";
import { DraftConflictError, InvalidDraftError, publishDraft, restoreVersion, saveDraft } from "@kaidian/design";
import { InvalidConfigError } from "@kaidian/storefront";
import { recordAudit } from "@kaidian/audit";
import { can, inStore, storeRefSchema } from "@kaidian/tenancy";
import { templates } from "@kaidian/templates";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { saveRefusal } from "@/components/editor/issue-place";
import { errorMessage, format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { auditActor } from "../audit";
import { database } from "../db";
import { requireStore } from "../session";

export type DraftSaveResult = { ok: true; revision: number } | { ok: false; conflict: string } | { ok: false; error: string };

// The config's own rules are the template schema's, applied by the domain to the whole config.
const draftSaveSchema = z.object({
  store: storeRefSchema,
  number: z.int().positive(),
  revision: z.int().min(0),
  config: z.unknown(),
});

/** The editor's autosave: the whole config over the draft, if nobody saved it since the revision the editor holds. */
export async function saveDraftAction(input: z.input<typeof draftSaveSchema>): Promise<DraftSaveResult> {
  const { t, locale } = await currentDictionary();
  const parsed = draftSaveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: errorMessage(t, "form.invalid") };
  const { store, number, revision, config } = parsed.data;
  const access = await requireStore(store);
  if (!can(access.roles, "design")) return { ok: false, error: errorMessage(t, "permission.denied") };
  try {
    const draft = await inStore(database(), access, (tx) =>
      saveDraft(tx, { tenantId: access.store.id, userId: access.userId, number, revision, config }),
    );
    // The version history beside the editor shows who saved last.
    // The name may have changed: the switcher, the overview and the navigation show it.
    revalidatePath(`/stores/${access.store.slug}`, "layout");
    return { ok: true, revision: draft.revision };
  } catch (error) {
    if (error instanceof DraftConflictError) {
      return { ok: false, conflict: format(t.design.conflict, { name: error.current?.updatedBy?.name ?? t.design.someone }) };
    }
    // The editor checks with the same schema before saving; a save that still fails it is told which field.
    if (error instanceof InvalidDraftError) return { ok: false, error: saveRefusal(config, templates[access.store.templateId], t, locale) };
    throw error;
  }
}

export type DraftActionResult = { ok: true } | { ok: false; message: string };

const publishSchema = z.object({ store: storeRefSchema, number: z.int().positive(), revision: z.int().min(0) });

/** Publishes the draft the merchant sees (at that revision): from then on shoppers' Mini Programs show it. */
export async function publishDraftAction(input: z.input<typeof publishSchema>): Promise<DraftActionResult> {
  const { t } = await currentDictionary();
  const parsed = publishSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: errorMessage(t, "form.invalid") };
  const access = await requireStore(parsed.data.store);
  if (!can(access.roles, "publish")) return { ok: false, message: errorMessage(t, "permission.denied") };
  const actor = await auditActor(access.userId);
  try {
    await inStore(database(), access, async (tx) => {
      await publishDraft(tx, { tenantId: access.store.id, userId: access.userId, number: parsed.data.number, revision: parsed.data.revision });
      await recordAudit(tx, { tenantId: access.store.id, actor, action: "design.published", details: { version: parsed.data.number } });
    });
  } catch (error) {
    if (error instanceof DraftConflictError) {
      return { ok: false, message: format(t.design.conflict, { name: error.current?.updatedBy?.name ?? t.design.someone }) };
    }
    if (error instanceof InvalidConfigError) return { ok: false, message: t.design.cannotPublish };
    throw error;
  }
  revalidatePath(`/stores/${access.store.slug}`, "layout");
  return { ok: true };
}

const restoreSchema = z.object({ store: storeRefSchema, number: z.int().positive() });

/** Copies an earlier version into the draft, to review and publish again (a rollback is a new version). */
export async function restoreVersionAction(input: z.input<typeof restoreSchema>): Promise<DraftActionResult> {
  const { t } = await currentDictionary();
  const parsed = restoreSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: errorMessage(t, "form.invalid") };
  const access = await requireStore(parsed.data.store);
  if (!can(access.roles, "design")) return { ok: false, message: errorMessage(t, "permission.denied") };
  try {
    await inStore(database(), access, (tx) => restoreVersion(tx, { tenantId: access.store.id, userId: access.userId, number: parsed.data.number }));
  } catch (error) {
    if (error instanceof InvalidDraftError) return { ok: false, message: t.design.cannotRestore };
    throw error;
  }
  revalidatePath(`/stores/${access.store.slug}/design`);
  return { ok: true };
}

"use server";
import { DraftConflictError, editDraft, InvalidDraftError, publishDraft, restoreVersion } from "@kaidian/design";
import { InvalidConfigError } from "@kaidian/storefront";
import { can, inStore, storeRefSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { DRAFT_PARTS } from "@/components/design/draft-parts";
import { errorMessage, format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "../db";
import { requireStore } from "../session";

export type DraftSaveResult =
  | { ok: true; revision: number }
  | { ok: false; conflict?: string; fieldErrors?: Record<string, string>; formError?: string };

// The fields' own rules are the template schema's, applied by the domain to the whole config.
const draftPartEditSchema = z.object({
  store: storeRefSchema,
  number: z.int().positive(),
  revision: z.int().min(0),
  part: z.enum(DRAFT_PARTS),
  values: z.record(z.string(), z.unknown()),
});

/** Autosave of a form over one part of the config (store info, theme): one edit of the draft at the editor's revision. */
export async function saveDraftPartAction(input: z.input<typeof draftPartEditSchema>): Promise<DraftSaveResult> {
  const { t } = await currentDictionary();
  const parsed = draftPartEditSchema.safeParse(input);
  if (!parsed.success) return { ok: false, formError: errorMessage(t, "form.invalid") };
  const { store, number, revision, part, values } = parsed.data;
  const access = await requireStore(store);
  if (!can(access.roles, "design")) return { ok: false, formError: errorMessage(t, "permission.denied") };
  try {
    const draft = await inStore(database(), access, (tx) =>
      editDraft(tx, { tenantId: access.store.id, userId: access.userId, number, revision }, (config) => ({
        ...config,
        [part]: { ...config[part], ...values },
      })),
    );
    revalidatePath(`/stores/${access.store.slug}/design`);
    return { ok: true, revision: draft.revision };
  } catch (error) {
    if (error instanceof DraftConflictError) {
      return { ok: false, conflict: format(t.design.conflict, { name: error.current?.updatedBy?.name ?? t.design.someone }) };
    }
    if (error instanceof InvalidDraftError) {
      const fieldErrors = Object.fromEntries(
        error.problems
          .filter((problem) => problem.path.startsWith(`${part}.`))
          .map((problem) => [problem.path.slice(part.length + 1), t.design.validation.invalid]),
      );
      return { ok: false, fieldErrors, formError: errorMessage(t, "form.invalid") };
    }
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
  try {
    await inStore(database(), access, (tx) =>
      publishDraft(tx, { tenantId: access.store.id, userId: access.userId, number: parsed.data.number, revision: parsed.data.revision }),
    );
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

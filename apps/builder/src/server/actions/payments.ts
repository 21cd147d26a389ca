"use server";
// The store's WeChat Pay settings: its owners' alone (staff and the agency are refused), saved then tested at once.
import { recordAudit } from "@kaidian/audit";
import { paymentSettingsFormSchema, savePaymentSettings, testPaymentConnection, type ConnectionTest } from "@kaidian/payments/server";
import { currentDictionary } from "@/i18n/server";
import { assertCan, inStore, storeRefSchema } from "@kaidian/tenancy";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auditActor } from "../audit";
import { database } from "../db";
import { formAction } from "../form-action";
import { paymentDeps, paymentProblemText } from "../payments";
import { requireStore } from "../session";
import { revisionField } from "../stale-edit";

async function ownerOf(store: string) {
  const access = await requireStore(store);
  assertCan(access.roles, "payments");
  return access;
}

/** The test's outcome in the merchant's words: the browser gets a sentence, not a code to look up. */
async function said(test: ConnectionTest): Promise<{ ok: boolean; message: string }> {
  const { t, locale } = await currentDictionary();
  return test.ok ? { ok: true, message: t.paymentSettings.checkOk } : { ok: false, message: paymentProblemText(test.problem, t, locale) };
}

export const savePaymentSettingsAction = formAction(
  z.intersection(z.object({ store: storeRefSchema, revision: revisionField }), paymentSettingsFormSchema),
  async ({ store, revision, ...form }) => {
    const access = await ownerOf(store);
    const deps = paymentDeps();
    const actor = await auditActor(access.userId);
    await inStore(database(), access, async (tx) => {
      const saved = await savePaymentSettings(tx, access.store.id, { userId: access.userId, revision }, form, deps.masterKey);
      const merchant = saved.account.mode === "direct" ? saved.account.mchid : saved.account.subMchid;
      await recordAudit(tx, { tenantId: access.store.id, actor, action: "payments.settingsChanged", details: { mode: saved.mode, merchant } });
    });
    // Tested straight away, so a wrong key is said on the save, not at the first shopper's payment.
    const check = await said(await testPaymentConnection(database(), access.store.id, deps));
    revalidatePath(`/stores/${access.store.slug}/settings/payments`);
    return { saved: true, check };
  },
);

export const testPaymentConnectionAction = formAction(z.object({ store: storeRefSchema }), async ({ store }) => {
  const access = await ownerOf(store);
  const check = await said(await testPaymentConnection(database(), access.store.id, paymentDeps()));
  revalidatePath(`/stores/${access.store.slug}/settings/payments`);
  return { check };
});

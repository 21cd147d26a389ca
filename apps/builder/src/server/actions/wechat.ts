"use server";
// A store's WeChat settings: appid and robot, the code-upload key, the compliance profile, the privacy guide.
import { DomainError } from "@kaidian/accounts";
import { recordAudit } from "@kaidian/audit";
import {
  complianceFormSchema,
  confirmPrivacyGuide,
  saveAppSecret,
  saveComplianceProfile,
  saveUploadKey,
  saveWechatSettings,
  wechatSettingsInputSchema,
} from "@kaidian/publishing";
import { masterKey } from "@kaidian/secrets";
import { assertCan, inStore, storeRefSchema } from "@kaidian/tenancy";
import { UPLOAD_KEY_MAX_BYTES } from "@kaidian/wechat";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "../db";
import { auditActor } from "../audit";
import { formAction } from "../form-action";
import { wechatPage } from "../publishing";
import { requireStore } from "../session";
import { revisionField } from "../stale-edit";

async function editWechat<T>(store: string, work: (access: Awaited<ReturnType<typeof requireStore>>) => Promise<T>): Promise<T> {
  const access = await requireStore(store);
  assertCan(access.roles, "settings");
  const result = await work(access);
  revalidatePath(`/stores/${access.store.slug}/wechat`);
  return result;
}

export const saveWechatAppAction = formAction(wechatSettingsInputSchema.extend({ store: storeRefSchema, revision: revisionField }), ({ store, revision, ...input }) =>
  editWechat(store, async (access) => {
    const actor = await auditActor(access.userId);
    return inStore(database(), access, async (tx) => {
      const saved = await saveWechatSettings(tx, access.store.id, { userId: access.userId, revision }, input);
      await recordAudit(tx, { tenantId: access.store.id, actor, action: "wechat.settingsChanged", details: { appid: input.appid, robot: input.robot } });
      return saved;
    });
  }),
);

/** The key comes as the downloaded file or pasted text; it is never echoed back to the form. */
export const saveUploadKeyAction = formAction(
  z.object({ store: storeRefSchema, privateKey: z.string().max(UPLOAD_KEY_MAX_BYTES * 2).optional() }),
  async ({ store, privateKey }, formData) => {
    const file = formData.get("privateKeyFile");
    let text = privateKey ?? "";
    if (file instanceof File && file.size > 0) {
      if (file.size > UPLOAD_KEY_MAX_BYTES) throw new DomainError("wechat.key.tooLarge", "privateKey");
      text = await file.text();
    }
    const fingerprint = await editWechat(store, async (access) => {
      const actor = await auditActor(access.userId);
      return inStore(database(), access, async (tx) => {
        const saved = await saveUploadKey(tx, access.store.id, access.userId, text, masterKey().key);
        // The key's fingerprint says which key it was; the key itself never leaves its sealed column.
        await recordAudit(tx, { tenantId: access.store.id, actor, action: "wechat.keyChanged", details: { fingerprint: saved } });
        return saved;
      });
    }).catch((error: unknown) => {
      // The domain names the key "key"; the form's field is privateKey.
      if (error instanceof DomainError && error.field === "key") throw new DomainError(error.code, "privateKey", error.params);
      throw error;
    });
    return { fingerprint };
  },
);

/** The AppSecret is sealed on save and never sent back: the form only learns that one is stored, and when. */
export const saveAppSecretAction = formAction(z.object({ store: storeRefSchema, revision: revisionField, appSecret: z.string().max(200) }), ({ store, revision, appSecret }) =>
  editWechat(store, async (access) => {
    const actor = await auditActor(access.userId);
    return inStore(database(), access, async (tx) => {
      const saved = await saveAppSecret(tx, access.store.id, { userId: access.userId, revision }, appSecret, masterKey().key);
      await recordAudit(tx, { tenantId: access.store.id, actor, action: "wechat.appSecretChanged" });
      return { savedAt: saved.updatedAt.toISOString() };
    });
  }),
);

export const saveComplianceAction = formAction(complianceFormSchema.extend({ store: storeRefSchema, revision: revisionField }), ({ store, revision, ...profile }) =>
  editWechat(store, async (access) => {
    const actor = await auditActor(access.userId);
    await inStore(database(), access, async (tx) => {
      await saveComplianceProfile(tx, access.store.id, { userId: access.userId, revision }, profile);
      await recordAudit(tx, { tenantId: access.store.id, actor, action: "wechat.complianceChanged", details: { pathway: profile.pathway } });
    });
    return { saved: true };
  }),
);

/** Confirms the guide the merchant saw; if the package's data changed since, they must look again. */
export const confirmPrivacyAction = formAction(z.object({ store: storeRefSchema, signature: z.string().max(4_000) }), ({ store, signature }) =>
  editWechat(store, async (access) => {
    const { privacy } = await wechatPage(access);
    if (!privacy || privacy.signature !== signature) throw new DomainError("privacy.changed");
    await inStore(database(), access, (tx) => confirmPrivacyGuide(tx, access.store.id, access.userId, privacy.uses));
    return { confirmed: true };
  }),
);

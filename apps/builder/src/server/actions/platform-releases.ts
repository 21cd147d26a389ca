"use server";
// Releases through the third-party platform: a store's commit and audit submission, its release once approved and
// its revert (the release card under 微信设置), and an agency's fleet release with its resume. Each parses with the
// domain's schema and calls the domain; WeChat's refusals come back in the merchant's words.
import { DomainError, NotFoundError } from "@kaidian/accounts";
import {
  fleetReleaseFormSchema,
  fleetReleaseInputSchema,
  refreshAuditStatus,
  releaseApproved,
  resumeFleetRelease,
  revertRelease,
  shopApiBaseUrl,
  startFleetRelease,
  startStoreRelease,
  storeReleaseInputSchema,
  type Publisher,
} from "@kaidian/publishing";
import { recordAudit } from "@kaidian/audit";
import { agencyOf, assertCan, storeRefSchema } from "@kaidian/tenancy";
import { WechatApiError, wechatErrorMessage } from "@kaidian/wechat/server-api";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentDictionary } from "@/i18n/server";
import { auditActor } from "../audit";
import { database } from "../db";
import { formAction } from "../form-action";
import { requireStore, requireUser } from "../session";
import { wechatPlatform } from "../wechat-platform";

function platformParts() {
  const platform = wechatPlatform();
  if (!platform) throw new DomainError("platformRelease.notPlatform");
  return { db: database(), code: platform.code };
}

/** A WeChat refusal of a direct step (release, revert), in the merchant's language. */
async function inWechatWords<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof WechatApiError)) throw error;
    const { locale } = await currentDictionary();
    throw new DomainError("platformRelease.wechat", undefined, { reason: wechatErrorMessage(error.kind, locale) });
  }
}

async function releasingStore(store: string) {
  const access = await requireStore(store);
  assertCan(access.roles, "publish");
  return access;
}

const wechatPath = (slug: string) => `/stores/${slug}/wechat`;

export const submitStoreReleaseAction = formAction(storeReleaseInputSchema.extend({ store: storeRefSchema }), async ({ store, category, ...input }) => {
  const access = await releasingStore(store);
  const release = await startStoreRelease(platformParts(), { tenantId: access.store.id, userId: access.userId }, { ...input, category: JSON.stringify(category) }, shopApiBaseUrl());
  const actor = await auditActor(access.userId);
  await database().scoped({ tenantId: access.store.id, userId: access.userId }, (tx) =>
    recordAudit(tx, { tenantId: access.store.id, actor, action: "release.submitted", details: { templateId: input.templateId, version: input.userVersion, status: release.status } }),
  );
  revalidatePath(wechatPath(access.store.slug));
  return { status: release.status };
});

export const releaseStoreAction = formAction(z.object({ store: storeRefSchema }), async ({ store }) => {
  const access = await releasingStore(store);
  const release = await inWechatWords(() => releaseApproved(platformParts(), access.store.id));
  if (release.status !== "released") throw new DomainError("platformRelease.wechat", undefined, { reason: wechatErrorMessage(release.errorKind ?? "wechat.rejected", (await currentDictionary()).locale) });
  const actor = await auditActor(access.userId);
  await database().scoped({ tenantId: access.store.id, userId: access.userId }, (tx) =>
    recordAudit(tx, { tenantId: access.store.id, actor, action: "release.released", details: { version: release.userVersion } }),
  );
  revalidatePath(wechatPath(access.store.slug));
  return { status: release.status };
});

export const revertStoreAction = formAction(z.object({ store: storeRefSchema }), async ({ store }) => {
  const access = await releasingStore(store);
  const reverted = await inWechatWords(() => revertRelease(platformParts(), access.store.id));
  const actor = await auditActor(access.userId);
  await database().scoped({ tenantId: access.store.id, userId: access.userId }, (tx) =>
    recordAudit(tx, { tenantId: access.store.id, actor, action: "release.reverted", details: { version: reverted.userVersion } }),
  );
  revalidatePath(wechatPath(access.store.slug));
  return { status: reverted.status };
});

/** Asks WeChat for the audit's result, for a verdict whose push never came. */
export const refreshAuditAction = formAction(z.object({ store: storeRefSchema }), async ({ store }) => {
  const access = await releasingStore(store);
  const release = await inWechatWords(() => refreshAuditStatus(platformParts(), access.store.id));
  revalidatePath(wechatPath(access.store.slug));
  return { status: release?.status ?? null };
});

async function publisher(): Promise<Publisher> {
  const user = await requireUser();
  const membership = await agencyOf(database(), user.id);
  if (!membership) throw new NotFoundError("fleet.notFound");
  return { userId: user.id, membership };
}

export const startFleetAction = formAction(fleetReleaseFormSchema, async ({ firstClass, secondClass, ...input }, formData) => {
  // The chosen stores arrive as repeated `stores` fields.
  const stores = fleetReleaseInputSchema.shape.stores.safeParse(formData.getAll("stores"));
  if (!stores.success) throw new DomainError(stores.error.issues[0]!.message, "stores");
  platformParts();
  const fleet = await startFleetRelease(database(), await publisher(), { ...input, category: { firstClass, secondClass }, stores: stores.data }, shopApiBaseUrl());
  redirect(`/agency/publish/fleets/${fleet.id}`);
});

export const resumeFleetAction = formAction(z.object({ fleet: z.string().uuid({ error: "fleet.notFound" }) }), async ({ fleet }) => {
  await resumeFleetRelease(database(), await publisher(), fleet);
  revalidatePath(`/agency/publish/fleets/${fleet}`);
  return { resumed: true };
});

"use server";
// Publishing a store: an upload of its published design, a WeChat preview of its latest one, an earlier build's
// package uploaded again. Each checks the store's readiness first and only queues; workers do the rest.
import { DomainError, NotFoundError } from "@kaidian/accounts";
import { buildNumberSchema, previewRequestSchema, readBuild, requestBuild, storeReadiness, uploadRequestSchema, type BuildRequest } from "@kaidian/publishing";
import { PAGE_IDS, pages } from "@kaidian/templates";
import { assertCan, inStore, storeRefSchema, type StoreAccess } from "@kaidian/tenancy";
import { redirect } from "next/navigation";
import { z } from "zod";
import { database } from "../db";
import { auditActor } from "../audit";
import { formAction } from "../form-action";
import { requireStore } from "../session";

async function queueBuild(store: string, request: BuildRequest): Promise<{ access: StoreAccess; number: number }> {
  const access = await requireStore(store);
  assertCan(access.roles, "publish");
  const requester = await auditActor(access.userId);
  const { number } = await inStore(database(), access, async (tx) => {
    const readiness = await storeReadiness(tx, access.store, request.purpose);
    if (readiness.blocking.length) throw new DomainError("release.notReady", undefined, { count: readiness.blocking.length });
    return requestBuild(tx, access.store, requester, request);
  });
  return { access, number };
}

const buildPath = (access: StoreAccess, number: number) => `/stores/${access.store.slug}/publish/builds/${number}`;

export const uploadAction = formAction(uploadRequestSchema.extend({ store: storeRefSchema }), async ({ store, ...request }) => {
  const { access, number } = await queueBuild(store, { purpose: "UPLOAD", ...request });
  redirect(buildPath(access, number));
});

/** Returns the build's number: the page follows it live and shows WeChat's QR code when it is done. */
export const previewAction = formAction(previewRequestSchema.extend({ store: storeRefSchema }), async ({ store, ...request }) => {
  const { number } = await queueBuild(store, { purpose: "PREVIEW", ...request });
  return { number };
});

export const republishAction = formAction(
  uploadRequestSchema.extend({ store: storeRefSchema, source: buildNumberSchema }),
  async ({ store, source, ...request }) => {
    const { access, number } = await queueBuild(store, { purpose: "UPLOAD", republish: source, ...request });
    redirect(buildPath(access, number));
  },
);

/** The same request as a failed build, as a new build. */
export const retryBuildAction = formAction(z.object({ store: storeRefSchema, number: buildNumberSchema }), async ({ store, number }) => {
  const access = await requireStore(store);
  const failed = await inStore(database(), access, (tx) => readBuild(tx, number));
  if (!failed) throw new NotFoundError("build.notFound");
  const again: BuildRequest =
    failed.purpose === "UPLOAD"
      ? { purpose: "UPLOAD", version: failed.version ?? "", description: failed.description ?? "", republish: failed.sourceBuildNumber ?? undefined }
      : { purpose: "PREVIEW", page: PAGE_IDS.find((id) => pages[id].path === failed.previewPage), query: failed.previewQuery ?? undefined };
  const queued = await queueBuild(store, again);
  redirect(buildPath(queued.access, queued.number));
});

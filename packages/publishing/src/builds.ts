// Builds as people ask for them and read them: an upload of the published design, a preview of the latest one, or
// the stored package of an earlier build uploaded again (a rollback). Asking only queues; workers do the work.
import { DomainError } from "@kaidian/accounts";
import { type AuditActor, recordAudit } from "@kaidian/audit";
import type { Prisma, Transaction } from "@kaidian/db";
import { pages, templates, type PageId } from "@kaidian/templates";
import { previewQuerySchema, releaseDescriptionSchema, releaseVersionSchema } from "@kaidian/wechat";
import { z } from "zod";
import { buildableVersion, type StoreRef } from "./readiness-facts";

export const STEP_NAMES = ["checks", "generate", "compile", "store", "fetch", "upload", "preview"] as const;
export type StepName = (typeof STEP_NAMES)[number];
export type StepState = {
  step: StepName;
  status: "pending" | "running" | "done" | "failed" | "skipped";
  startedAt?: string;
  finishedAt?: string;
};

/** A build's number as it arrives in a URL or a form: per store, from 1. */
export const buildNumberSchema = z.coerce.number().int().positive().max(1_000_000_000);

export const uploadRequestSchema = z.object({ version: releaseVersionSchema, description: releaseDescriptionSchema });
export const previewRequestSchema = z.object({
  page: z.string().max(20).optional().transform((value) => value || undefined),
  query: previewQuerySchema.optional().transform((value) => value || undefined),
});

export type BuildRequest =
  | ({ purpose: "UPLOAD"; republish?: number } & z.infer<typeof uploadRequestSchema>)
  | ({ purpose: "PREVIEW" } & z.infer<typeof previewRequestSchema>);

export const DEFAULT_MAX_ATTEMPTS = 3;

export function plannedSteps(purpose: "UPLOAD" | "PREVIEW", republish: boolean): StepState[] {
  const names: StepName[] = republish
    ? ["checks", "fetch", "upload"]
    : ["checks", "generate", "compile", "store", purpose === "UPLOAD" ? "upload" : "preview"];
  return names.map((step) => ({ step, status: "pending" }));
}

/**
 * Makes requests for one store's builds take turns until the transaction ends: numbers stay gapless and a check
 * made under it (is a build of this batch already waiting?) still holds when the build is queued.
 */
export async function lockStoreBuilds(tx: Transaction, storeId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`builds:${storeId}`}, 0))`;
}

/**
 * Queues a build of the store and records who asked in its audit log; returns its number. The store's readiness is
 * the caller's question.
 */
export async function requestBuild(
  tx: Transaction,
  store: StoreRef,
  requester: AuditActor,
  request: BuildRequest,
  options: { batchId?: string; maxAttempts?: number } = {},
): Promise<{ id: string; number: number }> {
  await lockStoreBuilds(tx, store.id);
  const [last, wechat] = await Promise.all([
    tx.build.findFirst({ orderBy: { number: "desc" }, select: { number: true } }),
    tx.wechatCredential.findFirst({ select: { robot: true } }),
  ]);

  let configVersionId: string;
  let templateId: string = store.templateId;
  let sourceBuildId: string | undefined;
  if (request.purpose === "UPLOAD" && request.republish !== undefined) {
    const source = await tx.build.findFirst({
      // Uploads only: a preview's package is of a design that may never have been published.
      where: { number: request.republish, purpose: "UPLOAD", artifactKey: { not: null } },
      select: { id: true, configVersionId: true, templateId: true },
    });
    if (!source) throw new DomainError("release.noArtifact", undefined, { number: request.republish });
    ({ configVersionId, templateId } = source);
    sourceBuildId = source.id;
  } else {
    // A store always has a version (its sample); an upload without a published one fails its checks, saying so.
    const version = (await buildableVersion(tx, request.purpose)) ?? (await buildableVersion(tx, "PREVIEW"));
    if (!version) throw new DomainError("release.noVersion");
    configVersionId = version.id;
  }

  let previewPage: string | undefined;
  if (request.purpose === "PREVIEW" && request.page) {
    const page = templates[store.templateId].pages.find((candidate) => candidate.id === request.page);
    if (!page) throw new DomainError("preview.page.invalid", "page");
    previewPage = pages[page.id as PageId].path;
  }

  const build = await tx.build.create({
    data: {
      tenantId: store.id,
      number: (last?.number ?? 0) + 1,
      purpose: request.purpose,
      configVersionId,
      sourceBuildId,
      batchId: options.batchId,
      templateId,
      robot: wechat?.robot ?? 1,
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      steps: plannedSteps(request.purpose, sourceBuildId !== undefined) as Prisma.InputJsonValue,
      createdById: requester.id,
      ...(request.purpose === "UPLOAD"
        ? { version: request.version, description: request.description }
        : { previewPage, previewQuery: request.query }),
    },
    select: { id: true, number: true },
  });
  await recordAudit(tx, {
    tenantId: store.id,
    actor: requester,
    action: request.purpose === "UPLOAD" ? "build.uploadRequested" : "build.previewRequested",
    details: { build: build.number, ...(request.purpose === "UPLOAD" && { version: request.version }) },
  });
  return build;
}

const summaryFields = {
  id: true,
  number: true,
  purpose: true,
  status: true,
  version: true,
  description: true,
  previewPage: true,
  previewQuery: true,
  robot: true,
  attempts: true,
  maxAttempts: true,
  runAfter: true,
  steps: true,
  templateId: true,
  templateVersion: true,
  runtimeVersion: true,
  generatorVersion: true,
  contentHash: true,
  sizes: true,
  artifactKey: true,
  result: true,
  errorCode: true,
  errorParams: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  createdById: true,
  sourceBuildId: true,
  batchId: true,
  configVersion: { select: { number: true } },
} as const;

type BuildRow = Prisma.BuildGetPayload<{ select: typeof summaryFields }>;

export type UploadResult = { subPackageInfo: { name: string; size: number }[]; qr?: { key: string; contentType: string } };

export type BuildView = Omit<BuildRow, "steps" | "result" | "errorParams" | "configVersion" | "sizes" | "sourceBuildId"> & {
  steps: StepState[];
  result: UploadResult | null;
  errorParams: Record<string, string | number>;
  sizes: { main: number; subpackages: { root: string; bytes: number }[]; total: number; zip: number } | null;
  configVersion: number;
  sourceBuildNumber: number | null;
  createdBy: string | null;
};

async function toViews(tx: Transaction, rows: BuildRow[]): Promise<BuildView[]> {
  const userIds = [...new Set(rows.map((row) => row.createdById).filter((id): id is string => id !== null))];
  const sourceIds = [...new Set(rows.map((row) => row.sourceBuildId).filter((id): id is string => id !== null))];
  const [users, sources] = await Promise.all([
    userIds.length ? tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    sourceIds.length ? tx.build.findMany({ where: { id: { in: sourceIds } }, select: { id: true, number: true } }) : [],
  ]);
  return rows.map(({ steps, result, errorParams, configVersion, sizes, sourceBuildId, ...row }) => ({
    ...row,
    steps: steps as StepState[],
    result: result as UploadResult | null,
    errorParams: (errorParams ?? {}) as Record<string, string | number>,
    sizes: sizes as BuildView["sizes"],
    configVersion: configVersion.number,
    sourceBuildNumber: sources.find((source) => source.id === sourceBuildId)?.number ?? null,
    createdBy: users.find((user) => user.id === row.createdById)?.name ?? null,
  }));
}

export async function listBuilds(tx: Transaction, take = 30): Promise<BuildView[]> {
  return toViews(tx, await tx.build.findMany({ select: summaryFields, orderBy: { number: "desc" }, take }));
}

export type BuildLogLine = { id: string; step: string; level: string; message: string; at: Date };

/** Log lines a read returns at most; `moreLogs` says there are more to read after the last one. */
export const LOG_PAGE = 500;

/** One build with its log lines after `afterLogId` (from the first when left out); null when the store has no such build. */
export async function readBuild(
  tx: Transaction,
  number: number,
  afterLogId?: bigint,
): Promise<(BuildView & { logs: BuildLogLine[]; moreLogs: boolean }) | null> {
  const row = await tx.build.findFirst({ where: { number }, select: summaryFields });
  if (!row) return null;
  const [view] = await toViews(tx, [row]);
  const logs = await tx.buildLog.findMany({
    where: { buildId: row.id, ...(afterLogId !== undefined ? { id: { gt: afterLogId } } : {}) },
    orderBy: { id: "asc" },
    take: LOG_PAGE + 1,
    select: { id: true, step: true, level: true, message: true, createdAt: true },
  });
  return {
    ...view!,
    logs: logs.slice(0, LOG_PAGE).map((log) => ({ id: log.id.toString(), step: log.step, level: log.level, message: log.message, at: log.createdAt })),
    moreLogs: logs.length > LOG_PAGE,
  };
}

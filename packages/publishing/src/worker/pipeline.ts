// One build, step by step: checks → generate → store → upload (or preview); a republish is checks → fetch the stored
// package → upload. A package is built on the runtime miniprogram-ci compiled once per runtime version (see
// @kaidian/generator's precompiled.ts): it holds what WeChat's upload would send, so no step compiles per store (the
// compile step is recorded as skipped) and the upload sends it as it is. Only a stored package from before that
// (source form) is compiled, by miniprogram-ci's own upload. Every step records its state and log lines as it goes, so the dashboard shows
// progress live and a failure says where. A failure is `transient` when trying again later can help (network,
// timeouts, WeChat's own trouble); those are retried with growing delays while attempts remain.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import type { Database, Prisma } from "@kaidian/db";
import {
  describeFiles,
  formatProblem,
  generatePackage,
  GENERATOR_VERSION,
  loadCompiledRuntime,
  loadRuntime,
  packageFormOf,
  unzipFiles,
  writeDirectory,
  type PackageForm,
} from "@kaidian/generator";
import { inspectImage, MEDIA_FORMATS, type MediaStorage } from "@kaidian/media/server";
import { loadSiteSnapshot } from "@kaidian/storefront";
import { templateIdSchema, templates } from "@kaidian/templates";
import { handOverToWechat, type WechatConnection } from "@kaidian/wechat/ci";
import type { StepName, StepState, UploadResult } from "../builds";
import { storeReadiness } from "../readiness-facts";
import { recordRefusedIp, uploadCredentials } from "../wechat-settings";
import { BuildRecord, BuildTakenBackError, redact } from "./build-record";
import type { ClaimedBuild, Outcome } from "./queue";

export type PipelineContext = {
  db: Database;
  storage: MediaStorage;
  masterKey: Buffer;
  wechat: WechatConnection;
  /** Where the built Mini Program reads its store's data: `<shopApiUrl>/api/mp/v1/<store>` (shop-api). */
  shopApiUrl: string;
  /** The first retry's delay; each later one is four times longer. */
  retryDelayMs: number;
  compileTimeoutMs: number;
};

/** A step that cannot go on: `code` names why for the dashboard, `params` fill in its message. */
export class StepFailure extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly transient = false,
  ) {
    super(code);
  }
}

/** The stored package of a store's content, addressed by its content hash: the same package is stored once. */
export function artifactKey(tenantId: string, contentHash: string): string {
  return `tenants/${tenantId}/packages/${contentHash}.zip`;
}

const buildFields = {
  id: true, tenantId: true, number: true, purpose: true, version: true, description: true, robot: true, configVersionId: true,
  previewPage: true, previewQuery: true, steps: true, templateId: true,
  configVersion: { select: { number: true } },
  tenant: { select: { id: true, slug: true, templateId: true, status: true } },
  sourceBuildId: true,
} as const;

export async function runBuild(context: PipelineContext, claimed: ClaimedBuild, workerId: string, signal: AbortSignal): Promise<Outcome> {
  const { db } = context;
  const scope = { tenantId: claimed.tenantId };
  const build = await db.scoped(scope, (tx) => tx.build.findFirst({ where: { id: claimed.id }, select: buildFields }));
  if (!build) return { status: "FAILED", errorCode: "build.missing", errorParams: {} };
  const record = new BuildRecord(db, build, workerId, build.steps as StepState[]);
  const scratch = await mkdtemp(path.join(os.tmpdir(), "kaidian-build-"));
  const projectPath = path.join(scratch, build.tenant.slug);
  let step: StepName | "build" = "build";
  const stage = async <T>(name: StepName, work: () => Promise<T>): Promise<T> => {
    if (signal.aborted) throw new StepFailure("build.stopped", {}, true);
    step = name;
    await record.start(name);
    const result = await work();
    await record.finish(name, "done");
    return result;
  };

  try {
    record.log(`attempt ${claimed.attempts} of ${claimed.maxAttempts}`);
    const store = { id: build.tenant.id, templateId: templateIdSchema.parse(build.tenant.templateId), status: build.tenant.status };

    await stage("checks", async () => {
      // Judged on what this build will hand over: its own design version, not whatever is latest now.
      const readiness = await db.scoped(scope, (tx) => storeReadiness(tx, store, build.purpose, build.configVersionId));
      for (const check of readiness.warnings) record.log(`warning: ${check.id}`, "warn");
      if (readiness.blocking.length) {
        for (const check of readiness.blocking) record.log(`not ready: ${check.id}`, "error");
        throw new StepFailure("build.notReady", { checks: readiness.blocking.map((check) => check.id).join(",") });
      }
      record.log(`ready: ${readiness.checks.length} checks, ${readiness.warnings.length} warnings`);
    });
    const credentials = await db.scoped(scope, (tx) => uploadCredentials(tx, store.id, context.masterKey));
    if (!credentials) throw new StepFailure("build.notReady", { checks: "wechat.key" });
    step = "build";

    let form: PackageForm = "compiled";
    if (build.sourceBuildId) {
      form = await stage("fetch", () => fetchStoredPackage(context, build.sourceBuildId!, scope, projectPath, record));
      if (form === "source") record.log("stored before the runtime was precompiled: miniprogram-ci compiles it on upload");
    } else {
      const made = await stage("generate", () => generate(context, build, store, credentials.appid, record));
      await writeDirectory(projectPath, made.files);
      const key = artifactKey(store.id, made.contentHash);
      step = "compile";
      record.log(`built on runtime ${made.runtimeVersion} as miniprogram-ci compiles it for upload (${made.compiledRuntimeKey.slice(0, 12)}): nothing to compile for this store`);
      await record.finish("compile", "skipped");
      // The same bytes are stored once (by another build, or by this one in an earlier attempt).
      const same = await db.scoped(scope, (tx) => tx.build.findFirst({ where: { artifactKey: key }, orderBy: { number: "asc" }, select: { number: true } }));
      if (same) {
        record.log(same.number === build.number ? "package stored by an earlier attempt" : `same package as build #${same.number}, which stored it`);
        await record.finish("store", "skipped");
      } else {
        await stage("store", async () => {
          await context.storage.put(key, made.zip, "application/zip");
          record.log(`stored ${key} (${made.zip.length} bytes)`);
        });
      }
      await record.update({ artifactKey: key });
    }

    const handOver = build.purpose === "UPLOAD" ? "upload" : "preview";
    const result = await stage(handOver, () => toWechat(context, build, credentials, projectPath, form, record, signal));
    await record.flush();
    return { status: "SUCCEEDED", data: { result: result as Prisma.InputJsonValue } };
  } catch (error) {
    // Taken back from this worker, or stopped with it: the build is the queue's again, unharmed.
    if (error instanceof BuildTakenBackError || signal.aborted) {
      record.log(`stopped during ${step}: ${signal.aborted ? String(signal.reason?.message ?? "the worker is stopping") : "the build was taken back"}`, "warn");
      await record.flush();
      return { status: "RELEASED" };
    }
    const failure = error instanceof StepFailure ? error : unexpected(error);
    record.log(`${step} failed: ${failure.code}${Object.keys(failure.params).length ? ` ${JSON.stringify(failure.params)}` : ""}`, "error");
    await record.failRunning().catch(() => undefined);
    await record.flush();
    // Shown in the dashboard: messages from miniprogram-ci pass the same redaction as log lines.
    const errorParams = Object.fromEntries(Object.entries(failure.params).map(([name, value]) => [name, typeof value === "string" ? redact(value) : value]));
    if (failure.transient && claimed.attempts < claimed.maxAttempts) {
      const delayMs = context.retryDelayMs * 4 ** (claimed.attempts - 1);
      return { status: "RETRY", delayMs, errorCode: failure.code, errorParams: { ...errorParams, retryInSeconds: Math.round(delayMs / 1000) } };
    }
    return { status: "FAILED", errorCode: failure.code, errorParams };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

type GeneratedBuild = { files: ReadonlyMap<string, Buffer>; zip: Buffer; contentHash: string; runtimeVersion: string; compiledRuntimeKey: string };

async function generate(
  context: PipelineContext,
  build: { id: string; configVersion: { number: number }; tenant: { id: string; slug: string } },
  store: { id: string; templateId: keyof typeof templates },
  appid: string,
  record: BuildRecord,
): Promise<GeneratedBuild> {
  const snapshot = await loadSiteSnapshot(context.db, store.id, {
    configVersion: build.configVersion.number,
    apiBaseUrl: `${context.shopApiUrl}/api/mp/v1/${store.id}`,
    onSkipped: (skipped) => record.log(`${skipped.length} catalog item(s) left out: their data does not pass the catalog's rules`, "warn"),
  });
  if (!snapshot) throw new StepFailure("build.noVersion", { version: build.configVersion.number });
  const runtime = await loadRuntime();
  let compiledRuntime;
  try {
    compiledRuntime = await loadCompiledRuntime(runtime, { timeoutMs: context.compileTimeoutMs });
  } catch (error) {
    // Only a machine whose cache is empty compiles the runtime here (npm run build fills it): a timeout on a
    // loaded machine is worth another attempt.
    throw new StepFailure("build.compileStopped", { detail: String((error as Error).message).slice(0, 300) }, true);
  }
  const generated = await generatePackage(
    { tenant: { id: store.id, slug: build.tenant.slug }, appid, templateId: store.templateId, snapshot },
    { runtime, compiledRuntime, form: "compiled" },
  );
  if (!generated.ok) {
    for (const problem of generated.problems) record.log(formatProblem(problem), "error");
    const first = generated.problems[0]!;
    throw new StepFailure(first.rule.startsWith("size.") ? "build.tooLarge" : "build.invalidPackage", {
      count: generated.problems.length,
      file: first.file,
      detail: first.message.slice(0, 300),
    });
  }
  const { manifest } = generated;
  record.log(
    `config v${manifest.configVersion}, template ${manifest.templateId} ${manifest.versions.template}, runtime ${manifest.versions.runtime}, ` +
      `generator ${GENERATOR_VERSION}: ${manifest.files.length} files, main ${manifest.sizes.main} bytes, zip ${manifest.sizes.zip} bytes`,
  );
  await record.update({
    templateVersion: templates[store.templateId].version,
    runtimeVersion: runtime.version,
    generatorVersion: GENERATOR_VERSION,
    contentHash: manifest.contentHash,
    sizes: manifest.sizes as Prisma.InputJsonValue,
  });
  return { files: generated.files, zip: generated.zip, contentHash: manifest.contentHash, runtimeVersion: runtime.version, compiledRuntimeKey: compiledRuntime.key };
}

async function fetchStoredPackage(
  context: PipelineContext,
  sourceBuildId: string,
  scope: { tenantId: string },
  projectPath: string,
  record: BuildRecord,
): Promise<PackageForm> {
  const source = await context.db.scoped(scope, (tx) =>
    tx.build.findFirst({ where: { id: sourceBuildId }, select: { number: true, artifactKey: true, contentHash: true, sizes: true, generatorVersion: true } }),
  );
  if (!source?.artifactKey || !source.contentHash) throw new StepFailure("build.artifactMissing");
  const stored = await context.storage.get(source.artifactKey);
  if (!stored) throw new StepFailure("build.artifactMissing", { number: source.number });
  const files = unzipFiles(await buffer(Readable.fromWeb(stored.body as import("node:stream/web").ReadableStream)));
  // The stored bytes must be the package that build made, byte for byte.
  if (describeFiles(files).contentHash !== source.contentHash) throw new StepFailure("build.artifactDamaged", { number: source.number });
  await writeDirectory(projectPath, files);
  await record.update({ contentHash: source.contentHash, sizes: source.sizes ?? undefined, artifactKey: source.artifactKey });
  record.log(`package of build #${source.number} fetched and verified (${files.size} files, content ${source.contentHash.slice(0, 12)})`);
  return packageFormOf(source.generatorVersion);
}

async function toWechat(
  context: PipelineContext,
  build: { id: string; number: number; purpose: "UPLOAD" | "PREVIEW"; version: string | null; description: string | null; robot: number; previewPage: string | null; previewQuery: string | null; tenant: { id: string } },
  credentials: { appid: string; privateKey: string },
  projectPath: string,
  form: PackageForm,
  record: BuildRecord,
  signal: AbortSignal,
): Promise<UploadResult> {
  const request =
    build.purpose === "UPLOAD"
      ? { purpose: "upload" as const, version: build.version ?? "", description: build.description ?? "" }
      : { purpose: "preview" as const, description: `preview #${build.number}`, pagePath: build.previewPage ?? undefined, query: build.previewQuery ?? undefined };
  record.log(`handing the package to WeChat as ${request.purpose === "upload" ? `version ${request.version}` : "a preview"} (appid ${credentials.appid}, robot ${build.robot})`);
  const answer = await handOverToWechat(
    { projectPath, appid: credentials.appid, privateKey: credentials.privateKey, robot: build.robot, compiled: form === "compiled", ...request },
    context.wechat,
    { onLog: (line) => record.log(line), signal },
  );
  if (!answer.ok) {
    const { failure } = answer;
    if (failure.code === "wechat.ipNotWhitelisted" && "ip" in failure.params && failure.params.ip) {
      const ip = failure.params.ip;
      await context.db.scoped({ tenantId: build.tenant.id }, (tx) => recordRefusedIp(tx, ip));
    }
    // WeChat does not always say which part is too large: then our own measurement goes with the message.
    const measured =
      failure.code === "wechat.packageTooLarge" && !("part" in failure.params)
        ? ((await context.db.scoped({ tenantId: build.tenant.id }, (tx) => tx.build.findFirst({ where: { id: build.id }, select: { sizes: true } })))?.sizes as { main?: number; total?: number } | null)
        : null;
    throw new StepFailure(failure.code, { ...failure.params, ...(measured ? { main: measured.main ?? 0, total: measured.total ?? 0 } : {}) }, failure.transient);
  }
  for (const info of answer.subPackageInfo) record.log(`WeChat measured ${info.name === "__APP__" ? "the main package" : info.name === "__FULL__" ? "the whole package" : info.name}: ${info.size} bytes`);
  if (!answer.qrImage) return { subPackageInfo: answer.subPackageInfo };
  const { format } = inspectImage(answer.qrImage);
  const { extension, contentType } = MEDIA_FORMATS[format];
  const key = `tenants/${build.tenant.id}/builds/${build.id}-qr.${extension}`;
  await context.storage.put(key, answer.qrImage, contentType);
  record.log("WeChat's preview QR code stored");
  return { subPackageInfo: answer.subPackageInfo, qr: { key, contentType } };
}

function unexpected(error: unknown): StepFailure {
  console.error("build step failed unexpectedly:", redact(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return new StepFailure("build.unexpected", { detail: String((error as Error)?.message ?? error).slice(0, 300) }, true);
}

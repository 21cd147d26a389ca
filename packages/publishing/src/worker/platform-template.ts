// Puts this runtime's template package into the platform's template library, once per runtime build: generates the
// store-agnostic package (generator template-package.ts), uploads it through miniprogram-ci as the platform's
// development Mini Program (its upload becomes a draft), finds that draft, and adds it to the library. Each step's
// outcome is a platform_templates row written before the next step, claimed by one process at a time, so a run
// interrupted anywhere resumes without a second upload, and a finished one is not repeated.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Database } from "@kaidian/db";
import { formatProblem, generateTemplatePackage, GENERATOR_VERSION, TEMPLATE_PACKAGE_NAME, writeDirectory } from "@kaidian/generator";
import { handOverToWechat, type WechatConnection } from "@kaidian/wechat/ci";
import { TemplateDrafts, type ComponentTokens } from "@kaidian/wechat/open-platform";

export type PlatformTemplateParts = {
  db: Database;
  /** The platform's component token (its appid names the library). */
  tokens: Pick<ComponentTokens, "get" | "http" | "settings">;
  /** The platform's development Mini Program and its code-upload key. */
  developer: { appid: string; privateKey: string };
  wechat: WechatConnection;
  log?: (line: string) => void;
};

export type PlatformTemplateOutcome =
  | { status: "added" | "alreadyAdded"; runtimeVersion: string; userVersion: string; draftId: number }
  /** Another process holds this build's claim: it is uploading or adding it now. */
  | { status: "busy"; runtimeVersion: string; userVersion: string };

/** How long one run may hold a build's claim: the upload's own deadline is WECHAT_CI_TIMEOUT_MS. */
const CLAIM = "15 minutes";

type Row = { status: "uploading" | "drafted" | "added"; draft_id: number | null };

export async function ensurePlatformTemplate(parts: PlatformTemplateParts): Promise<PlatformTemplateOutcome> {
  const { db, developer } = parts;
  const log = parts.log ?? (() => undefined);
  const componentAppid = parts.tokens.settings.appid;
  const generated = await generateTemplatePackage({ appid: developer.appid });
  if (!generated.ok) throw new Error(`The template package does not pass its checks:\n${generated.problems.map(formatProblem).join("\n")}`);
  const { contentHash, versions } = generated.manifest;
  // WeChat shows user_version in the draft box and the library (at most 64 characters): the runtime and its build.
  const userVersion = `${versions.runtime}-${contentHash.slice(0, 12)}`;
  const known = { runtimeVersion: versions.runtime, userVersion };

  const claimed = await db.scoped({}, (tx) =>
    tx.$queryRaw<Row[]>`
      INSERT INTO platform_templates AS t (id, component_appid, content_hash, runtime_version, generator_version, user_version, claimed_until)
      VALUES (gen_random_uuid(), ${componentAppid}, ${contentHash}, ${versions.runtime}, ${GENERATOR_VERSION}, ${userVersion}, now() + ${CLAIM}::interval)
      ON CONFLICT (component_appid, content_hash) DO UPDATE SET claimed_until = EXCLUDED.claimed_until
        WHERE t.status <> 'added' AND (t.claimed_until IS NULL OR t.claimed_until < now())
      RETURNING status, draft_id`,
  );
  const row = claimed[0];
  if (!row) {
    const found = await db.scoped({}, (tx) => tx.platformTemplate.findUnique({ where: { componentAppid_contentHash: { componentAppid, contentHash } }, select: { status: true, draftId: true } }));
    return found?.status === "added" && found.draftId !== null ? { status: "alreadyAdded", ...known, draftId: found.draftId } : { status: "busy", ...known };
  }

  const record = (sql: Parameters<typeof db.scoped>[1]) => db.scoped({}, sql);
  const drafts = new TemplateDrafts(parts.tokens);
  try {
    let draftId = row.draft_id;
    if (row.status === "uploading") {
      // A run that uploaded and then stopped left its draft in the box: it is found, not uploaded again.
      draftId = await draftOf(drafts, userVersion);
      if (draftId === null) {
        log(`platform template ${userVersion}: uploading as ${developer.appid}`);
        await upload(parts, generated.files, userVersion, versions.runtime);
        draftId = await draftOf(drafts, userVersion);
        if (draftId === null) throw new Error(`WeChat took the upload of ${userVersion} but its draft box has no such draft: is ${developer.appid} the platform's development Mini Program?`);
      }
      await record((tx) => tx.$executeRaw`UPDATE platform_templates SET status = 'drafted', draft_id = ${draftId}, error = '' WHERE component_appid = ${componentAppid} AND content_hash = ${contentHash}`);
    }
    await drafts.addToTemplate(draftId!);
    await record((tx) => tx.$executeRaw`
      UPDATE platform_templates SET status = 'added', added_at = now(), claimed_until = NULL, error = '' WHERE component_appid = ${componentAppid} AND content_hash = ${contentHash}`);
    log(`platform template ${userVersion}: draft ${draftId} added to the template library`);
    return { status: "added", ...known, draftId: draftId! };
  } catch (error) {
    const message = (error as Error).message.slice(0, 1000);
    await record((tx) => tx.$executeRaw`UPDATE platform_templates SET claimed_until = NULL, error = ${message} WHERE component_appid = ${componentAppid} AND content_hash = ${contentHash}`);
    throw error;
  }
}

/** The newest draft of this user_version, or null. */
async function draftOf(drafts: TemplateDrafts, userVersion: string): Promise<number | null> {
  const matching = (await drafts.list()).filter((draft) => draft.userVersion === userVersion);
  matching.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.draftId - a.draftId);
  return matching[0]?.draftId ?? null;
}

async function upload(parts: PlatformTemplateParts, files: ReadonlyMap<string, Buffer>, userVersion: string, runtimeVersion: string): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "kaidian-platform-template-"));
  try {
    const dir = path.join(scratch, TEMPLATE_PACKAGE_NAME);
    await writeDirectory(dir, files);
    const result = await handOverToWechat(
      { purpose: "upload", projectPath: dir, appid: parts.developer.appid, privateKey: parts.developer.privateKey, robot: 1, compiled: true, version: userVersion, description: `开店平台模板 · 运行时 ${runtimeVersion}` },
      parts.wechat,
    );
    if (!result.ok) throw new Error(`The template's upload failed: ${result.failure.code} ${JSON.stringify(result.failure.params ?? {})}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

// A store published through the third-party platform: the platform's audited template committed to the store's
// authorised Mini Program with the store's ext.json, submitted for WeChat's audit, the verdict recorded when WeChat
// pushes it (or when asked, if a push was missed), then released, or reverted. One release is open per store at a
// time (a partial unique index), so a retried or resumed submission never commits a store twice; each step's
// outcome is written before the next begins.
import { DomainError } from "@kaidian/accounts";
import type { Database } from "@kaidian/db";
import { releaseDescriptionSchema, releaseVersionSchema } from "@kaidian/wechat";
import { WechatApiError, type WechatErrorKind } from "@kaidian/wechat/server-api";
import { auditCategorySchema, type AuditCategory, type ExtJson, type MiniProgramCode } from "@kaidian/wechat/open-platform";
import { extJsonLook, readConfig, storeLook, templateIdSchema, templates, type StoreLook } from "@kaidian/templates";
import { z } from "zod";

export type PlatformReleaseStatus = "waiting" | "committing" | "committed" | "auditing" | "approved" | "rejected" | "releasing" | "released" | "superseded" | "reverted" | "failed";

export type PlatformRelease = {
  id: string;
  templateId: number;
  userVersion: string;
  status: PlatformReleaseStatus;
  reason: string;
  screenshots: string[];
  errorKind: WechatErrorKind | null;
  createdAt: Date;
  submittedAt: Date | null;
  decidedAt: Date | null;
  releasedAt: Date | null;
};

/** A step the store's releases do not allow now; its code (platformRelease.<reason>) has the merchant's words. */
export class PlatformReleaseRefused extends DomainError {
  constructor(readonly reason: "releaseOpen" | "nothingToRelease" | "nothingToRevert") {
    super(`platformRelease.${reason}`);
  }
}

/**
 * What the merchant submits from the store's release card: a template of the library, the version and what changed,
 * and one of the categories WeChat allows the Mini Program (the form's choice carries the category as JSON).
 */
export const storeReleaseInputSchema = z.object({
  templateId: z.coerce.number({ error: "fleet.template.invalid" }).int({ error: "fleet.template.invalid" }).positive({ error: "fleet.template.invalid" }),
  userVersion: releaseVersionSchema,
  userDesc: releaseDescriptionSchema,
  category: z
    .string({ error: "platformRelease.category.invalid" })
    .transform((text, context): AuditCategory => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON: refused below like any other shape.
      }
      const category = auditCategorySchema.safeParse(parsed);
      if (category.success) return category.data;
      context.addIssue({ code: "custom", message: "platformRelease.category.invalid" });
      return z.NEVER;
    }),
});
export type StoreReleaseInput = z.input<typeof storeReleaseInputSchema>;

/**
 * The merchant's release of the store: the published configuration, for the Mini Program authorised to the platform,
 * committed with the chosen template and submitted for audit. `apiBase` is the shop-api its ext.json points at.
 */
export async function startStoreRelease(parts: ReleaseParts, by: { tenantId: string; userId: string }, raw: StoreReleaseInput, apiBase: string): Promise<PlatformRelease> {
  const input = storeReleaseInputSchema.parse(raw);
  const { tenantId } = by;
  const found = await parts.db.scoped({ tenantId }, async (tx) => ({
    authorization: await tx.wechatAuthorization.findUnique({ where: { tenantId }, select: { authorizerAppid: true, revokedAt: true } }),
    published: await tx.configVersion.findFirst({ where: { tenantId, status: "PUBLISHED" }, orderBy: { number: "desc" }, select: PUBLISHED_LOOK }),
  }));
  if (!found.authorization || found.authorization.revokedAt) throw new DomainError("fleet.store.notAuthorized");
  if (!found.published) throw new DomainError("release.noVersion");
  return submitPlatformRelease(parts, {
    tenantId,
    userId: by.userId,
    templateId: input.templateId,
    userVersion: input.userVersion,
    userDesc: input.userDesc,
    category: input.category,
    extJson: storeExtJson({ appid: found.authorization.authorizerAppid, tenantId, apiBase, configVersion: found.published.number }, lookOf(found.published)),
  });
}

export type ReleaseParts = { db: Database; code: Pick<MiniProgramCode, "commit" | "submitAudit" | "auditStatus" | "release" | "revert"> };

/**
 * A store's ext.json: in `ext`, what the template reads with wx.getExtConfigSync() (where shop-api is, which store,
 * which configuration); beside it, the store's look from that configuration (`window`, `tabBar`, `extPages`: the
 * generator's storeLook, as its own package's app.json and page JSON carry it), which WeChat lays over the
 * template's, so the store's title, colours and tabs show from the first frame, before shop-api answers.
 */
export function storeExtJson(store: { appid: string; tenantId: string; apiBase: string; configVersion: number }, look?: StoreLook): ExtJson {
  return {
    extEnable: true,
    extAppid: store.appid,
    directCommit: false,
    ext: { apiBase: store.apiBase, tenantId: store.tenantId, configVersion: store.configVersion },
    ...(look ? extJsonLook(look) : {}),
  };
}

/** What of a published configuration its look is made from. */
export const PUBLISHED_LOOK = { number: true, templateId: true, config: true } as const;

/**
 * The look of a published configuration. Undefined when the configuration no longer reads under its template (the
 * editor and the builds refuse such a version, so only data older than a schema could): the commit then keeps the
 * template's own window and tab bar, and the runtime still shows the store's live site.
 */
export function lookOf(published: { templateId: string; config: unknown }): StoreLook | undefined {
  const templateId = templateIdSchema.safeParse(published.templateId);
  if (!templateId.success) return undefined;
  const template = templates[templateId.data];
  const read = readConfig(template, published.config);
  if (!read.ok) return undefined;
  return storeLook(template, read.config);
}

type Row = {
  id: string;
  template_id: number;
  user_version: string;
  status: PlatformReleaseStatus;
  reason: string;
  screenshots: string[] | null;
  error_kind: string | null;
  created_at: Date;
  submitted_at: Date | null;
  decided_at: Date | null;
  released_at: Date | null;
};

const RETURNING = "id, template_id, user_version, status, reason, screenshots, error_kind, created_at, submitted_at, decided_at, released_at";

function toRelease(row: Row): PlatformRelease {
  return {
    id: row.id,
    templateId: row.template_id,
    userVersion: row.user_version,
    status: row.status,
    reason: row.reason,
    screenshots: row.screenshots ?? [],
    errorKind: row.error_kind as WechatErrorKind | null,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    releasedAt: row.released_at,
  };
}

async function update(db: Database, tenantId: string, sql: string, values: unknown[]): Promise<PlatformRelease | null> {
  const rows = await db.scoped({ tenantId }, (tx) => tx.$queryRawUnsafe<Row[]>(`${sql} RETURNING ${RETURNING}`, ...values));
  return rows[0] ? toRelease(rows[0]) : null;
}

/** The store's release in this status (at most one is open at a time), with WeChat's audit id. */
async function releaseIn(db: Database, tenantId: string, status: PlatformReleaseStatus): Promise<(PlatformRelease & { auditId: number | null }) | null> {
  const rows = await db.scoped({ tenantId }, (tx) =>
    tx.$queryRawUnsafe<(Row & { audit_id: bigint | null })[]>(
      `SELECT ${RETURNING}, audit_id FROM platform_releases WHERE tenant_id = $1::uuid AND status = $2 ORDER BY created_at DESC LIMIT 1`,
      tenantId,
      status,
    ),
  );
  return rows[0] ? { ...toRelease(rows[0]), auditId: rows[0].audit_id === null ? null : Number(rows[0].audit_id) } : null;
}


/**
 * Commits the template with the store's ext.json and submits it for audit. The release is recorded before WeChat is
 * called; a WeChat refusal leaves it `failed` with the reason's kind, for the merchant to read and try again.
 */
export async function submitPlatformRelease(
  parts: ReleaseParts,
  input: { tenantId: string; userId: string | null; templateId: number; userVersion: string; userDesc: string; extJson: ExtJson; category: AuditCategory },
): Promise<PlatformRelease> {
  const { db, code } = parts;
  const opened = await update(
    db,
    input.tenantId,
    `INSERT INTO platform_releases (tenant_id, template_id, user_version, ext_json, created_by_id)
     VALUES ($1::uuid, $2, $3, $4::jsonb, $5::uuid)
     ON CONFLICT (tenant_id) WHERE status IN ('committing', 'committed', 'auditing', 'approved', 'releasing') DO NOTHING`,
    [input.tenantId, input.templateId, input.userVersion, JSON.stringify(input.extJson), input.userId],
  );
  if (!opened) throw new PlatformReleaseRefused("releaseOpen");
  const committed = await commitRelease(parts, input.tenantId, opened.id, input);
  return committed.status === "committed" ? submitForAudit(parts, input.tenantId, opened.id, input, { holdWhenQuotaSpent: false }) : committed;
}

export type ReleaseVersion = { templateId: number; extJson: ExtJson; userVersion: string; userDesc: string; category: AuditCategory };

const failedStep = (error: unknown): WechatErrorKind => {
  if (error instanceof WechatApiError) return error.kind;
  throw error;
};

/** Claimed as `committing`: commits the template with the store's ext.json; `committed`, or `failed` with WeChat's reason. */
export async function commitRelease(parts: ReleaseParts, tenantId: string, id: string, version: ReleaseVersion): Promise<PlatformRelease> {
  try {
    await parts.code.commit(tenantId, { templateId: version.templateId, extJson: version.extJson, userVersion: version.userVersion, userDesc: version.userDesc });
  } catch (error) {
    return (await update(parts.db, tenantId, `UPDATE platform_releases SET status = 'failed', error_kind = $2, updated_at = now() WHERE id = $1::uuid`, [id, failedStep(error)]))!;
  }
  return (await update(parts.db, tenantId, `UPDATE platform_releases SET status = 'committed', updated_at = now() WHERE id = $1::uuid AND status = 'committing'`, [id]))!;
}

/**
 * Submits a committed release for audit: `auditing`, or `failed` with WeChat's reason. A fleet holds a release
 * `committed` when the month's audit quota is spent, to submit it (without committing again) once resumed.
 */
export async function submitForAudit(parts: ReleaseParts, tenantId: string, id: string, version: ReleaseVersion, options: { holdWhenQuotaSpent: boolean }): Promise<PlatformRelease> {
  let auditId: number;
  try {
    auditId = await parts.code.submitAudit(tenantId, { category: version.category, versionDesc: version.userDesc });
  } catch (error) {
    const kind = failedStep(error);
    const status = kind === "release.auditQuotaSpent" && options.holdWhenQuotaSpent ? "committed" : "failed";
    return (await update(parts.db, tenantId, `UPDATE platform_releases SET status = $2, error_kind = $3, updated_at = now() WHERE id = $1::uuid`, [id, status, kind]))!;
  }
  return (await update(
    parts.db,
    tenantId,
    `UPDATE platform_releases SET status = 'auditing', audit_id = $2, error_kind = NULL, submitted_at = now(), updated_at = now() WHERE id = $1::uuid AND status = 'committed'`,
    [id, auditId],
  ))!;
}

export type AuditVerdictMessage =
  | { kind: "auditSucceeded"; createdAt: Date }
  | { kind: "auditFailed"; reason: string; screenshots: string[]; createdAt: Date }
  | { kind: "auditDelayed"; reason: string; createdAt: Date };

/** WeChat's pushed audit result for a Mini Program: the store whose release it decided, or null (none auditing). */
export async function recordAuditResult(db: Database, authorizerAppid: string, message: AuditVerdictMessage): Promise<string | null> {
  const verdict = message.kind === "auditSucceeded" ? "approved" : message.kind === "auditFailed" ? "rejected" : "delayed";
  const reason = message.kind === "auditSucceeded" ? "" : message.reason;
  const screenshots = message.kind === "auditFailed" ? message.screenshots : [];
  const rows = await db.scoped({}, (tx) =>
    tx.$queryRaw<{ store: string | null }[]>`SELECT platform_release_decide(${authorizerAppid}, ${verdict}, ${reason}, ${screenshots}::text[], ${message.createdAt}) AS store`,
  );
  return rows[0]?.store ?? null;
}

/** Asks WeChat for the audit's status when no push has come (a push missed while the service was down). */
export async function refreshAuditStatus(parts: ReleaseParts, tenantId: string): Promise<PlatformRelease | null> {
  const open = await releaseIn(parts.db, tenantId, "auditing");
  if (!open?.auditId) return open;
  const status = await parts.code.auditStatus(tenantId, open.auditId);
  if (status.status === "approved" || status.status === "rejected") {
    const reason = status.status === "rejected" ? status.reason : "";
    const screenshots = status.status === "rejected" ? status.screenshots : [];
    return update(
      parts.db,
      tenantId,
      `UPDATE platform_releases SET status = $2, reason = $3, screenshots = $4::text[], decided_at = now(), updated_at = now() WHERE id = $1::uuid AND status = 'auditing'`,
      [open.id, status.status, reason, screenshots],
    );
  }
  return open;
}

/** Releases the store's approved version. Claimed first, so two clicks release once. */
export async function releaseApproved(parts: ReleaseParts, tenantId: string): Promise<PlatformRelease> {
  const claimed = await update(parts.db, tenantId, `UPDATE platform_releases SET status = 'releasing', updated_at = now() WHERE tenant_id = $1::uuid AND status = 'approved'`, [tenantId]);
  if (!claimed) throw new PlatformReleaseRefused("nothingToRelease");
  try {
    await parts.code.release(tenantId);
  } catch (error) {
    const kind = failedStep(error);
    return (await update(parts.db, tenantId, `UPDATE platform_releases SET status = 'approved', error_kind = $2, updated_at = now() WHERE id = $1::uuid`, [claimed.id, kind]))!;
  }
  // The store's earlier live release is no longer live, but is what a revert would bring back.
  await parts.db.scoped({ tenantId }, (tx) => tx.$executeRaw`UPDATE platform_releases SET status = 'superseded', updated_at = now() WHERE tenant_id = ${tenantId}::uuid AND status = 'released'`);
  return (await update(parts.db, tenantId, `UPDATE platform_releases SET status = 'released', error_kind = NULL, released_at = now(), updated_at = now() WHERE id = $1::uuid`, [claimed.id]))!;
}

/** Puts the previous live version back: the release that was live is reverted, the one before it live again. */
export async function revertRelease(parts: ReleaseParts, tenantId: string): Promise<PlatformRelease> {
  const live = await releaseIn(parts.db, tenantId, "released");
  if (!live) throw new PlatformReleaseRefused("nothingToRevert");
  await parts.code.revert(tenantId);
  await parts.db.scoped({ tenantId }, (tx) => tx.$executeRaw`
    UPDATE platform_releases SET status = 'released', updated_at = now()
    WHERE id = (SELECT id FROM platform_releases WHERE tenant_id = ${tenantId}::uuid AND status = 'superseded' ORDER BY released_at DESC LIMIT 1)`);
  return (await update(parts.db, tenantId, `UPDATE platform_releases SET status = 'reverted', updated_at = now() WHERE id = $1::uuid AND status = 'released'`, [live.id]))!;
}

/** The store's releases, newest first. */
export async function latestPlatformReleases(db: Database, tenantId: string, take = 10): Promise<PlatformRelease[]> {
  const rows = await db.scoped({ tenantId }, (tx) =>
    tx.$queryRawUnsafe<Row[]>(`SELECT ${RETURNING} FROM platform_releases WHERE tenant_id = $1::uuid ORDER BY created_at DESC LIMIT $2`, tenantId, take),
  );
  return rows.map(toRelease);
}

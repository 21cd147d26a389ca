// An agency's fleet release through the third-party platform: one template version to many authorised stores.
// - Staged: a first stage of a few stores (a percentage, at least one) is committed, audited and released; the rest
//   start only once every first-stage store is live. A rejection or failure in the first stage halts the fleet.
// - Paced: at most `submitsPerMinute` stores are sent to WeChat per minute, within the platform's audit quota; a spent
//   quota halts the fleet with its reason, holding the store already committed.
// - Durable: every store's state is a platform_releases row; a worker advances running fleets by claiming waiting
//   rows in one statement, so a restart resumes where the fleet was and no store is committed twice.
import { DomainError, NotFoundError } from "@kaidian/accounts";
import type { Database, Prisma } from "@kaidian/db";
import { auditCategorySchema, type AuditCategory, type ExtJson } from "@kaidian/wechat/open-platform";
import { releaseDescriptionSchema, releaseVersionSchema } from "@kaidian/wechat";
import type { StoreLook } from "@kaidian/templates";
import { z } from "zod";
import { publishableStore, type Publisher } from "./batches";
import { commitRelease, lookOf, PUBLISHED_LOOK, refreshAuditStatus, releaseApproved, submitForAudit, storeExtJson, type PlatformReleaseStatus, type ReleaseParts, type ReleaseVersion } from "./platform-releases";

export type { Publisher } from "./batches";

export const FLEET_STORES_MAX = 500;

export const fleetReleaseInputSchema = z.object({
  templateId: z.coerce.number({ error: "fleet.template.invalid" }).int({ error: "fleet.template.invalid" }).positive({ error: "fleet.template.invalid" }),
  userVersion: releaseVersionSchema,
  userDesc: releaseDescriptionSchema,
  category: auditCategorySchema,
  firstStagePercent: z.coerce.number({ error: "fleet.firstStage.invalid" }).int().min(1, { error: "fleet.firstStage.invalid" }).max(100, { error: "fleet.firstStage.invalid" }).default(5),
  submitsPerMinute: z.coerce.number({ error: "fleet.pace.invalid" }).int().min(1, { error: "fleet.pace.invalid" }).max(600, { error: "fleet.pace.invalid" }).default(10),
  stores: z.array(z.string().uuid({ error: "fleet.stores.required" })).min(1, { error: "fleet.stores.required" }).max(FLEET_STORES_MAX, { error: "fleet.stores.tooMany" }),
});
export type FleetReleaseInput = z.input<typeof fleetReleaseInputSchema>;

/** The fleet form's fields: the category as its two names, the chosen stores as repeated `stores` fields. */
export const fleetReleaseFormSchema = fleetReleaseInputSchema.omit({ stores: true, category: true }).extend({
  firstClass: auditCategorySchema.shape.firstClass,
  secondClass: auditCategorySchema.shape.secondClass,
});

export type FleetStatus = "running" | "halted" | "done";

/**
 * Records the fleet and a waiting release per store (the first `firstStagePercent` of them in stage 1). Every store
 * must be the publisher's to publish and authorised to the platform; `apiBase` is the shop-api the stores' ext.json
 * points at.
 */
export async function startFleetRelease(db: Database, publisher: Publisher, raw: FleetReleaseInput, apiBase: string): Promise<{ id: string }> {
  const input = fleetReleaseInputSchema.parse(raw);
  const stores: { tenantId: string; appid: string; configVersion: number; look: StoreLook | undefined }[] = [];
  for (const id of new Set(input.stores)) {
    await publishableStore(db, publisher, id);
    const found = await db.scoped({ tenantId: id }, async (tx) => ({
      authorization: await tx.wechatAuthorization.findUnique({ where: { tenantId: id }, select: { authorizerAppid: true, revokedAt: true } }),
      published: await tx.configVersion.findFirst({ where: { tenantId: id, status: "PUBLISHED" }, orderBy: { number: "desc" }, select: PUBLISHED_LOOK }),
    }));
    if (!found.authorization || found.authorization.revokedAt) throw new DomainError("fleet.store.notAuthorized", "stores", { store: id });
    stores.push({
      tenantId: id,
      appid: found.authorization.authorizerAppid,
      configVersion: found.published?.number ?? 0,
      look: found.published ? lookOf(found.published) : undefined,
    });
  }
  const firstStage = Math.max(1, Math.ceil((stores.length * input.firstStagePercent) / 100));
  // Up to FLEET_STORES_MAX rows in one transaction: given far longer than Prisma's default 5 s.
  return db.scoped({ userId: publisher.userId }, async (tx) => {
    const fleet = await tx.fleetRelease.create({
      data: {
        agencyId: publisher.membership.agency.id,
        templateId: input.templateId,
        userVersion: input.userVersion,
        userDesc: input.userDesc,
        category: input.category,
        submitsPerMinute: input.submitsPerMinute,
        createdById: publisher.userId,
      },
      select: { id: true },
    });
    // Each store's row is written in its own scope, as row-level security asks.
    for (const [index, store] of stores.entries()) {
      await tx.$executeRaw`SELECT set_config('app.tenant_id', ${store.tenantId}, true)`;
      await tx.platformRelease.create({
        data: {
          tenantId: store.tenantId,
          templateId: input.templateId,
          userVersion: input.userVersion,
          extJson: storeExtJson({ appid: store.appid, tenantId: store.tenantId, apiBase, configVersion: store.configVersion }, store.look) as Prisma.InputJsonObject,
          status: "waiting",
          fleetReleaseId: fleet.id,
          stage: index < firstStage ? 1 : 2,
          createdById: publisher.userId,
        },
      });
    }
    return fleet;
  }, { timeoutMs: 120_000 });
}

type FleetRow = { id: string; template_id: number; user_version: string; user_desc: string; category: AuditCategory; submits_per_minute: number };
type Claimed = { id: string; tenant_id: string; ext_json: ExtJson; status: PlatformReleaseStatus };

/** How long a store's audit goes unheard before the fleet asks WeChat for its verdict (get_auditstatus). */
const AUDIT_READ_BACK = "10 minutes";

/** A fleet is advanced by one worker at a time, under a lease that outlives a step's WeChat calls. */
const FLEET_LEASE = "2 minutes";

/** One step of every running fleet: release what was approved, halt or finish, then send the next stores in pace. */
export async function advanceFleetReleases(parts: ReleaseParts): Promise<void> {
  const fleets = await parts.db.buildQueue((tx) =>
    tx.$queryRaw<FleetRow[]>`
      UPDATE fleet_releases SET advancing_until = now() + ${FLEET_LEASE}::interval
      WHERE status = 'running' AND (advancing_until IS NULL OR advancing_until < now())
      RETURNING id, template_id, user_version, user_desc, category, submits_per_minute`,
  );
  for (const fleet of fleets) {
    try {
      await advanceFleet(parts, fleet);
    } finally {
      await parts.db.buildQueue((tx) => tx.$executeRaw`UPDATE fleet_releases SET advancing_until = NULL WHERE id = ${fleet.id}::uuid`);
    }
  }
}

async function advanceFleet(parts: ReleaseParts, fleet: FleetRow): Promise<void> {
  const { db } = parts;
  const version = (extJson: ExtJson): ReleaseVersion => ({ templateId: fleet.template_id, userVersion: fleet.user_version, userDesc: fleet.user_desc, category: fleet.category, extJson });

  // A verdict WeChat pushed before the submission was recorded (or a push that never came) is read back, each store
  // at most once per AUDIT_READ_BACK: claimed by moving updated_at, so the next round skips it.
  const unheard = await db.buildQueue((tx) =>
    tx.$queryRaw<{ tenant_id: string }[]>`
      UPDATE platform_releases SET updated_at = now()
      WHERE id IN (SELECT id FROM platform_releases WHERE fleet_release_id = ${fleet.id}::uuid AND status = 'auditing'
                   AND updated_at < now() - ${AUDIT_READ_BACK}::interval ORDER BY updated_at LIMIT 20 FOR UPDATE SKIP LOCKED)
      RETURNING tenant_id`,
  );
  for (const { tenant_id } of unheard) await refreshAuditStatus(parts, tenant_id).catch(() => undefined);

  const approved = await db.buildQueue((tx) => tx.$queryRaw<{ tenant_id: string }[]>`SELECT tenant_id FROM platform_releases WHERE fleet_release_id = ${fleet.id}::uuid AND status = 'approved'`);
  for (const { tenant_id } of approved) await releaseApproved(parts, tenant_id).catch(() => undefined);

  const stages = await db.buildQueue((tx) =>
    tx.$queryRaw<{ stage: number; status: PlatformReleaseStatus; count: number }[]>`
      SELECT stage, status, count(*)::int AS count FROM platform_releases WHERE fleet_release_id = ${fleet.id}::uuid GROUP BY stage, status`,
  );
  const count = (stage: number | null, statuses: PlatformReleaseStatus[]) =>
    stages.filter((row) => (stage === null || row.stage === stage) && statuses.includes(row.status)).reduce((sum, row) => sum + row.count, 0);
  if (count(1, ["rejected", "failed"]) > 0) return halt(db, fleet.id, "firstStageFailed");
  const total = count(null, ["waiting", "committing", "committed", "auditing", "approved", "rejected", "releasing", "released", "superseded", "reverted", "failed"]);
  if (count(null, ["released", "superseded", "reverted", "rejected", "failed"]) === total) {
    await db.buildQueue((tx) => tx.$executeRaw`UPDATE fleet_releases SET status = 'done', updated_at = now() WHERE id = ${fleet.id}::uuid AND status = 'running'`);
    return;
  }
  const stage = count(1, ["released", "superseded", "reverted"]) === count(1, ["waiting", "committing", "committed", "auditing", "approved", "releasing", "released", "superseded", "reverted"]) ? 2 : 1;

  // A store held `committed` (the quota ran out after its commit) is submitted before any new store is committed.
  // One left `committing` by a worker that stopped mid-step (its lease on the fleet ran out, so it is gone) is
  // committed again: its commit either never reached WeChat or only replaced the trial with the same version.
  const claimed = await db.buildQueue((tx) =>
    tx.$queryRaw<Claimed[]>`
      WITH sent AS (
        SELECT count(*)::int AS n FROM platform_releases WHERE fleet_release_id = ${fleet.id}::uuid AND submitted_at > now() - interval '1 minute'
      ), next AS (
        SELECT r.id FROM platform_releases r
        WHERE r.fleet_release_id = ${fleet.id}::uuid AND r.stage <= ${stage}
          AND (r.status = 'committed' OR (r.status = 'committing' AND r.updated_at < now() - ${FLEET_LEASE}::interval) OR (r.status = 'waiting' AND NOT EXISTS (
            SELECT 1 FROM platform_releases o WHERE o.tenant_id = r.tenant_id AND o.status IN ('committing', 'committed', 'auditing', 'approved', 'releasing'))))
        ORDER BY r.status = 'committed' DESC, r.status = 'committing' DESC, r.stage, r.created_at
        LIMIT greatest(${fleet.submits_per_minute} - (SELECT n FROM sent), 0)
        FOR UPDATE OF r SKIP LOCKED
      )
      UPDATE platform_releases r SET status = CASE r.status WHEN 'committed' THEN 'committed' ELSE 'committing' END, updated_at = now()
      FROM next WHERE r.id = next.id
      RETURNING r.id, r.tenant_id, r.ext_json, r.status`,
  );
  for (const [index, release] of claimed.entries()) {
    const committed = release.status === "committing" ? await commitRelease(parts, release.tenant_id, release.id, version(release.ext_json)) : null;
    if (committed && committed.status !== "committed") continue;
    const sent = await submitForAudit(parts, release.tenant_id, release.id, version(release.ext_json), { holdWhenQuotaSpent: true });
    if (sent.status === "committed") {
      // The stores claimed after it were not sent to WeChat: they wait for the fleet to resume.
      const untouched = claimed.slice(index + 1).filter((next) => next.status === "committing").map((next) => next.id);
      await db.buildQueue((tx) => tx.$executeRaw`UPDATE platform_releases SET status = 'waiting', updated_at = now() WHERE id = ANY(${untouched}::uuid[]) AND status = 'committing'`);
      return halt(db, fleet.id, "auditQuotaSpent");
    }
  }
}

async function halt(db: Database, fleetId: string, reason: "firstStageFailed" | "auditQuotaSpent"): Promise<void> {
  await db.buildQueue((tx) => tx.$executeRaw`UPDATE fleet_releases SET status = 'halted', halted_reason = ${reason}, updated_at = now() WHERE id = ${fleetId}::uuid AND status = 'running'`);
}

/**
 * The agency resumes a halted fleet (after buying audit quota, or fixing the first stage's stores): the first stage's
 * rejected or failed stores wait to be sent again, since they were fixed; nothing already committed is sent twice.
 */
export async function resumeFleetRelease(db: Database, publisher: Publisher, fleetId: string): Promise<void> {
  const resumed = await db.scoped({ userId: publisher.userId }, (tx) =>
    tx.fleetRelease.updateMany({ where: { id: fleetId, agencyId: publisher.membership.agency.id, status: "halted" }, data: { status: "running", haltedReason: null } }),
  );
  if (resumed.count === 0) throw new NotFoundError("fleet.notFound");
  await db.buildQueue((tx) => tx.$executeRaw`
    UPDATE platform_releases SET status = 'waiting', reason = '', screenshots = ARRAY[]::text[], error_kind = NULL, updated_at = now()
    WHERE fleet_release_id = ${fleetId}::uuid AND stage = 1 AND status IN ('rejected', 'failed')`);
}

export type FleetView = {
  id: string;
  userVersion: string;
  status: FleetStatus;
  haltedReason: string | null;
  rows: { store: { id: string; name: string }; stage: number; status: PlatformReleaseStatus; reason: string; errorKind: string | null }[];
  counts: Partial<Record<PlatformReleaseStatus, number>>;
};

/** The fleet as its live table shows it, read in the agency's scope; NotFoundError for another agency's. */
export async function readFleetRelease(db: Database, publisher: Publisher, fleetId: string): Promise<FleetView> {
  if (!z.string().uuid().safeParse(fleetId).success) throw new NotFoundError("fleet.notFound");
  return db.scoped({ userId: publisher.userId }, async (tx) => {
    const fleet = await tx.fleetRelease.findFirst({ where: { id: fleetId, agencyId: publisher.membership.agency.id }, select: { id: true, userVersion: true, status: true, haltedReason: true } });
    if (!fleet) throw new NotFoundError("fleet.notFound");
    const releases = await tx.platformRelease.findMany({
      where: { fleetReleaseId: fleetId },
      orderBy: [{ stage: "asc" }, { createdAt: "asc" }],
      select: { stage: true, status: true, reason: true, errorKind: true, tenant: { select: { id: true, name: true } } },
    });
    const rows = releases.map((release) => ({ store: release.tenant, stage: release.stage ?? 1, status: release.status as PlatformReleaseStatus, reason: release.reason, errorKind: release.errorKind }));
    const counts: FleetView["counts"] = {};
    for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1;
    return { ...fleet, status: fleet.status as FleetStatus, rows, counts };
  });
}

/** The agency's latest fleet releases, newest first. */
export async function listFleetReleases(db: Database, publisher: Publisher, take = 10) {
  return db.scoped({ userId: publisher.userId }, (tx) =>
    tx.fleetRelease.findMany({
      where: { agencyId: publisher.membership.agency.id },
      orderBy: { createdAt: "desc" },
      take,
      select: { id: true, userVersion: true, status: true, createdAt: true, _count: { select: { releases: true } } },
    }),
  );
}

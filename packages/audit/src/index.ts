// A store's audit log: who changed its keys, its WeChat or payment settings or its people's roles, who published it
// and who uploaded a build, when and from which address. Every change that matters to a store's safety calls
// recordAudit in the transaction that makes the change, so an event exists exactly when its change does. The
// database lets the application add events and never change or delete them (see the audit_log migration).
import type { Transaction } from "@kaidian/db";
import { z } from "zod";

/**
 * What can be recorded. A new feature adds its action here and its words in the dashboard's `audit.actions` (zh-CN
 * and en), then calls recordAudit: payment settings and keys, and refunds, are expected next.
 */
export const AUDIT_ACTIONS = [
  "wechat.settingsChanged",
  "wechat.keyChanged",
  "wechat.complianceChanged",
  "payments.settingsChanged",
  "wechat.appSecretChanged",
  "wechat.authorized",
  "orders.settingsChanged",
  "messages.templateChanged",
  "member.invited",
  "member.invitationRevoked",
  "member.joined",
  "design.published",
  "build.uploadRequested",
  "build.previewRequested",
  // Releases through the third-party platform.
  "release.submitted",
  "release.released",
  "release.reverted",
] as const;

export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** Who acted (a user's id) and from which address (the client address as trusted by TRUSTED_PROXIES). */
export type AuditActor = { id: string; ip: string };

/** Facts that say what changed (a role, a version, an appid); never a secret, never merchant-written free text. */
export const auditDetailsSchema = z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()]));
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

export type AuditEntry = { tenantId: string; actor: AuditActor; action: AuditAction; details?: AuditDetails };

/**
 * Records the event in `tx`, which must be scoped to the store (row-level security refuses any other). The actor's
 * name and email are copied in, so the event still reads right after the account is renamed or deleted.
 */
export async function recordAudit(tx: Transaction, { tenantId, actor, action, details = {} }: AuditEntry): Promise<void> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { name: true, email: true } });
  await tx.auditEvent.create({
    data: {
      tenantId,
      action: auditActionSchema.parse(action),
      actorId: actor.id,
      actorName: user.name,
      actorEmail: user.email,
      ip: actor.ip,
      details: auditDetailsSchema.parse(details),
    },
  });
}

export type AuditEvent = {
  id: string;
  action: AuditAction;
  actor: { id: string; name: string; email: string };
  ip: string;
  details: AuditDetails;
  createdAt: Date;
};

export const AUDIT_PAGE_SIZE = 50;

/** The store's events, newest first, a page at a time: `before` is the last event of the previous page. */
export async function listAuditEvents(
  tx: Transaction,
  tenantId: string,
  { before, limit = AUDIT_PAGE_SIZE }: { before?: { createdAt: Date; id: string }; limit?: number } = {},
): Promise<AuditEvent[]> {
  const rows = await tx.auditEvent.findMany({
    where: {
      tenantId,
      ...(before && { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    // Rows are written through auditActionSchema; an unknown one is a data error, said loudly.
    action: auditActionSchema.parse(row.action),
    actor: { id: row.actorId, name: row.actorName, email: row.actorEmail },
    ip: row.ip,
    details: auditDetailsSchema.parse(row.details),
    createdAt: row.createdAt,
  }));
}

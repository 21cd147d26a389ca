// Subscribe messages in PostgreSQL: the templates a store picked (one per purpose), the claim that sends an order's
// message once, and the record of every send. A send is tried once, after the change it tells about has committed (a
// message must never hold a row lock while WeChat answers), and whatever happens is recorded in `subscribe_sends`:
// sent, refused (43101: the shopper's accept is spent or was never given, an ordinary outcome, never retried), failed
// (WeChat's error kind, worded by the dashboard), or not set up (no template, no AppSecret). The merchant sees the
// outcome beside the ticket or order, so no message goes missing silently.
import type { Database, Transaction } from "@kaidian/db";
import { openAppSecret, WechatApiError, type MiniProgramServerApi } from "@kaidian/wechat/server-api";
import { MESSAGE_PURPOSES, ONCE_PER_SUBJECT, type MessagePurpose, type MessageValues, type SubscribeTemplate, templateData, templateSchemaFor } from "../index";

export type StoreTemplates = Record<MessagePurpose, SubscribeTemplate | null>;

/** The store's templates; one that no longer parses (written by an older version) reads as not set up. */
export async function readTemplates(tx: Transaction): Promise<StoreTemplates> {
  const rows = await tx.subscribeTemplate.findMany({ select: { purpose: true, templateId: true, keywords: true } });
  const templates = Object.fromEntries(MESSAGE_PURPOSES.map((purpose) => [purpose, null])) as StoreTemplates;
  for (const row of rows) {
    const purpose = row.purpose as MessagePurpose;
    if (!MESSAGE_PURPOSES.includes(purpose)) continue;
    const parsed = templateSchemaFor(purpose).safeParse({ templateId: row.templateId, keywords: row.keywords });
    if (parsed.success) templates[purpose] = parsed.data;
  }
  return templates;
}

/** Sets or clears (null) the template of one purpose, in the caller's transaction (the settings form's save). */
export async function saveTemplate(tx: Transaction, tenantId: string, purpose: MessagePurpose, template: SubscribeTemplate | null, userId: string): Promise<void> {
  if (template === null) {
    await tx.subscribeTemplate.deleteMany({ where: { tenantId, purpose } });
    return;
  }
  const { templateId, keywords } = templateSchemaFor(purpose).parse(template);
  await tx.subscribeTemplate.upsert({
    where: { tenantId_purpose: { tenantId, purpose } },
    create: { tenantId, purpose, templateId, keywords, updatedById: userId },
    update: { templateId, keywords, updatedById: userId },
  });
}

export type SendOutcome = "sent" | "refused" | "failed" | "notSetUp";

export type StoreMessage<P extends MessagePurpose = MessagePurpose> = {
  tenantId: string;
  purpose: P;
  /** The queue ticket or order the message is about: its record lists the sends. */
  subjectId: string;
  shopperId: string;
  values: MessageValues<P>;
  /** The Mini Program page the message opens, with its query. */
  page: string;
};

type Wechat = Pick<MiniProgramServerApi, "sendSubscribeMessage">;

/**
 * Takes the one send of an order's message (ONCE_PER_SUBJECT purposes): a repeated or late payment notification,
 * or the shopper's confirm racing it, finds the claim taken. One statement, so two at once cannot both win.
 */
async function claim(tx: Transaction, message: StoreMessage): Promise<boolean> {
  const rows = await tx.$queryRaw<unknown[]>`
    INSERT INTO subscribe_claims (tenant_id, purpose, subject_id)
    VALUES (${message.tenantId}::uuid, ${message.purpose}, ${message.subjectId}::uuid)
    ON CONFLICT DO NOTHING RETURNING subject_id`;
  return rows.length === 1;
}

/**
 * Sends one message and records how it went; null when this order's message of this purpose was already claimed
 * (nothing is sent or recorded again). Never throws for WeChat's answers: the outcome is the record.
 */
export async function sendStoreMessage<P extends MessagePurpose>(
  db: Database,
  wechat: Wechat,
  masterKey: Buffer,
  message: StoreMessage<P>,
): Promise<{ outcome: SendOutcome; problem: string | null } | null> {
  const { tenantId } = message;
  const prepared = await db.scoped({ tenantId }, async (tx) => {
    if (ONCE_PER_SUBJECT.has(message.purpose) && !(await claim(tx, message))) return null;
    const [templates, app, shopper] = await Promise.all([
      readTemplates(tx),
      openAppSecret(tx, tenantId, masterKey),
      tx.shopper.findFirst({ where: { id: message.shopperId }, select: { openid: true } }),
    ]);
    return { template: templates[message.purpose], app, openid: shopper?.openid ?? null };
  });
  if (!prepared) return null;
  let outcome: SendOutcome;
  let problem: string | null = null;
  const { template, app, openid } = prepared;
  if (!template || !app || !openid) {
    outcome = "notSetUp";
    problem = !template ? "template" : !app ? "appSecret" : "shopper";
  } else {
    try {
      const sent = await wechat.sendSubscribeMessage(app, {
        toOpenid: openid,
        templateId: template.templateId,
        page: message.page,
        data: templateData(template, message.values as Record<string, string>),
      });
      outcome = sent.sent ? "sent" : "refused";
    } catch (error) {
      outcome = "failed";
      // WeChat's refusals are kept as their kind ("subscribe.badData"), which the dashboard words; anything else as text.
      problem = error instanceof WechatApiError ? error.kind : (error instanceof Error ? error.message : String(error)).slice(0, 500);
    }
  }
  await db.scoped({ tenantId }, (tx) =>
    tx.subscribeSend.create({
      data: { tenantId, purpose: message.purpose, subjectId: message.subjectId, shopperId: message.shopperId, templateId: template?.templateId ?? null, outcome, problem },
    }),
  );
  return { outcome, problem };
}

export type SendRecord = { subjectId: string; purpose: MessagePurpose; outcome: SendOutcome; problem: string | null; at: Date };

/** The latest send about each of these tickets or orders. */
export async function latestSends(tx: Transaction, subjectIds: readonly string[]): Promise<Map<string, SendRecord>> {
  const sends = await sendsAbout(tx, subjectIds);
  return new Map(sends.map((send) => [send.subjectId, send]));
}

/** Every send about these tickets or orders, oldest first: an order's page lists each message with its outcome. */
export async function sendsAbout(tx: Transaction, subjectIds: readonly string[]): Promise<SendRecord[]> {
  if (subjectIds.length === 0) return [];
  const rows = await tx.subscribeSend.findMany({
    where: { subjectId: { in: [...subjectIds] } },
    orderBy: { createdAt: "asc" },
    select: { subjectId: true, purpose: true, outcome: true, problem: true, createdAt: true },
  });
  return rows.map((row) => ({ subjectId: row.subjectId, purpose: row.purpose as MessagePurpose, outcome: row.outcome as SendOutcome, problem: row.problem, at: row.createdAt }));
}

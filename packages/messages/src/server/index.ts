// Subscribe messages in PostgreSQL: the templates a store picked (one per purpose) and the record of every send.
// A send is tried once, after the change it tells about has committed (a message must never hold a row lock while
// WeChat answers), and whatever happens is recorded in `subscribe_sends`: sent, refused (the shopper's accept is
// spent or was never given: an ordinary outcome), failed (WeChat's error, worded), or not set up (no template or no
// AppSecret). The merchant sees the outcome beside the ticket or order, so no call goes missing silently.
import type { Database, Transaction } from "@kaidian/db";
import { openAppSecret, type MiniProgramServerApi } from "@kaidian/wechat/server-api";
import { MESSAGE_PURPOSES, type MessagePurpose, type MessageValues, subscribeTemplateSchema, type SubscribeTemplate, templateData } from "../index";

export type StoreTemplates = Record<MessagePurpose, SubscribeTemplate | null>;

/** The store's templates; one that no longer parses (written by an older version) reads as not set up. */
export async function readTemplates(tx: Transaction): Promise<StoreTemplates> {
  const rows = await tx.subscribeTemplate.findMany({ select: { purpose: true, templateId: true, keywords: true } });
  const templates: StoreTemplates = { queueCalled: null, orderReady: null };
  for (const row of rows) {
    if (!MESSAGE_PURPOSES.includes(row.purpose as MessagePurpose)) continue;
    const parsed = subscribeTemplateSchema.safeParse({ templateId: row.templateId, keywords: row.keywords });
    if (parsed.success) templates[row.purpose as MessagePurpose] = parsed.data;
  }
  return templates;
}

/** Sets or clears (null) the template of one purpose, in the caller's transaction (the settings form's save). */
export async function saveTemplate(tx: Transaction, tenantId: string, purpose: MessagePurpose, template: SubscribeTemplate | null, userId: string): Promise<void> {
  if (template === null) {
    await tx.subscribeTemplate.deleteMany({ where: { tenantId, purpose } });
    return;
  }
  const { templateId, keywords } = subscribeTemplateSchema.parse(template);
  await tx.subscribeTemplate.upsert({
    where: { tenantId_purpose: { tenantId, purpose } },
    create: { tenantId, purpose, templateId, keywords, updatedById: userId },
    update: { templateId, keywords, updatedById: userId },
  });
}

export type SendOutcome = "sent" | "refused" | "failed" | "notSetUp";

export type StoreMessage = {
  tenantId: string;
  purpose: MessagePurpose;
  /** The queue ticket or order the message is about: its record lists the sends. */
  subjectId: string;
  shopperId: string;
  values: MessageValues;
  /** The Mini Program page the message opens, with its query. */
  page: string;
};

type Wechat = Pick<MiniProgramServerApi, "sendSubscribeMessage">;

/** Sends one message and records how it went. Never throws for WeChat's answers: the outcome is the record. */
export async function sendStoreMessage(db: Database, wechat: Wechat, masterKey: Buffer, message: StoreMessage): Promise<{ outcome: SendOutcome; problem: string | null }> {
  const { tenantId } = message;
  const prepared = await db.scoped({ tenantId }, async (tx) => {
    const [templates, app, shopper] = await Promise.all([
      readTemplates(tx),
      openAppSecret(tx, tenantId, masterKey),
      tx.shopper.findFirst({ where: { id: message.shopperId }, select: { openid: true } }),
    ]);
    return { template: templates[message.purpose], app, openid: shopper?.openid ?? null };
  });
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
        data: templateData(template, message.values),
      });
      outcome = sent.sent ? "sent" : "refused";
    } catch (error) {
      outcome = "failed";
      problem = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    }
  }
  await db.scoped({ tenantId }, (tx) =>
    tx.subscribeSend.create({
      data: { tenantId, purpose: message.purpose, subjectId: message.subjectId, shopperId: message.shopperId, templateId: template?.templateId ?? null, outcome, problem },
    }),
  );
  return { outcome, problem };
}

export type SendRecord = { subjectId: string; outcome: SendOutcome; problem: string | null; at: Date };

/** The latest send about each of these tickets or orders. */
export async function latestSends(tx: Transaction, subjectIds: readonly string[]): Promise<Map<string, SendRecord>> {
  if (subjectIds.length === 0) return new Map();
  const rows = await tx.subscribeSend.findMany({
    where: { subjectId: { in: [...subjectIds] } },
    orderBy: { createdAt: "asc" },
    select: { subjectId: true, outcome: true, problem: true, createdAt: true },
  });
  return new Map(rows.map((row) => [row.subjectId, { subjectId: row.subjectId, outcome: row.outcome as SendOutcome, problem: row.problem, at: row.createdAt }]));
}

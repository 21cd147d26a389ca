// The payment settings page's connection test: one signed call that changes nothing at WeChat Pay (a query for an
// order that cannot exist). WeChat Pay answering ORDER_NOT_EXIST, in an answer that verifies, proves the merchant
// id, the API key and its serial, and WeChat Pay's key; anything else says which of them is wrong.
import type { Database } from "@kaidian/db";
import { WechatPayClient } from "../client";
import { WechatPayError, type PaymentErrorKind } from "../errors";
import { paymentAccount, PaymentsNotSetUpError, type ServiceProvider, type WechatpayConnection } from "../settings";
import { openStored, readPaymentSettings, recordPaymentCheck } from "./store-settings";

export type ConnectionTest = { ok: true } | { ok: false; problem: PaymentErrorKind | "notSetUp" };

export async function testPaymentConnection(
  db: Database,
  tenantId: string,
  deps: { masterKey: Buffer; provider: ServiceProvider | null; connection: WechatpayConnection },
): Promise<ConnectionTest> {
  const opened = await db.scoped({ tenantId }, async (tx) => {
    const shown = await readPaymentSettings(tx);
    if (!shown) return null;
    const settings = await openStored(tx, tenantId, deps.masterKey);
    try {
      // The query names no appid: the test works before the Mini Program's appid is saved.
      return { revision: shown.revision, account: settings && paymentAccount(settings, "", deps.provider ?? undefined) };
    } catch (error) {
      if (error instanceof PaymentsNotSetUpError) return { revision: shown.revision, account: null };
      throw error;
    }
  });
  if (!opened) return { ok: false, problem: "notSetUp" };
  let outcome: ConnectionTest;
  if (!opened.account) {
    outcome = { ok: false, problem: "notSetUp" };
  } else {
    // One attempt: a test the merchant waits on should not sit through retries.
    const client = new WechatPayClient(opened.account, { ...deps.connection, retryDelaysMs: [] });
    try {
      await client.checkConnection();
      outcome = { ok: true };
    } catch (error) {
      if (!(error instanceof WechatPayError)) throw error;
      outcome = { ok: false, problem: error.kind };
    }
  }
  await db.scoped({ tenantId }, (tx) => recordPaymentCheck(tx, opened.revision, outcome.ok ? null : outcome.problem));
  return outcome;
}

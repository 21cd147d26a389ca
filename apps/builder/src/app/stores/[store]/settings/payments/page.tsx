import { readPaymentSettings } from "@kaidian/payments/server";
import { can, inStore } from "@kaidian/tenancy";
import { PaymentSettingsForm } from "@/components/payments/payment-settings-form";
import { Forbidden } from "@/components/shell/forbidden";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { paymentDeps, paymentProblemText } from "@/server/payments";
import { requireStore } from "@/server/session";

/** The store's WeChat Pay settings: its owners' alone. Keys are write-only: a stored one shows its fingerprint. */
export default async function PaymentSettingsPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "payments")) return <Forbidden t={t} role={access.role} />;
  const settings = await inStore(database(), access, readPaymentSettings);
  const words = t.paymentSettings;
  const date = (value: Date) => value.toLocaleString(locale, { timeZone: "Asia/Shanghai" });

  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      <Card title={words.account}>
        <p className="mb-4 text-sm" data-testid="payment-check" role="status">
          {!settings
            ? words.notSaved
            : !settings.checkedAt
              ? words.neverChecked
              : settings.checkProblem
                ? <span className="text-red-700">{format(words.checkFailed, { problem: paymentProblemText(settings.checkProblem, t, locale) })} · {format(words.checkedAt, { date: date(settings.checkedAt) })}</span>
                : <span className="text-brand-700">{words.checkOk} · {format(words.checkedAt, { date: date(settings.checkedAt) })}</span>}
        </p>
        <PaymentSettingsForm
          t={t}
          store={access.store.slug}
          revision={settings?.revision ?? 0}
          account={settings?.account ?? null}
          partnerAvailable={paymentDeps().provider !== null}
        />
      </Card>
    </>
  );
}

import { discountText, shanghaiDate, thresholdText } from "@kaidian/coupons";
import { can } from "@kaidian/tenancy";
import { CouponForm, StopCouponButton } from "@/components/coupons/coupon-form";
import { Forbidden } from "@/components/shell/forbidden";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { couponsPage } from "@/server/coupons";
import { requireStore } from "@/server/session";

export default async function CouponsPage({ params }: { params: Promise<{ store: string }> }) {
  const access = await requireStore((await params).store);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "catalog")) return <Forbidden t={t} role={access.role} />;
  const { coupons, categories, items } = await couponsPage(access);
  const words = t.coupons;
  return (
    <>
      <PageHeader title={words.title} lead={words.lead} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <Card title={words.listTitle}>
          {coupons.length === 0 ? (
            <p className="text-sm text-slate-500">{words.none}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-2 pr-3 font-medium">{words.columns.name}</th>
                    <th className="py-2 pr-3 font-medium">{words.columns.discount}</th>
                    <th className="py-2 pr-3 font-medium">{words.columns.validity}</th>
                    <th className="py-2 pr-3 font-medium">{words.columns.claimed}</th>
                    <th className="py-2 pr-3 font-medium">{words.columns.used}</th>
                    <th className="py-2 pr-3 font-medium">{words.columns.status}</th>
                    <th className="py-2" />
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {coupons.map((coupon) => {
                    const status = coupon.stoppedAt ? words.stopped : coupon.claimed >= coupon.totalQuantity ? words.soldOut : words.live;
                    return (
                      <tr key={coupon.id} data-coupon={coupon.terms.name}>
                        <td className="py-2 pr-3 font-medium text-slate-900">{coupon.terms.name}</td>
                        <td className="py-2 pr-3">
                          {discountText(coupon.terms.discount, locale)} · {thresholdText(coupon.terms.thresholdFen, locale)}
                          <div className="text-xs text-slate-500">{format(words.perShopper, { count: coupon.perShopperLimit })}</div>
                        </td>
                        <td className="py-2 pr-3">
                          {coupon.validity.kind === "days" ? format(words.daysAfterClaim, { days: coupon.validity.days }) : `${coupon.validity.from} – ${coupon.validity.until}`}
                        </td>
                        <td className="py-2 pr-3 tabular-nums">{coupon.claimed} / {coupon.totalQuantity}</td>
                        <td className="py-2 pr-3 tabular-nums">{coupon.used}</td>
                        <td className="py-2 pr-3">{status}</td>
                        <td className="py-2 text-right">{!coupon.stoppedAt && <StopCouponButton t={t} store={access.store.slug} couponId={coupon.id} />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={words.newTitle}>
          <CouponForm t={t} store={access.store.slug} today={shanghaiDate(new Date())} categories={categories} items={items} />
        </Card>
      </div>
    </>
  );
}

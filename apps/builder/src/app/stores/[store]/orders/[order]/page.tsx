import { availableActions, formatPickupNumber, type Locale, refundableThroughWechat, yuanText } from "@kaidian/orders";
import { sendsAbout } from "@kaidian/messages/server";
import { loadStay, optionsText } from "@kaidian/orders/server";
import { can, inStore } from "@kaidian/tenancy";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeclineRefundForm, PickUpForm, RefundForm, ShipForm } from "@/components/orders/order-actions";
import { MarkReadyForm } from "@/components/orders/takeaway";
import { money, orderTime } from "@/components/orders/order-format";
import { OrderStatusBadge } from "@/components/orders/status-badge";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { database } from "@/server/db";
import { sendOutcomeText } from "@/server/message-outcome";
import { orderPage } from "@/server/orders";
import { requireStore } from "@/server/session";

export default async function OrderPage({ params }: { params: Promise<{ store: string; order: string }> }) {
  const { store: ref, order: orderId } = await params;
  const access = await requireStore(ref);
  const { t, locale } = await currentDictionary();
  if (!can(access.roles, "orders")) return <Forbidden t={t} role={access.role} />;
  const order = await orderPage(access, orderId);
  if (!order) notFound();
  // A hotel booking's stay: its dates and guest take the place of a delivery address.
  const [stay, sends] = await Promise.all([
    order.delivery === "stay" ? inStore(database(), access, (tx) => loadStay(tx, order.id)) : null,
    inStore(database(), access, (tx) => sendsAbout(tx, [order.id])),
  ]);
  const words = t.orders;
  const base = `/stores/${access.store.slug}/orders`;
  // The buttons are the lifecycle's own answer for a merchant now; the server asks it again on submit.
  const actions = availableActions(order, "merchantStaff");
  const canShip = actions.includes("ship");
  const canPickUp = actions.includes("pickUp");
  const canMarkReady = actions.includes("markReady");
  const canDecline = actions.includes("declineRefund") && order.refundRequested;
  const refundable = actions.includes("refund") && order.paidFen > order.refundedFen;
  // Taken at the counter: WeChat Pay never had the money, so it cannot give it back; staff are told why.
  const canRefund = refundable && refundableThroughWechat(order);
  const paidAtCounter = refundable && !canRefund;
  const lastRequest = [...order.events].reverse().find((event) => event.action === "requestRefund");

  return (
    <>
      <Link href={base} className="mb-3 inline-block text-sm text-brand-700 underline-offset-2 hover:underline">{words.detail.back}</Link>
      <PageHeader
        title={<span className="font-mono">{format(words.detail.title, { number: order.number })}</span>}
        lead={format(words.detail.placedAt, { time: orderTime(order.createdAt, locale) })}
        action={
          <div className="flex flex-wrap items-center gap-2">
            {order.pickupNumber !== null && (
              <span data-testid="pickup-number" className="rounded-lg bg-brand-50 px-3 py-1 font-mono text-lg font-semibold text-brand-800">
                {format(t.queue.takeaway.pickupNumber, { number: formatPickupNumber(order.pickupNumber) })}
              </span>
            )}
            <OrderStatusBadge status={order.status} delivery={order.delivery} locale={locale as Locale} />
            {order.refundRequested && <Badge tone="bad">{words.badges.refund}</Badge>}
            <Link href={`${base}/${order.id}/slip`} className={buttonClass("secondary")}>{words.detail.printSlip}</Link>
          </div>
        }
      />
      {order.paymentProblem && (
        <p role="alert" className="mb-4 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800" data-testid="payment-problem">
          {format(words.detail.paymentProblem, { problem: order.paymentProblem })}
        </p>
      )}
      <div className="grid gap-4 xl:grid-cols-[3fr_2fr]">
        <div className="space-y-4">
          <Card title={words.detail.lines}>
            <div className="overflow-x-auto">
              <table className="w-full min-w-[32rem] text-sm" data-testid="order-lines">
                <thead className="border-b border-slate-200 text-left text-xs text-slate-500">
                  <tr>
                    <th className="py-2 pr-3 font-medium">{words.detail.item}</th>
                    <th className="py-2 pr-3 font-medium">{words.detail.options}</th>
                    <th className="py-2 pr-3 text-right font-medium">{words.detail.unitPrice}</th>
                    <th className="py-2 pr-3 text-right font-medium">{words.detail.quantity}</th>
                    <th className="py-2 text-right font-medium">{words.detail.lineTotal}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {order.lines.map((line) => (
                    <tr key={line.position}>
                      <td className="py-2 pr-3 text-slate-900">{line.title}</td>
                      <td className="py-2 pr-3 text-slate-600">{optionsText(line)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{money(line.unitPriceFen)}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{line.quantity}</td>
                      <td className="py-2 text-right tabular-nums">{money(line.lineTotalFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <dl className="mt-4 ml-auto grid max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm" data-testid="order-amounts">
              <dt className="text-slate-600">{words.detail.subtotal}</dt>
              <dd className="text-right tabular-nums">{money(order.subtotalFen)}</dd>
              <dt className="text-slate-600">{words.detail.deliveryFee}</dt>
              <dd className="text-right tabular-nums">{money(order.deliveryFeeFen)}</dd>
              {/* What came off the goods, each part on its own line: the coupon, the member's level, the points spent. */}
              {order.discountFen > 0 && (
                <>
                  <dt className="text-slate-600">{t.checkoutBreakdown.coupon}</dt>
                  <dd className="text-right tabular-nums" data-testid="discount-coupon">-{money(order.discountFen)}</dd>
                </>
              )}
              {order.levelDiscountFen > 0 && (
                <>
                  <dt className="text-slate-600">{t.checkoutBreakdown.level}</dt>
                  <dd className="text-right tabular-nums" data-testid="discount-level">-{money(order.levelDiscountFen)}</dd>
                </>
              )}
              {order.pointsDiscountFen > 0 && (
                <>
                  <dt className="text-slate-600">{format(t.checkoutBreakdown.points, { points: order.pointsUsed })}</dt>
                  <dd className="text-right tabular-nums" data-testid="discount-points">-{money(order.pointsDiscountFen)}</dd>
                </>
              )}
              <dt className="font-medium text-slate-900">{words.detail.total}</dt>
              <dd className="text-right font-semibold tabular-nums">{money(order.totalFen)}</dd>
              <dt className="text-slate-600">{words.detail.paid}</dt>
              <dd className="text-right tabular-nums">{money(order.paidFen)}</dd>
              {order.refundedFen > 0 && (
                <>
                  <dt className="text-slate-600">{words.detail.refunded}</dt>
                  <dd className="text-right tabular-nums text-red-700">−{money(order.refundedFen)}</dd>
                </>
              )}
            </dl>
          </Card>
          <Card title={words.detail.history}>
            <ol className="space-y-3 border-l border-slate-200 pl-4" data-testid="order-history">
              {order.events.map((event) => {
                const role = words.roles[event.actor.role];
                return (
                  <li key={event.id} className="relative text-sm">
                    <span aria-hidden className="absolute -left-[1.3rem] top-1.5 size-2 rounded-full bg-brand-500" />
                    <p className="flex flex-wrap items-baseline gap-x-2">
                      <span className="font-medium text-slate-900">{words.events[event.action] ?? event.action}</span>
                      <span className="text-slate-600">{event.actor.name ? format(words.detail.byNamed, { role, name: event.actor.name }) : format(words.detail.by, { role })}</span>
                      <time className="text-xs text-slate-500" dateTime={event.at.toISOString()}>{orderTime(event.at, locale, true)}</time>
                    </p>
                    {event.amountFen !== null && <p className="text-xs text-slate-600">{format(words.detail.amount, { amount: money(event.amountFen) })}</p>}
                    {event.tracking && <p className="text-xs text-slate-600">{event.tracking.company} {event.tracking.number}</p>}
                    {event.reason && <p className="text-xs text-slate-600">{format(words.detail.reason, { reason: event.reason })}</p>}
                  </li>
                );
              })}
            </ol>
          </Card>
        </div>
        <div className="space-y-4">
          {canShip && (
            <Card title={words.ship.title}>
              <ShipForm t={t} store={access.store.slug} orderId={order.id} />
            </Card>
          )}
          {canMarkReady && (
            <Card title={t.queue.takeaway.readyTitle}>
              <MarkReadyForm t={t} store={access.store.slug} orderId={order.id} />
            </Card>
          )}
          {canPickUp && (
            <Card title={words.pickUp.title}>
              <PickUpForm t={t} store={access.store.slug} orderId={order.id} />
            </Card>
          )}
          {canDecline && (
            <Card title={words.decline.title}>
              <p className="mb-3 text-sm text-amber-800">{words.detail.refundAsked}{lastRequest?.reason ? ` ${format(words.detail.reason, { reason: lastRequest.reason })}` : ""}</p>
              <DeclineRefundForm t={t} store={access.store.slug} orderId={order.id} />
            </Card>
          )}
          {paidAtCounter && (
            <Card title={t.kitchen.paidAtCounterTitle}>
              <p className="text-sm text-slate-700" data-testid="paid-at-counter">{t.kitchen.paidAtCounter}</p>
            </Card>
          )}
          {canRefund && (
            <Card title={words.refund.title}>
              <RefundForm t={t} store={access.store.slug} orderId={order.id} refundable={yuanText(order.paidFen - order.refundedFen)} />
            </Card>
          )}
          <Card title={words.detail.delivery}>
            <dl className="space-y-2 text-sm" data-testid="order-delivery">
              <div>
                <dt className="text-xs text-slate-500">{words.detail.delivery}</dt>
                <dd className="text-slate-900">{stay ? t.hotel.nav : order.delivery === "express" ? words.detail.express : order.delivery === "dineIn" ? words.detail.dineIn : words.detail.pickup}</dd>
              </div>
              {stay && (
                <dd className="text-slate-700" data-testid="order-stay">
                  {format(t.hotel.stayLine, { checkIn: stay.checkIn, checkOut: stay.checkOut, guests: stay.guests })} · {stay.guestName} · {stay.guestPhone}
                </dd>
              )}
              {order.delivery === "pickup" && order.pickupAddress && <dd className="text-slate-700">{format(words.detail.pickupAt, { address: order.pickupAddress })}</dd>}
              {order.address && (
                <>
                  <div>
                    <dt className="text-xs text-slate-500">{words.detail.recipient}</dt>
                    <dd className="text-slate-900">{order.address.name} · {order.address.phone}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-500">{words.detail.address}</dt>
                    <dd className="text-slate-900">{[order.address.province, order.address.city, order.address.district, order.address.detail].filter(Boolean).join(" ")}{order.address.postalCode ? ` (${order.address.postalCode})` : ""}</dd>
                  </div>
                </>
              )}
              <div>
                <dt className="text-xs text-slate-500">{words.detail.shopperPhone}</dt>
                <dd className="text-slate-900">{order.shopperPhone ?? <span className="text-slate-500">{words.detail.noPhone}</span>}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{words.detail.note}</dt>
                <dd className="whitespace-pre-wrap text-slate-900">{order.note || <span className="text-slate-500">{words.detail.noNote}</span>}</dd>
              </div>
              {order.tracking && (
                <div>
                  <dt className="text-xs text-slate-500">{words.detail.tracking}</dt>
                  <dd className="text-slate-900" data-testid="order-tracking">{order.tracking.company} {order.tracking.number}</dd>
                </div>
              )}
              {order.shippingUpload && (
                <p className="rounded-lg bg-slate-50 p-2 text-xs text-slate-600">
                  {order.shippingProblem
                    ? format(words.detail.shipping.problem, { problem: order.shippingProblem })
                    : order.shippingUpload === "accepted"
                      ? words.detail.shipping.accepted
                      : words.detail.shipping.pending}
                </p>
              )}
            </dl>
          </Card>
          <Card title={t.notifications.orderMessages}>
            {sends.length === 0 ? (
              <p className="text-sm text-slate-500">{t.notifications.noSends}</p>
            ) : (
              <ul className="space-y-2 text-sm" data-testid="order-messages">
                {sends.map((send) => (
                  <li key={`${send.purpose}-${send.at.toISOString()}`} data-purpose={send.purpose} data-outcome={send.outcome} className="flex flex-wrap items-baseline gap-x-2">
                    <span className="font-medium text-slate-900">{t.notifications.purposes[send.purpose]}</span>
                    <span className={send.outcome === "sent" ? "text-brand-700" : "text-amber-700"}>{sendOutcomeText(send, t, locale)}</span>
                    <time className="text-xs text-slate-500" dateTime={send.at.toISOString()}>{orderTime(send.at, locale, true)}</time>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          {order.refunds.length > 0 && (
            <Card title={words.detail.refunds}>
              <ul className="space-y-2 text-sm">
                {order.refunds.map((refund) => (
                  <li key={refund.id} className="flex flex-wrap justify-between gap-2">
                    <span>{money(refund.amountFen)} · {refund.reason}</span>
                    <Badge tone={refund.status === "success" ? "good" : refund.status === "processing" ? "neutral" : "bad"}>{words.detail.refundStatus[refund.status] ?? refund.status}</Badge>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {!canShip && !canPickUp && !canDecline && !canRefund && !paidAtCounter && <p className="text-sm text-slate-500">{words.detail.noActions}</p>}
        </div>
      </div>
    </>
  );
}

// What orders.payment_problem holds, and how the merchant reads it: a payment WeChat Pay reported that the order
// could not take as paid. Written by applyPayment (orders/server), shown on the order in the dashboard.
import { yuanText, type Locale } from "./refusals";

export type PaymentProblem =
  /** WeChat Pay took another amount than the order's total: `amountMismatch:<paid fen>`. */
  | `amountMismatch:${number}`
  /** The money arrived after the order was cancelled (expired or by the shopper): it is refunded by the system. */
  | "paidAfterCancel"
  /** A second, different payment for an order already paid: `paidTwice:<its transaction id>`. */
  | `paidTwice:${string}`;

export function paymentProblemMessage(problem: string, totalFen: number, locale: Locale = "zh-CN"): string {
  const zh = locale === "zh-CN";
  const [code, detail = ""] = problem.split(":");
  switch (code) {
    case "amountMismatch":
      return zh
        ? `微信支付收款 ¥${yuanText(Number(detail))}，与订单金额 ¥${yuanText(totalFen)} 不符：订单未标记为已付款，请核对后处理。`
        : `WeChat Pay took ¥${yuanText(Number(detail))}, not the order's ¥${yuanText(totalFen)}: the order is not marked paid. Check it and settle it.`;
    case "paidAfterCancel":
      return zh
        ? "顾客在订单取消后完成了付款：这笔付款已自动原路退还，进度见退款记录。"
        : "The shopper paid after the order was cancelled: the payment is being refunded automatically; see the refunds.";
    case "paidTwice":
      return zh ? `订单收到第二笔付款（微信支付单号 ${detail}）：请为顾客退还多付的款项。` : `The order was paid a second time (WeChat Pay transaction ${detail}): refund the extra payment.`;
    default:
      return problem;
  }
}

import { describe, expect, it } from "vitest";
import { paymentProblemMessage } from "./payment-problems";

describe("a payment problem, as the merchant reads it", () => {
  it("names the amount taken against the order's, and what to do, in Chinese and English", () => {
    expect(paymentProblemMessage("amountMismatch:6799", 6800)).toBe("微信支付收款 ¥67.99，与订单金额 ¥68.00 不符：订单未标记为已付款，请核对后处理。");
    expect(paymentProblemMessage("amountMismatch:6799", 6800, "en")).toContain("¥67.99, not the order's ¥68.00");
    expect(paymentProblemMessage("paidAfterCancel", 6800)).toBe("顾客在订单取消后完成了付款：这笔付款已自动原路退还，进度见退款记录。");
    expect(paymentProblemMessage("paidTwice:4200000001", 6800, "en")).toContain("4200000001");
  });
});

// One order of the shopper's: status, lines, amounts, delivery and tracking, and what happened when. The actions
// offered are the ones shop-api lists for this order (cancel while unpaid, pay again, confirm receipt, ask for a
// refund); a refusal is the lifecycle's own message. Opened by the checkout with `confirm`, it first asks shop-api
// to confirm the payment with WeChat Pay, for a shopper back before the payment notification.
const { shopperRequest } = require("../../lib/session");
const { sitePage } = require("../../lib/site-page");
const trade = require("../../lib/trade");

Component({
  behaviors: [sitePage("order-detail")],
  data: { order: null, stay: null, problem: "", busy: false, refunding: false, reason: "" },
  methods: {
    onLoad(query) {
      this.orderId = query.id || "";
      this.confirmFirst = query.confirm === "1";
    },
    onShow() {
      if (!this.orderId) return;
      const path = `/orders/${encodeURIComponent(this.orderId)}`;
      const asked = this.confirmFirst ? shopperRequest("POST", `${path}/payment/confirm`) : shopperRequest("GET", path);
      this.confirmFirst = false;
      asked.then(
        (answer) => this.show(answer),
        () => this.setData({ problem: "网络不可用，请稍后重试。" }),
      );
    },
    show(answer) {
      if (answer.status === 200 && answer.body && answer.body.id) {
        this.setData({ order: trade.orderDetailView(answer.body), problem: "", busy: false, refunding: false, reason: "" });
        if (answer.body.delivery === "stay" && !this.data.stay) this.showStay();
      } else {
        this.setData({ busy: false, problem: trade.errorMessage(answer.body) || "暂时无法读取订单，请稍后重试。" });
      }
    },
    act(action, reason) {
      if (this.data.busy) return;
      this.setData({ busy: true });
      shopperRequest("POST", `/orders/${encodeURIComponent(this.orderId)}/actions`, reason === undefined ? { action } : { action, reason }).then(
        (answer) => this.show(answer),
        () => this.setData({ busy: false, problem: "网络不可用，请稍后重试。" }),
      );
    },
    onCancel() {
      wx.showModal({
        title: "取消订单",
        content: "确定取消这个订单吗？",
        success: (result) => {
          if (result.confirm) this.act("cancel", "");
        },
      });
    },
    /** A hotel booking's stay: its dates and guest, and the cancellation policy it was booked under. */
    showStay() {
      shopperRequest("GET", `/bookings/${encodeURIComponent(this.orderId)}`).then((answer) => {
        if (answer.status === 200 && answer.body && answer.body.stay) this.setData({ stay: trade.stayView(answer.body.stay) });
      });
    },
    /** Cancelling a paid booking: the refund the server computes now is shown first, and sent back as confirmed. */
    onCancelStay() {
      if (this.data.busy) return;
      const path = `/bookings/${encodeURIComponent(this.orderId)}`;
      this.setData({ busy: true });
      shopperRequest("GET", `${path}/cancellation`).then(
        (answer) => {
          this.setData({ busy: false });
          const quote = answer.status === 200 ? answer.body : null;
          if (!quote || !quote.canCancel) {
            this.setData({ problem: trade.errorMessage(answer.body) || "这个预订已不能取消。" });
            return;
          }
          wx.showModal({
            title: "取消预订",
            content: trade.cancellationPrompt(quote),
            confirmText: "确认取消",
            cancelText: "再想想",
            success: (result) => {
              if (result.confirm) this.cancelStay(path, quote.refundFen);
            },
          });
        },
        () => this.setData({ busy: false, problem: "网络不可用，请稍后重试。" }),
      );
    },
    cancelStay(path, seenRefundFen) {
      this.setData({ busy: true });
      shopperRequest("POST", `${path}/cancel`, { seenRefundFen }).then(
        (answer) => {
          if (answer.status === 200 && answer.body && answer.body.order) return this.show({ status: 200, body: answer.body.order });
          // The refund changed since it was shown (a deadline passed): show the new one and ask again.
          this.setData({ busy: false, problem: trade.errorMessage(answer.body) || "暂时无法取消，请稍后重试。" });
        },
        () => this.setData({ busy: false, problem: "网络不可用，请稍后重试。" }),
      );
    },
    onConfirmReceipt() {
      this.act("confirmReceipt");
    },
    onAskRefund() {
      this.setData({ refunding: true });
    },
    onReason(event) {
      this.setData({ reason: event.detail.value });
    },
    onSendRefund() {
      if (!this.data.reason.trim()) {
        this.setData({ problem: "请填写退款原因。" });
        return;
      }
      this.act("requestRefund", this.data.reason.trim());
    },
    onPayAgain() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      const path = `/orders/${encodeURIComponent(this.orderId)}/payment`;
      shopperRequest("POST", path).then(
        (answer) => {
          const options = answer.status === 200 && trade.paymentOptions(answer.body && answer.body.payment);
          if (!options) {
            this.setData({ busy: false, problem: trade.errorMessage(answer.body) || "暂时无法付款，请稍后重试。" });
            return;
          }
          wx.requestPayment(
            Object.assign(options, {
              complete: () => shopperRequest("POST", `${path}/confirm`).then((confirmed) => this.show(confirmed)),
            }),
          );
        },
        () => this.setData({ busy: false, problem: "网络不可用，请稍后重试。" }),
      );
    },
  },
});

// The shopper's own orders, newest first, a page at a time (GET /orders?cursor=); each opens its detail.
const { openTradePage } = require("../../lib/links");
const { shopperRequest } = require("../../lib/session");
const { sitePage } = require("../../lib/site-page");
const { shanghaiTime } = require("../../lib/trade");

function summaryView(order) {
  return {
    id: order.id,
    number: order.number,
    statusName: order.statusName,
    totalFen: order.totalFen,
    title: order.firstTitle || "",
    lineCount: order.lineCount || 0,
    createdAt: shanghaiTime(order.createdAt),
  };
}

Component({
  behaviors: [sitePage("orders")],
  data: { orders: [], loading: false, done: false, problem: "" },
  methods: {
    // The list is read again on every show, so an order paid or cancelled on its page reads right here.
    onShow() {
      this.cursor = "";
      this.setData({ orders: [], done: false });
      this.more();
    },
    onReachBottom() {
      this.more();
    },
    more() {
      if (this.data.loading || this.data.done) return;
      this.setData({ loading: true });
      const query = this.cursor ? `?cursor=${encodeURIComponent(this.cursor)}` : "";
      shopperRequest("GET", `/orders${query}`).then(
        (answer) => {
          if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.orders)) {
            const notSetUp = answer.body && answer.body.error && answer.body.error.code === "login.notSetUp";
            this.setData({ loading: false, problem: notSetUp ? "本店尚未开通在线下单。" : "暂时无法读取订单，请稍后重试。" });
            return;
          }
          this.cursor = answer.body.nextCursor || "";
          this.setData({
            loading: false,
            problem: "",
            done: !this.cursor,
            orders: this.data.orders.concat(answer.body.orders.map(summaryView)),
          });
        },
        () => this.setData({ loading: false, problem: "网络不可用，请稍后重试。" }),
      );
    },
    onOpen(event) {
      openTradePage("order-detail", { id: event.currentTarget.dataset.id });
    },
  },
});

// Restaurant ordering: the menu section, the table from the QR code (`t=12` in the query, its `scene`, or the
// printed table link in `q`), and the basket with its total. At a table, the basket is sent to the kitchen as a
// round of the table's tab (shop-api's /tables/:table routes); the page shows the tab and pays it (pay at the end)
// or each round (pay first). A takeaway goes to the checkout (pickup at the store, paid first). Dine-in without a
// table, the last step is a summary to show staff.
const { basket, basketView, roundLines } = require("../../lib/basket");
const { learnItems } = require("../../lib/catalog-pages");
const { currentDining, onDiningChange, servingMode, tableFromQuery, updateDining, MODE_LABELS } = require("../../lib/dining");
const { openTradePage } = require("../../lib/links");
const { baked } = require("../../lib/site");
const { sitePage } = require("../../lib/site-page");
const { shopperRequest } = require("../../lib/session");
const { tabView } = require("../../lib/table-orders");
const trade = require("../../lib/trade");

Component({
  behaviors: [sitePage("order")],
  data: { basket: { lines: [], totalFen: 0, count: 0 }, modeLabel: "", takeaway: false, table: "", summary: false, tab: null, sending: false, problem: "" },
  lifetimes: {
    attached() {
      this.stopBasket = basket.subscribe(() => {
        // A changed basket is a new round: its own key.
        this.roundKey = null;
        this.showBasket();
      });
      this.stopDining = onDiningChange(() => this.showBasket());
    },
    detached() {
      this.stopBasket();
      this.stopDining();
    },
  },
  observers: {
    "catalog, sections"(catalog, sections) {
      const menu = sections.find((section) => section.type === "menu");
      // The template keeps a menu on this page (templates/src/templates/restaurant.ts marks it required).
      this.menuSettings = menu ? menu.settings : null;
      this.showBasket();
    },
  },
  methods: {
    onLoad(query) {
      const table = tableFromQuery(query, baked.site.tenantId);
      if (table) updateDining({ table, mode: "dineIn" });
      if (table) this.loadTab();
    },
    /** The table's open tab, as shop-api has it now. */
    loadTab() {
      const table = currentDining().table;
      if (!table) return Promise.resolve();
      return shopperRequest("GET", `/tables/${table}/tab`).then((answer) => {
        if (answer.status === 200) this.setData({ tab: tabView(answer.body.tab) });
      });
    },
    /** The basket goes to the kitchen as the table's next round (pay first: once its payment goes through). */
    onSend() {
      const table = this.data.table;
      const lines = roundLines(this.data.catalog);
      if (!table || !lines.length || this.data.sending) return;
      // One key per basket sent: resending after a lost answer finds the round already sent, not a second one.
      this.roundKey = this.roundKey || trade.idempotencyKey(Date.now(), Math.random());
      this.setData({ sending: true, problem: "" });
      shopperRequest("POST", `/tables/${table}/rounds`, { lines }, { "Idempotency-Key": this.roundKey }).then((answer) => {
        this.setData({ sending: false });
        if (answer.status !== 201) {
          this.roundKey = null;
          const refusals = trade.refusalsOf(answer.body);
          const problem = refusals.length ? refusals.map((refusal) => refusal.message).join(" ") : trade.errorMessage(answer.body) || "下单失败，请重试。";
          return this.setData({ problem });
        }
        this.roundKey = null;
        basket.clear();
        this.setData({ summary: false, tab: tabView(answer.body.tab) });
        if (answer.body.payment) return this.pay(answer.body.payment, answer.body.round.orderId);
        wx.showToast({ title: "已送至后厨", icon: "success" });
      }, () => this.setData({ sending: false, problem: "网络不可用，请重试。" }));
    },
    /** Pay at the end: the whole tab, by whichever diner taps. */
    onPayTab() {
      shopperRequest("POST", `/tables/${this.data.table}/tab/payment`).then((answer) => {
        if (answer.status !== 200) return this.setData({ problem: trade.errorMessage(answer.body) });
        this.pay(answer.body.payment, answer.body.orderId);
      });
    },
    /** Pay first: a round not paid yet (the pay sheet was closed). */
    onPayRound(event) {
      const orderId = event.currentTarget.dataset.order;
      shopperRequest("POST", `/orders/${orderId}/payment`).then((answer) => {
        if (answer.status !== 200) return this.setData({ problem: trade.errorMessage(answer.body) });
        this.pay(answer.body.payment, orderId);
      });
    },
    /** WeChat Pay's sheet; back from it, shop-api asks WeChat Pay in case its notification is still on the way. */
    pay(payment, orderId) {
      const options = trade.paymentOptions(payment);
      if (!options) return this.loadTab();
      wx.requestPayment(Object.assign(options, {
        complete: () => shopperRequest("POST", `/orders/${orderId}/payment/confirm`).then(() => this.loadTab()),
      }));
    },
    showBasket() {
      const dining = currentDining();
      const mode = this.menuSettings ? servingMode(this.menuSettings, dining) : dining.mode;
      this.setData({ basket: basketView(this.data.catalog), modeLabel: MODE_LABELS[mode], takeaway: mode === "takeaway", table: mode === "dineIn" ? dining.table : "" });
      learnItems(basket.lines().map((line) => line.itemId), this.data.catalog, (catalog) => this.setData({ catalog }));
    },
    onQuantity(event) {
      basket.setQuantity(event.currentTarget.dataset.key, Number(event.detail));
    },
    /** A takeaway is checked out like any order: collected at the store by its pickup number, paid first. */
    onTakeaway() {
      if (!this.data.basket.count) return;
      this.setData({ summary: false });
      openTradePage("checkout", { from: "takeaway" });
    },
    onSummary() {
      if (this.data.basket.count) this.setData({ summary: true });
    },
    onCloseSummary() {
      this.setData({ summary: false });
    },
    onClear() {
      basket.clear();
      this.setData({ summary: false });
    },
  },
});

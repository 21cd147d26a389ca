// Checkout: the cart's orderable lines, express to an address from wx.chooseAddress or pickup at the store, the fee
// rules and note, the total as shop-api quotes it, then the order and WeChat Pay. Nothing here computes money: the
// quote and the order are priced on the server; the phone only sends what the shopper saw, and a refusal comes back
// on its line (sold out with how many are left, a changed price with one tap to accept it). Opened with
// `from=takeaway`, it checks out the restaurant's basket instead: pickup only, with the "ready" message asked for
// before paying (WeChat lets a page ask only from a tap), so the shopper hears when to collect it. A member sees
// their level's discount and may pay part with points: a switch that asks for a new quote, whose figures are shown.
const { basket, takeawayLines } = require("../../lib/basket");
const { cart, cartView } = require("../../lib/cart");
const { hasPage, openPage, openTradePage } = require("../../lib/links");
const { discountText, myMember } = require("../../lib/members");
const { ensureSession, loginState, sharePhone, shopperRequest, storedSession, storeRequest } = require("../../lib/session");
const { currentSite } = require("../../lib/site");
const { sitePage } = require("../../lib/site-page");
const { callStore } = require("../../lib/store-actions");
const { askThen, templateIdsFor } = require("../../lib/subscribe");
const trade = require("../../lib/trade");

/** Why the store cannot take this order online; shown instead of a pay button. */
const CLOSED = {
  "payments.notSetUp": "本店尚未开通微信支付，暂时无法在线付款。你可以致电门店下单。",
  "login.notSetUp": "本店尚未开通在线下单，暂时无法在小程序内付款。你可以致电门店下单。",
  "takeaway.off": "本店暂未开通外带自取，请到店点餐。",
};

/** Where the lines come from: the shop cart, or the restaurant's basket for a takeaway. */
const SOURCES = {
  cart: { store: cart, lines: orderableLines },
  takeaway: { store: basket, lines: takeawayLines },
};

function orderableLines(catalog) {
  return cartView(catalog)
    .lines.filter((line) => line.available)
    .map((line) => ({
      key: line.key,
      itemId: line.itemId,
      title: line.title,
      image: line.image,
      optionsText: line.optionsText,
      skuOptions: cart.lines().find((saved) => saved.key === line.key).options,
      dishOptions: [],
      quantity: line.quantity,
      seenUnitPriceFen: line.unitFen,
    }));
}

/** The page holding the member card, where a shopper who is not a member can join; "" when the store has none. */
function memberCardPage() {
  const pages = currentSite().site.config.pages;
  const found = Object.keys(pages).find((id) => hasPage(id) && (pages[id].sections || []).some((section) => section.type === "member-card"));
  return found || "";
}

Component({
  behaviors: [sitePage("checkout")],
  data: {
    takeaway: false,
    lines: [],
    general: [],
    methods: [],
    method: "",
    rules: null,
    freeFrom: { shown: false, fen: 0 },
    address: null,
    note: "",
    quote: null,
    closed: "",
    loading: true,
    placing: false,
    problem: "",
    phone: "",
    // The shopper's membership as the last quote told it (kept while a refusal leaves no quote, so the switch stays).
    member: null,
    levelRate: null,
    usePoints: false,
    joinPage: "",
  },
  methods: {
    onLoad(query) {
      this.attempt = null;
      // The shopper's own pick of coupon (an id, or null for none); undefined lets shop-api apply the best one.
      this.couponPicked = undefined;
      this.takeaway = Boolean(query && query.from === "takeaway");
      this.source = SOURCES[this.takeaway ? "takeaway" : "cart"];
      const session = storedSession();
      if (session && session.shopper.phone) this.setData({ phone: session.shopper.phone });
      this.setData({ lines: this.source.lines(currentSite().catalog), takeaway: this.takeaway, joinPage: memberCardPage() });
      Promise.all([storeRequest("GET", "/ordering"), ensureSession()]).then(
        ([answer, session]) => {
          this.showOrdering(answer);
          if (!session && loginState() === "notSetUp") this.setData({ closed: CLOSED["login.notSetUp"], quote: null });
        },
        () => this.setData({ loading: false, problem: "网络不可用，请稍后重试。" }),
      );
    },
    showOrdering(answer) {
      if (answer.status !== 200 || !answer.body || !answer.body.delivery) {
        this.setData({ loading: false, problem: "暂时无法读取本店的下单设置，请稍后重试。" });
        return;
      }
      const methods = trade.deliveryMethods(answer.body.delivery).filter((method) => !this.takeaway || method === "pickup");
      this.messageTemplates = answer.body.messageTemplates || {};
      this.setData({
        loading: false,
        rules: answer.body.delivery,
        freeFrom: { shown: Number.isInteger(answer.body.delivery.express.freeFromFen), fen: answer.body.delivery.express.freeFromFen || 0 },
        methods,
        method: methods[0] || "",
        closed: !answer.body.paymentsReady ? CLOSED["payments.notSetUp"] : methods.length ? "" : CLOSED["takeaway.off"],
      });
      this.requestQuote();
    },
    /** The order as it would be sent now; null while express has no address yet. */
    orderRequest() {
      const delivery = trade.deliveryChoice(this.data.method, this.data.address);
      if (!delivery || !this.data.lines.length) return null;
      const request = { lines: trade.requestLines(this.data.lines), delivery, note: this.data.note };
      if (this.couponPicked !== undefined) request.coupon = this.couponPicked;
      if (this.data.usePoints) request.usePoints = true;
      return request;
    },
    /**
     * What the order is placed with: the coupon the quote applied and the points it spent, so the charge is the total
     * the shopper saw (a balance changed meanwhile is refused, not charged otherwise).
     */
    placingRequest() {
      const request = this.orderRequest();
      const quote = this.data.quote;
      if (request && quote && quote.coupon !== undefined && !("coupon" in request)) request.coupon = quote.coupon;
      if (request && quote && request.usePoints) request.seenPointsUsed = quote.pointsUsed;
      return request;
    },
    /** `keepGeneral`: the order-wide messages stay (a refusal that asks the shopper to look at the new figures). */
    requestQuote(keepGeneral) {
      const request = this.orderRequest();
      this.attempt = null;
      // Only the answer to the latest ask is shown: a quick off-and-on of the points switch must not end on an older one.
      const asked = (this.quotesAsked = (this.quotesAsked || 0) + 1);
      if (!request) {
        this.setData({ quote: null });
        return;
      }
      shopperRequest("POST", "/orders/quote", request).then(
        (answer) => {
          if (asked === this.quotesAsked) this.showAnswer(answer, (body) => this.showQuote(body, keepGeneral === true));
        },
        () => {
          if (asked === this.quotesAsked) this.setData({ problem: "网络不可用，请稍后重试。" });
        },
      );
    },
    showQuote(quote, keepGeneral) {
      const member = quote.member || null;
      this.setData({ quote, member, general: keepGeneral ? this.data.general : [] });
      // The level's rate ("9.5折") is on the member's card, read once; the amount is always the quote's.
      if (member && !this.cardAsked) {
        this.cardAsked = true;
        myMember().then(({ member: card }) => {
          if (card && card.level) this.setData({ levelRate: { level: card.level.name, text: discountText(card.level.percentOff) } });
        });
      }
    },
    /** Shows a refusal on its lines, a closed store plainly, anything else as one message; `onOk` takes the rest. */
    showAnswer(answer, onOk) {
      const code = trade.errorCode(answer.body);
      if (answer.status === 200 || answer.status === 201) {
        this.setData({ problem: "", lines: trade.placeRefusals(this.data.lines, []).lines });
        onOk(answer.body);
      } else if (code === "order.refused") {
        const refusals = trade.refusalsOf(answer.body);
        // A coupon that no longer applies is dropped: the next quote offers the best one again.
        if (refusals.some((refusal) => refusal.code === "couponUnusable")) this.couponPicked = undefined;
        const placed = trade.placeRefusals(this.data.lines, refusals);
        this.setData({ lines: placed.lines, general: placed.general, quote: null, problem: "" });
        // The balance changed since the quote: a new one shows what points pay now, beside the message saying so.
        if (refusals.some((refusal) => refusal.code === "pointsShort")) this.requestQuote(true);
      } else if (CLOSED[code]) {
        this.setData({ closed: CLOSED[code], quote: null });
      } else {
        this.setData({ problem: trade.errorMessage(answer.body) || "下单失败，请稍后重试。" });
      }
    },
    onMethod(event) {
      this.setData({ method: event.currentTarget.dataset.method });
      this.requestQuote();
    },
    onChooseAddress() {
      wx.chooseAddress({
        success: (chosen) => {
          this.setData({ address: trade.addressFromWx(chosen) });
          this.requestQuote();
        },
      });
    },
    onNote(event) {
      this.setData({ note: event.detail.value });
      this.attempt = null;
    },
    onNoteDone() {
      this.requestQuote();
    },
    onAcceptPrice(event) {
      this.setData({ lines: trade.acceptFreshPrice(this.data.lines, Number(event.currentTarget.dataset.index)) });
      this.requestQuote();
    },
    onTakeLeft(event) {
      const index = Number(event.currentTarget.dataset.index);
      const line = this.data.lines[index];
      this.source.store.setQuantity(line.key, line.left);
      this.setData({ lines: this.data.lines.map((one, at) => (at === index ? Object.assign({}, one, { quantity: line.left, left: null, problem: "" }) : one)) });
      this.requestQuote();
    },
    /** The shopper picks another coupon, or none, from those the quote says are usable on this order. */
    onCoupon() {
      const quote = this.data.quote;
      const usable = quote && Array.isArray(quote.coupons) ? quote.coupons.filter((coupon) => coupon.usable).slice(0, 5) : [];
      if (!usable.length) return;
      wx.showActionSheet({
        itemList: usable.map((coupon) => `${coupon.name} 省${trade.yuanText(coupon.discountFen)}`).concat("不使用优惠券"),
        success: ({ tapIndex }) => {
          this.couponPicked = tapIndex < usable.length ? usable[tapIndex].id : null;
          this.requestQuote();
        },
      });
    },
    /** The shopper turns paying with points on or off; the server says what that spends and takes off. */
    onPoints() {
      if (this.data.placing) return;
      this.setData({ usePoints: !this.data.usePoints });
      this.requestQuote();
    },
    onJoin() {
      openPage(this.data.joinPage);
    },
    onPhone(event) {
      sharePhone(event).then((phone) => phone && this.setData({ phone }));
    },
    onPay() {
      const request = this.placingRequest();
      if (!request || this.data.placing || this.data.closed || !this.data.quote) return;
      // One key per attempt: tapping again after a lost answer finds the order already placed, not a second one.
      this.attempt = this.attempt || trade.idempotencyKey(Date.now(), Math.random());
      this.setData({ placing: true });
      // The messages this order will send (paid, then shipped or ready); whatever the shopper answers, it goes on.
      askThen(templateIdsFor(this.messageTemplates, this.data.method), () => this.place(request));
    },
    /**
     * Places the order, then pays for it. The placing answer comes as soon as the order is committed (`Prefer:
     * payment=separate`: in a flash sale it does not wait for WeChat Pay).
     */
    place(request) {
      shopperRequest("POST", "/orders", request, { "Idempotency-Key": this.attempt, Prefer: "payment=separate" }).then(
        (answer) => {
          if (answer.status !== 201) this.setData({ placing: false });
          this.showAnswer(answer, (body) => this.placed(body));
        },
        () => this.setData({ placing: false, problem: "网络不可用，请稍后重试。" }),
      );
    },
    /**
     * The order is placed: its lines leave the cart, the payment is asked for on its own, then WeChat Pay's sheet,
     * and the order page, which confirms the payment either way and offers paying again when it could not be had.
     */
    placed(body) {
      this.data.lines.forEach((line) => this.source.store.setQuantity(line.key, 0));
      const show = () => openTradePage("order-detail", { id: body.order.id, confirm: "1" }, { replace: true });
      // A server that ignores the preference still sends the payment with the order.
      const payment = body.payment ? Promise.resolve(body.payment) : shopperRequest("POST", `/orders/${body.order.id}/payment`).then((paid) => paid.status === 200 && paid.body.payment);
      payment.then((params) => {
        const options = trade.paymentOptions(params);
        if (!options) return show();
        wx.requestPayment(Object.assign(options, { complete: show }));
      }, show);
    },
    onCall() {
      callStore(this.data.store);
    },
  },
});

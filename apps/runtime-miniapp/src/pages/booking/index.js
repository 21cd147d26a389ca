// Booking a stay: dates, room, guests, the guest's name and phone, each night's rate and rooms left (read live),
// then "预订并支付": shop-api holds the room on every night and places the booking (an order), WeChat Pay's sheet
// opens, and the booking's page follows, where it can be paid again or cancelled with its refund shown first.
// The total sent is the one shown, so a rate changed since is told (and shown) rather than charged silently.
// The room types are those the package knows, then the read API's pages, more as the shopper scrolls or asks.
const { findItem, itemsOf } = require("../../lib/catalog");
const { createItemFeed } = require("../../lib/catalog-pages");
const { openTradePage } = require("../../lib/links");
const { shopperRequest, storeRequest } = require("../../lib/session");
const { sitePage } = require("../../lib/site-page");
const { baked } = require("../../lib/site");
const { currentStay, onStayChange, quoteStay, stayView, updateStay } = require("../../lib/stay");
const { callStore } = require("../../lib/store-actions");
const { askThen, templateIdsFor } = require("../../lib/subscribe");
const trade = require("../../lib/trade");

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

function roomChoice(room) {
  return { id: room.id, title: room.title, priceFen: room.priceFen, capacity: room.details.capacity };
}

function roomsOf(items) {
  return items.filter((item) => item.kind === "room").map(roomChoice);
}

/** Why a booking cannot be made online; shown in place of the pay button's result. */
const CLOSED = {
  "payments.notSetUp": "酒店暂未开通微信支付，暂时无法在线预订，请致电酒店。",
  "login.notSetUp": "酒店暂未开通在线预订，请致电酒店。",
};

/** The booking bar's section, whose date pickers this page then leaves to it. */
function bookingBarOf(sections) {
  return sections.find((section) => section.type === "booking-bar") || null;
}

Component({
  behaviors: [sitePage("booking")],
  data: {
    hasBookingBar: false,
    stay: null,
    rooms: [],
    roomsLoading: false,
    roomsDone: true,
    roomsFailed: false,
    room: null,
    estimateFen: 0,
    live: false,
    nights: [],
    soldOut: [],
    guests: 1,
    guestName: "",
    guestPhone: "",
    problem: "",
    booking: false,
    canBook: Boolean(baked.apiBase),
  },
  lifetimes: {
    attached() {
      this.stopStay = onStayChange(() => this.showStay());
      // The "booking confirmed" template, asked for on the booking tap; without an answer none is asked.
      this.messageTemplates = {};
      storeRequest("GET", "/ordering").then(
        (answer) => {
          if (answer.status === 200 && answer.body) this.messageTemplates = answer.body.messageTemplates || {};
        },
        () => {},
      );
    },
    detached() {
      this.stopStay();
      if (this.feed) this.feed.stop();
    },
  },
  observers: {
    "catalog, sections"(catalog, sections) {
      const bar = bookingBarOf(sections);
      this.defaultNights = bar ? bar.settings.defaultNights : 1;
      this.setData({ hasBookingBar: Boolean(bar) });
      // A refreshed site keeps the rooms and the pages already loaded: the list's filter never changes.
      if (!this.feed) {
        const seed = itemsOf(catalog).filter((item) => item.kind === "room");
        this.feed = createItemFeed({ categoryId: "", keyword: "" }, seed, (state) => this.showRooms(state));
        this.showRooms({ items: seed, loading: false, done: true, failed: false });
        this.feed.more();
      }
      this.showStay();
    },
  },
  methods: {
    showRooms(state) {
      this.setData({ rooms: roomsOf(state.items), roomsLoading: state.loading, roomsDone: state.done, roomsFailed: state.failed });
    },
    onReachBottom() {
      this.onMoreRooms();
    },
    onMoreRooms() {
      if (this.feed) this.feed.more();
    },
    showStay() {
      const stay = currentStay(this.defaultNights);
      const view = stayView(stay);
      // A room picked elsewhere (the home page's list, a room's page) may be on a page of the list not loaded yet.
      const known = findItem(this.data.catalog, stay.roomId);
      const room = this.data.rooms.find((candidate) => candidate.id === stay.roomId) || (known && known.kind === "room" ? roomChoice(known) : null);
      const guests = room ? Math.min(this.data.guests, room.capacity) : this.data.guests;
      this.attempt = null;
      this.setData({ stay: view, room, guests, estimateFen: room ? room.priceFen * view.nights : 0, live: false, nights: [], soldOut: [], problem: "" });
      if (!room) return;
      // Only the answer for the latest dates and room is shown.
      const asked = (this.quoteAsked || 0) + 1;
      this.quoteAsked = asked;
      quoteStay(baked.apiBase, room, stay).then((quote) => {
        if (asked === this.quoteAsked) this.setData({ estimateFen: quote.totalFen, soldOut: quote.soldOut, nights: quote.nights, live: quote.live });
      });
    },
    onRoom(event) {
      updateStay({ roomId: event.currentTarget.dataset.id });
    },
    onGuests(event) {
      this.attempt = null;
      this.setData({ guests: Number(event.detail) || 1 });
    },
    onName(event) {
      this.attempt = null;
      this.setData({ guestName: event.detail.value });
    },
    onPhone(event) {
      this.attempt = null;
      this.setData({ guestPhone: event.detail.value });
    },
    onSubmit() {
      const { room, stay, guests, guestName, guestPhone, estimateFen } = this.data;
      const name = guestName.trim();
      const phone = guestPhone.trim();
      let problem = "";
      if (!room) problem = "请选择房型";
      else if (this.data.soldOut.length) problem = "所选日期有满房的晚上，请更换日期或房型";
      else if (!name) problem = "请填写入住人姓名";
      else if (!PHONE.test(phone)) problem = "请填写正确的手机号";
      else if (!this.data.canBook || !this.data.live) problem = "暂时无法查询房态，请稍后重试或致电酒店。";
      if (problem || this.data.booking) {
        this.setData({ problem });
        return;
      }
      const request = { itemId: room.id, checkIn: stay.checkIn, checkOut: stay.checkOut, guests, guestName: name, guestPhone: phone, seenTotalFen: estimateFen };
      // One key per attempt: tapping again after a lost answer finds the booking already placed, not a second one.
      this.attempt = this.attempt || trade.idempotencyKey(Date.now(), Math.random());
      this.setData({ booking: true, problem: "" });
      askThen(templateIdsFor(this.messageTemplates, "stay"), () =>
        shopperRequest("POST", "/bookings", request, { "Idempotency-Key": this.attempt }).then(
          (answer) => this.answered(answer),
          () => this.setData({ booking: false, problem: "网络不可用，请稍后重试。" }),
        ),
      );
    },
    answered(answer) {
      this.setData({ booking: false });
      if (answer.status === 201 && answer.body && answer.body.order) return this.booked(answer.body);
      const code = trade.errorCode(answer.body);
      if (CLOSED[code]) return this.setData({ problem: CLOSED[code] });
      const refusals = trade.refusalsOf(answer.body);
      const changed = refusals.find((refusal) => refusal.code === "totalChanged" && Number.isInteger(refusal.currentFen));
      // A night taken meanwhile: the nights are read again, so the form shows which.
      if (refusals.some((refusal) => refusal.code === "nightSoldOut" || refusal.code === "nightClosed")) this.showStay();
      // A new total is shown; booking again agrees to it, as a new attempt.
      if (changed) this.attempt = null;
      this.setData({
        estimateFen: changed ? changed.currentFen : this.data.estimateFen,
        problem: refusals.map((refusal) => refusal.message).join(" ") || trade.errorMessage(answer.body) || "暂时无法预订，请稍后重试。",
      });
    },
    /** The booking is placed: WeChat Pay's sheet, then the booking's page, which confirms the payment either way. */
    booked(body) {
      this.attempt = null;
      const show = () => openTradePage("order-detail", { id: body.order.id, confirm: "1" });
      const options = trade.paymentOptions(body.payment);
      if (!options) return show();
      wx.requestPayment(Object.assign(options, { complete: show }));
    },
    onMyBookings() {
      openTradePage("orders");
    },
    onCall() {
      callStore(this.data.store);
    },
  },
});

// A booking request: dates, room, guest name and phone, then a summary. The total is each night's rate from the
// read API (sold-out nights cannot be requested), or the room's price times the nights when it cannot be asked.
// Reservations are not part of the runtime yet, so nothing is sent: the summary says so and offers a call to the
// hotel to confirm.
const { itemsOf } = require("../../lib/catalog");
const { sitePage } = require("../../lib/site-page");
const { baked } = require("../../lib/site");
const { currentStay, onStayChange, quoteStay, stayView, updateStay } = require("../../lib/stay");
const { callStore } = require("../../lib/store-actions");

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

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
    room: null,
    estimateFen: 0,
    soldOut: [],
    guestName: "",
    guestPhone: "",
    problem: "",
    request: null,
  },
  lifetimes: {
    attached() {
      this.stopStay = onStayChange(() => this.showStay());
    },
    detached() {
      this.stopStay();
    },
  },
  observers: {
    "catalog, sections"(catalog, sections) {
      const bar = bookingBarOf(sections);
      this.defaultNights = bar ? bar.settings.defaultNights : 1;
      this.setData({
        hasBookingBar: Boolean(bar),
        rooms: itemsOf(catalog)
          .filter((item) => item.kind === "room")
          .map((room) => ({ id: room.id, title: room.title, priceFen: room.priceFen, capacity: room.details.capacity })),
      });
      this.showStay();
    },
  },
  methods: {
    showStay() {
      const stay = currentStay(this.defaultNights);
      const view = stayView(stay);
      const room = this.data.rooms.find((candidate) => candidate.id === stay.roomId) || null;
      this.setData({ stay: view, room, estimateFen: room ? room.priceFen * view.nights : 0, soldOut: [], request: null });
      if (!room) return;
      // Only the answer for the latest dates and room is shown.
      const asked = (this.quoteAsked || 0) + 1;
      this.quoteAsked = asked;
      quoteStay(baked.apiBase, room, stay).then((quote) => {
        if (asked === this.quoteAsked) this.setData({ estimateFen: quote.totalFen, soldOut: quote.soldOut });
      });
    },
    onRoom(event) {
      updateStay({ roomId: event.currentTarget.dataset.id });
    },
    onName(event) {
      this.setData({ guestName: event.detail.value });
    },
    onPhone(event) {
      this.setData({ guestPhone: event.detail.value });
    },
    onSubmit() {
      const { room, stay, guestName, guestPhone, estimateFen } = this.data;
      const name = guestName.trim();
      const phone = guestPhone.trim();
      let problem = "";
      if (!room) problem = "请选择房型";
      else if (this.data.soldOut.length) problem = "所选日期有满房的晚上，请更换日期或房型";
      else if (!name) problem = "请填写入住人姓名";
      else if (!PHONE.test(phone)) problem = "请填写正确的手机号";
      if (problem) {
        this.setData({ problem });
        return;
      }
      this.setData({ problem: "", request: { room: room.title, stay, name, phone, estimateFen } });
    },
    onEdit() {
      this.setData({ request: null });
    },
    onCall() {
      callStore(this.data.store);
    },
  },
});

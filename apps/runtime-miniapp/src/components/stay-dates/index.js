// Check-in and check-out pickers with the number of nights, bound to the shared stay (lib/stay.js).
const { currentStay, onStayChange, stayView, updateStay } = require("../../lib/stay");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    /** The stay's length before the shopper picks dates (the booking bar's setting). */
    defaultNights: { type: Number, value: 1 },
  },
  data: { stay: null },
  lifetimes: {
    attached() {
      this.stopStay = onStayChange((stay) => this.setData({ stay: stayView(stay) }));
      this.setData({ stay: stayView(currentStay(this.data.defaultNights)) });
    },
    detached() {
      this.stopStay();
    },
  },
  methods: {
    onCheckIn(event) {
      updateStay({ checkIn: event.detail.value });
    },
    onCheckOut(event) {
      updateStay({ checkOut: event.detail.value });
    },
  },
});

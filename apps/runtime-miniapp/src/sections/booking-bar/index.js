// Dates first, rooms next: the picked dates are the shared stay, which the booking page shows.
const { openPage } = require("../../lib/links");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: { settings: { type: Object, value: null } },
  methods: {
    onFind() {
      openPage("booking");
    },
  },
});

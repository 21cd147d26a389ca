// The store's details. A store-info section placed on this page already shows them; without one, the page
// shows them itself so it is never empty.
const { sitePage } = require("../../lib/site-page");

Component({
  behaviors: [sitePage("store")],
  data: { hasStoreInfo: false, fullStoreInfo: { showAddress: true, showHours: true, showPhone: true, showMap: true } },
  observers: {
    sections(sections) {
      this.setData({ hasStoreInfo: sections.some((section) => section.type === "store-info") });
    },
  },
});

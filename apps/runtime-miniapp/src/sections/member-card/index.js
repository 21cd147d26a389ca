// The store's member card and its benefits. Points and membership need accounts, which the runtime does not
// have yet: the card presents the benefits, the store grants them.
const { isHexColor } = require("../../lib/theme");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    store: { type: Object, value: null },
  },
  data: { title: "", benefits: [], cardColor: "#2b2b2b" },
  observers: {
    settings(settings) {
      const { title, benefits, cardColor } = settings || {};
      this.setData({
        title: title || "",
        benefits: Array.isArray(benefits) ? benefits : [],
        // Only a colour reaches the style attribute.
        cardColor: isHexColor(cardColor) ? cardColor : "#2b2b2b",
      });
    },
  },
});

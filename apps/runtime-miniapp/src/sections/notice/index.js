// A one-line announcement. Scrolling is a CSS marquee whose speed follows the text length, so long and short
// notices move alike (van-notice-bar needs van-icon, whose font loads from a CDN).
const { openLink } = require("../../lib/links");

const SECONDS_PER_CHARACTER = 0.4;

Component({
  options: { styleIsolation: "apply-shared" },
  properties: { settings: { type: Object, value: null } },
  data: { text: "", scroll: true, duration: 10, tappable: false },
  observers: {
    settings(settings) {
      const { text, scroll, link } = settings || {};
      const content = typeof text === "string" ? text : "";
      this.setData({
        text: content,
        scroll: scroll !== false,
        duration: Math.max(8, Math.round(content.length * SECONDS_PER_CHARACTER)),
        tappable: Boolean(link) && link.kind !== "none",
      });
    },
  },
  methods: {
    onTap() {
      openLink(this.data.settings.link);
    },
  },
});

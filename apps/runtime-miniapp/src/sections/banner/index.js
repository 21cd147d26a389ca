const { openLink } = require("../../lib/links");

const HEIGHTS = ["small", "medium", "large"];

Component({
  options: { styleIsolation: "apply-shared" },
  properties: { settings: { type: Object, value: null } },
  data: { slides: [], autoplay: true, interval: 4000, height: "medium" },
  observers: {
    settings(settings) {
      const { slides, autoplay, intervalSeconds, height } = settings || {};
      this.setData({
        slides: Array.isArray(slides) ? slides : [],
        autoplay: autoplay !== false,
        interval: Math.min(Math.max(Number(intervalSeconds) || 4, 2), 10) * 1000,
        height: HEIGHTS.includes(height) ? height : "medium",
      });
    },
  },
  methods: {
    onTap(event) {
      const slide = this.data.slides[event.currentTarget.dataset.index];
      if (slide) openLink(slide.link);
    },
  },
});

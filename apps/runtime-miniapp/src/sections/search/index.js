// A search box. The category page shows the results: it is the one page listing items.
const { openPage } = require("../../lib/links");

Component({
  options: { styleIsolation: "apply-shared" },
  properties: { settings: { type: Object, value: null } },
  data: { keyword: "" },
  methods: {
    onInput(event) {
      this.setData({ keyword: event.detail.value });
    },
    onSearch() {
      const keyword = this.data.keyword.trim();
      if (keyword) openPage("category", { q: keyword });
    },
  },
});

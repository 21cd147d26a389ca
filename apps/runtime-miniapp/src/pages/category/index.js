// Categories on the left, their items on the right; or the results of a search. Opened with a category
// (`id`) or a search (`q`), from the query string or, as a tab, from an intent (lib/intents.js).
const { searchItems, shelves } = require("../../lib/catalog");
const { decodeQueryValue } = require("../../lib/links");
const { sitePage } = require("../../lib/site-page");

Component({
  behaviors: [sitePage("category")],
  data: { shelves: [], activeIndex: 0, keyword: "", items: [] },
  observers: {
    catalog() {
      this.showItems();
    },
  },
  methods: {
    onLoad(query) {
      this.onIntent({ id: query.id, q: query.q ? decodeQueryValue(query.q) : "" });
    },
    onIntent(intent) {
      if (intent.q) this.showItems({ keyword: intent.q });
      else if (typeof intent.id === "string") this.showItems({ categoryId: intent.id, keyword: "" });
    },
    onShelf(event) {
      this.showItems({ activeIndex: event.detail, keyword: "" });
    },
    onClearSearch() {
      this.showItems({ keyword: "" });
    },
    /** Shows the shelf or search asked for; a category id that exists wins over the index. */
    showItems(change = {}) {
      const list = shelves(this.data.catalog);
      const keyword = change.keyword !== undefined ? change.keyword : this.data.keyword;
      const wanted = list.findIndex((shelf) => shelf.id === change.categoryId);
      const requested = change.activeIndex !== undefined ? change.activeIndex : this.data.activeIndex;
      const activeIndex = wanted >= 0 ? wanted : Math.min(requested, Math.max(list.length - 1, 0));
      const shelf = list[activeIndex];
      this.setData({
        shelves: list.map(({ id, name }) => ({ id, name })),
        activeIndex,
        keyword,
        items: keyword ? searchItems(this.data.catalog, keyword) : shelf ? shelf.items : [],
      });
    },
  },
});

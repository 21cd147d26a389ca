// Categories on the left, their items on the right; or the results of a search. Opened with a category
// (`id`) or a search (`q`), from the query string or, as a tab, from an intent (lib/intents.js). The list shows
// the items the package knows at once, then loads pages from the read API as the shopper scrolls.
const { searchItems, shelves } = require("../../lib/catalog");
const { createItemFeed } = require("../../lib/catalog-pages");
const { decodeQueryValue } = require("../../lib/links");
const { sitePage } = require("../../lib/site-page");

Component({
  behaviors: [sitePage("category")],
  data: { shelves: [], activeIndex: 0, keyword: "", items: [], loading: false, done: true, failed: false },
  observers: {
    catalog() {
      this.showItems();
    },
  },
  lifetimes: {
    detached() {
      if (this.feed) this.feed.stop();
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
    onReachBottom() {
      if (this.feed) this.feed.more();
    },
    /** Shows the shelf or search asked for; a category id that exists wins over the index. */
    showItems(change = {}) {
      const catalog = this.data.catalog;
      const list = shelves(catalog);
      const keyword = change.keyword !== undefined ? change.keyword : this.data.keyword;
      const wanted = list.findIndex((shelf) => shelf.id === change.categoryId);
      const requested = change.activeIndex !== undefined ? change.activeIndex : this.data.activeIndex;
      const activeIndex = wanted >= 0 ? wanted : Math.min(requested, Math.max(list.length - 1, 0));
      const shelf = list[activeIndex];
      this.setData({ shelves: list.map(({ id, name }) => ({ id, name })), activeIndex, keyword });
      const filter = keyword ? { categoryId: "", keyword } : { categoryId: shelf ? shelf.id : "", keyword: "" };
      // A refreshed site keeps the list and the pages it has loaded; another shelf or search starts a new one.
      const key = JSON.stringify(filter);
      if (key === this.feedKey) return;
      this.feedKey = key;
      if (this.feed) this.feed.stop();
      this.shownItems = null;
      const seed = keyword ? searchItems(catalog, keyword) : shelf ? shelf.items : [];
      this.feed = createItemFeed(filter, seed, (state) => this.showFeed(state));
      this.showFeed({ items: seed, loading: false, done: true, failed: false });
      this.feed.more();
    },
    /** Appends a page by its new rows only, so a long list does not resend what the phone already shows. */
    showFeed(state) {
      const update = { loading: state.loading, done: state.done, failed: state.failed };
      const shown = this.shownItems;
      const items = state.items;
      const appended = shown && items.length > shown.length && shown.every((item, index) => items[index] === item);
      if (appended) for (let index = shown.length; index < items.length; index++) update[`items[${index}]`] = items[index];
      else if (items !== shown) update.items = items;
      this.shownItems = items;
      this.setData(update);
    },
    onMore() {
      if (this.feed) this.feed.more();
    },
  },
});

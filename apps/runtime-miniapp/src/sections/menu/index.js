// The restaurant menu: dine-in or takeaway, dishes by category, straight into the shared basket (lib/basket.js).
// Dishes with options open a sheet to pick them; sold-out dishes show but cannot be added. A category shows the
// dishes the package knows at once, then its pages from the read API (lib/catalog-pages.js), more on request.
const { basket } = require("../../lib/basket");
const { findItem, shelves } = require("../../lib/catalog");
const { createItemFeed } = require("../../lib/catalog-pages");
const { dishChoiceView, firstDishPick, pickDishOption } = require("../../lib/dish-choice");
const { currentDining, offeredModes, onDiningChange, servingMode, updateDining } = require("../../lib/dining");
const { openPage } = require("../../lib/links");
const { lineKey } = require("../../lib/line-store");

function dishView(item) {
  const quantity = basket
    .lines()
    .filter((line) => line.itemId === item.id)
    .reduce((sum, line) => sum + line.quantity, 0);
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    image: item.images[0] || "",
    priceFen: item.priceFen,
    soldOut: item.details.soldOut,
    hasOptions: item.details.optionGroups.length > 0,
    quantity,
  };
}

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    settings: { type: Object, value: null },
    catalog: { type: Object, value: null },
  },
  data: {
    title: "", modes: [], mode: "", table: "", shelves: [], activeIndex: 0, dishes: [], loading: false, done: true, failed: false,
    sheetItem: null, sheet: null,
  },
  lifetimes: {
    attached() {
      this.stopBasket = basket.subscribe(() => this.show());
      this.stopDining = onDiningChange(() => this.show());
    },
    detached() {
      this.stopBasket();
      this.stopDining();
      if (this.feed) this.feed.stop();
    },
  },
  observers: {
    "settings, catalog"() {
      this.show();
    },
  },
  methods: {
    show() {
      const settings = this.data.settings || {};
      const dining = currentDining();
      const list = shelves(this.data.catalog).map((shelf) => ({
        id: shelf.id,
        name: shelf.name,
        dishes: shelf.items.filter((item) => item.kind === "dish"),
      }));
      const activeIndex = Math.min(this.data.activeIndex, Math.max(list.length - 1, 0));
      this.followShelf(list[activeIndex]);
      this.setData({
        title: settings.title || "",
        modes: offeredModes(settings),
        mode: servingMode(settings, dining),
        table: dining.table,
        shelves: list.map((shelf) => ({ id: shelf.id, name: shelf.name })),
        activeIndex,
        dishes: this.feedItems.filter((item) => item.kind === "dish").map(dishView),
      });
    },
    /** Starts the pages of the shelf shown, unless they are the ones already loading. */
    followShelf(shelf) {
      const categoryId = shelf ? shelf.id : "";
      if (this.feed && this.feedShelf === categoryId) return;
      if (this.feed) this.feed.stop();
      this.feedShelf = categoryId;
      this.feedItems = shelf ? shelf.dishes : [];
      this.feed = createItemFeed({ categoryId, keyword: "" }, this.feedItems, (state) => {
        this.feedItems = state.items;
        this.setData({ loading: state.loading, done: state.done, failed: state.failed });
        this.show();
      });
      this.feed.more();
    },
    onMore() {
      this.feed.more();
    },
    onMode(event) {
      updateDining({ mode: event.currentTarget.dataset.mode });
    },
    onShelf(event) {
      this.setData({ activeIndex: event.detail });
      this.show();
    },
    onOpen(event) {
      openPage("item", { id: event.currentTarget.dataset.id });
    },
    onAdd(event) {
      basket.add(event.currentTarget.dataset.id, [], 1);
    },
    onQuantity(event) {
      basket.setQuantity(lineKey(event.currentTarget.dataset.id, []), Number(event.detail));
    },
    onChoose(event) {
      const id = event.currentTarget.dataset.id;
      const item = findItem({ items: this.feedItems }, id) || findItem(this.data.catalog, id);
      if (item) this.showSheet(item, firstDishPick(item));
    },
    showSheet(item, picked) {
      this.picked = picked;
      this.setData({ sheetItem: item, sheet: dishChoiceView(item, picked) });
    },
    onSheetPick(event) {
      const item = this.data.sheetItem;
      this.showSheet(item, pickDishOption(item, this.picked, event.detail.group, event.detail.name));
    },
    onSheetAdd() {
      if (!this.data.sheet.complete) return;
      basket.add(this.data.sheetItem.id, this.data.sheet.options, 1);
      this.onCloseSheet();
    },
    onCloseSheet() {
      this.setData({ sheetItem: null, sheet: null });
    },
    // Keeps taps and scrolling inside the sheet from reaching the mask and the page below.
    noop() {},
  },
});

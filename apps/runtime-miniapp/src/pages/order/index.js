// Restaurant ordering: the menu section, the table from the QR code (`t=12` in the query, its `scene`, or the
// printed table link in `q`), and the basket with its total. Orders do not reach the kitchen yet, so the last
// step is a summary to show staff.
const { basket, basketView } = require("../../lib/basket");
const { learnItems } = require("../../lib/catalog-pages");
const { currentDining, onDiningChange, servingMode, tableFromQuery, updateDining, MODE_LABELS } = require("../../lib/dining");
const { baked } = require("../../lib/site");
const { sitePage } = require("../../lib/site-page");

Component({
  behaviors: [sitePage("order")],
  data: { basket: { lines: [], totalFen: 0, count: 0 }, modeLabel: "", table: "", summary: false },
  lifetimes: {
    attached() {
      this.stopBasket = basket.subscribe(() => this.showBasket());
      this.stopDining = onDiningChange(() => this.showBasket());
    },
    detached() {
      this.stopBasket();
      this.stopDining();
    },
  },
  observers: {
    "catalog, sections"(catalog, sections) {
      const menu = sections.find((section) => section.type === "menu");
      // The template keeps a menu on this page (templates/src/templates/restaurant.ts marks it required).
      this.menuSettings = menu ? menu.settings : null;
      this.showBasket();
    },
  },
  methods: {
    onLoad(query) {
      const table = tableFromQuery(query, baked.site.tenantId);
      if (table) updateDining({ table, mode: "dineIn" });
    },
    showBasket() {
      const dining = currentDining();
      const mode = this.menuSettings ? servingMode(this.menuSettings, dining) : dining.mode;
      this.setData({ basket: basketView(this.data.catalog), modeLabel: MODE_LABELS[mode], table: mode === "dineIn" ? dining.table : "" });
      learnItems(basket.lines().map((line) => line.itemId), this.data.catalog, (catalog) => this.setData({ catalog }));
    },
    onQuantity(event) {
      basket.setQuantity(event.currentTarget.dataset.key, Number(event.detail));
    },
    onSummary() {
      if (this.data.basket.count) this.setData({ summary: true });
    },
    onCloseSummary() {
      this.setData({ summary: false });
    },
    onClear() {
      basket.clear();
      this.setData({ summary: false });
    },
  },
});

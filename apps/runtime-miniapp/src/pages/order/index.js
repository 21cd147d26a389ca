// Restaurant ordering: the menu section, the table from the QR code (`t=12` in the query or its `scene`), and
// the basket with its total. Orders do not reach the kitchen yet, so the last step is a summary to show staff.
const { basket, basketView } = require("../../lib/basket");
const { currentDining, onDiningChange, servingMode, tableFromQuery, updateDining, MODE_LABELS } = require("../../lib/dining");
const { sitePage } = require("../../lib/site-page");

// The menu section's defaults (templates/src/sections/menu.ts), used when the merchant removed it from this page.
const DEFAULT_MENU = { title: "点餐", dineIn: true, takeaway: true, defaultMode: "dineIn" };

Component({
  behaviors: [sitePage("order")],
  data: { hasMenu: true, defaultMenu: DEFAULT_MENU, basket: { lines: [], totalFen: 0, count: 0 }, modeLabel: "", table: "", summary: false },
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
      this.menuSettings = menu ? menu.settings : DEFAULT_MENU;
      this.setData({ hasMenu: Boolean(menu) });
      this.showBasket();
    },
  },
  methods: {
    onLoad(query) {
      const table = tableFromQuery(query);
      if (table) updateDining({ table, mode: "dineIn" });
    },
    showBasket() {
      const dining = currentDining();
      const mode = servingMode(this.menuSettings || DEFAULT_MENU, dining);
      this.setData({ basket: basketView(this.data.catalog), modeLabel: MODE_LABELS[mode], table: mode === "dineIn" ? dining.table : "" });
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

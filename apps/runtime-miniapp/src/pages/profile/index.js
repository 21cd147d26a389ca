// The shopper's corner: the configured sections (member card, coupons...), then shortcuts to the pages this
// store has and a call to the store.
const { hasPage, hasTradePages, openPage, openTradePage } = require("../../lib/links");
const { sitePage } = require("../../lib/site-page");
const { callStore } = require("../../lib/store-actions");

const SHORTCUTS = [
  { page: "cart", label: "我的购物车" },
  { page: "booking", label: "预订客房" },
  { page: "order", label: "点餐" },
  { page: "store", label: "门店信息" },
];

Component({
  behaviors: [sitePage("profile")],
  data: { shortcuts: SHORTCUTS.filter((shortcut) => hasPage(shortcut.page)), orders: hasTradePages() },
  methods: {
    onShortcut(event) {
      openPage(event.currentTarget.dataset.page);
    },
    onOrders() {
      openTradePage("orders");
    },
    onCall() {
      callStore(this.data.store);
    },
  },
});

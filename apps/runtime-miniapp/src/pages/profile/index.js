// The shopper's corner: the configured sections (member card, coupons...), then shortcuts to the pages this
// store has and a call to the store.
const { myCoupons } = require("../../lib/coupons");
const { hasPage, hasTradePages, openPage, openTradePage } = require("../../lib/links");
const { sitePage } = require("../../lib/site-page");
const { callStore } = require("../../lib/store-actions");
const { shanghaiTime } = require("../../lib/trade");

const SHORTCUTS = [
  { page: "cart", label: "我的购物车" },
  { page: "booking", label: "预订客房" },
  { page: "order", label: "点餐" },
  { page: "store", label: "门店信息" },
];

Component({
  behaviors: [sitePage("profile")],
  data: { shortcuts: SHORTCUTS.filter((shortcut) => hasPage(shortcut.page)), orders: hasTradePages(), coupons: [] },
  pageLifetimes: {
    // 我的优惠券: the coupons the shopper holds and can still use, read again each time the page shows.
    show() {
      if (!this.data.orders) return;
      myCoupons().then((coupons) =>
        this.setData({
          coupons: coupons.filter((coupon) => coupon.status === "usable").map((coupon) => Object.assign({ until: shanghaiTime(coupon.validUntil) }, coupon)),
        }),
      );
    },
  },
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

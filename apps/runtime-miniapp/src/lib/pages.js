// Where each page of the runtime lives, as packages/templates/src/pages.ts lists them (a test keeps both equal).
const PAGE_PATHS = {
  home: "pages/home/index",
  category: "pages/category/index",
  item: "pages/item/index",
  cart: "pages/cart/index",
  booking: "pages/booking/index",
  order: "pages/order/index",
  profile: "pages/profile/index",
  store: "pages/store/index",
};

/**
 * The trading pages, which have no sections for the merchant to place: a store whose pages include the cart or the
 * restaurant's order page ships them, a hotel its orders and order page (packages/templates tradePagesOf, the same
 * rule).
 */
const TRADE_PAGE_PATHS = {
  checkout: "pages/checkout/index",
  orders: "pages/orders/index",
  "order-detail": "pages/order-detail/index",
};

module.exports = { PAGE_PATHS, TRADE_PAGE_PATHS };

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

module.exports = { PAGE_PATHS };

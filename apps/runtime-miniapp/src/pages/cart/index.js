// The shop cart (lib/cart.js) priced from the catalog shown now; checkout opens the checkout page, which prices
// the order on shop-api and takes payment.
const { cart, cartView } = require("../../lib/cart");
const { learnItems } = require("../../lib/catalog-pages");
const { openPage, openTradePage } = require("../../lib/links");
const { sitePage } = require("../../lib/site-page");

Component({
  behaviors: [sitePage("cart")],
  data: { cart: { lines: [], totalFen: 0, count: 0 } },
  lifetimes: {
    attached() {
      this.stopCart = cart.subscribe(() => this.showCart());
    },
    detached() {
      this.stopCart();
    },
  },
  observers: {
    catalog() {
      this.showCart();
    },
  },
  methods: {
    showCart() {
      this.setData({ cart: cartView(this.data.catalog) });
      learnItems(cart.lines().map((line) => line.itemId), this.data.catalog, (catalog) => this.setData({ catalog }));
    },
    onQuantity(event) {
      cart.setQuantity(event.currentTarget.dataset.key, Number(event.detail));
    },
    onRemove(event) {
      cart.setQuantity(event.currentTarget.dataset.key, 0);
    },
    onOpenItem(event) {
      openPage("item", { id: event.currentTarget.dataset.id });
    },
    onBrowse() {
      openPage("category");
    },
    onCheckout() {
      if (this.data.cart.count) openTradePage("checkout");
    },
  },
});

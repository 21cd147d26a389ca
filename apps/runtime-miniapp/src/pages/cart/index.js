// The shop cart (lib/cart.js) priced from the catalog shown now. Online payment is not part of the runtime
// yet, so checkout says how to order instead of pretending to take the order.
const { cart, cartView } = require("../../lib/cart");
const { learnItems } = require("../../lib/catalog-pages");
const { openPage } = require("../../lib/links");
const { sitePage } = require("../../lib/site-page");
const { callStore } = require("../../lib/store-actions");

Component({
  behaviors: [sitePage("cart")],
  data: { cart: { lines: [], totalFen: 0, count: 0 }, checkingOut: false },
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
      if (this.data.cart.count) this.setData({ checkingOut: true });
    },
    onCall() {
      callStore(this.data.store);
    },
  },
});

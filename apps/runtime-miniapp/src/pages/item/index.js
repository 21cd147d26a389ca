// One item (`id` in the query): pictures, price, description, then by kind: specs and quantity into the cart
// (product), facts and a booking (room), options into the basket (dish).
const { trackItemView } = require("../../lib/analytics");
const { basket } = require("../../lib/basket");
const { cart } = require("../../lib/cart");
const { findItem } = require("../../lib/catalog");
const { fetchItem } = require("../../lib/catalog-pages");
const { dishChoiceView, firstDishPick, pickDishOption } = require("../../lib/dish-choice");
const { hasPage, openPage } = require("../../lib/links");
const { sitePage } = require("../../lib/site-page");
const { firstSkuPick, pickSkuValue, skuChoiceView } = require("../../lib/sku-choice");
const { updateStay } = require("../../lib/stay");

/** A room's cancellation policy in one line for the guest; empty for a room saved before rooms had one. */
function cancellationSummary(policy) {
  if (!policy) return "";
  if (policy.kind === "nonRefundable") return "预订后不可取消";
  if (policy.kind === "partial") return "入住日结束前取消，退还 " + policy.percent + "% 房费";
  const hours = policy.hoursBefore;
  if (hours === 0) return "入住前可免费取消";
  return hours % 24 === 0 ? "入住前 " + hours / 24 + " 天可免费取消" : "入住前 " + hours + " 小时可免费取消";
}

Component({
  behaviors: [sitePage("item")],
  data: {
    itemId: "",
    item: null,
    loadingItem: false,
    specs: [],
    groups: [],
    priceFen: 0,
    stock: 0,
    tracksStock: false,
    cancellation: "",
    quantity: 1,
    canAdd: false,
    cartCount: 0,
    hasCart: hasPage("cart"),
    hasOrder: hasPage("order"),
    hasBooking: hasPage("booking"),
  },
  lifetimes: {
    attached() {
      this.stopCart = cart.subscribe(() => this.showCartCount());
      this.showCartCount();
    },
    detached() {
      this.stopCart();
    },
  },
  observers: {
    "catalog, itemId"(catalog, itemId) {
      const item = itemId ? findItem(catalog, itemId) : null;
      if (!item && itemId && this.asked !== itemId) return this.askFor(itemId);
      this.setData({ item, loadingItem: false });
      if (!item) return;
      // Once per opening, however often the catalog is refreshed under it.
      if (this.viewed !== item.id) {
        this.viewed = item.id;
        trackItemView(this.route || "pages/item/index", item.id);
      }
      if (item.kind === "product") this.showSku(firstSkuPick(item));
      else if (item.kind === "dish") this.showDish(firstDishPick(item));
      else this.setData({ priceFen: item.priceFen, cancellation: cancellationSummary(item.details.cancellation) });
    },
  },
  methods: {
    onLoad(query) {
      this.setData({ itemId: query.id || "" });
    },
    /** An item the package does not know (beyond the baked first screens): asked of the read API once. */
    askFor(itemId) {
      this.asked = itemId;
      this.setData({ loadingItem: true });
      fetchItem(itemId).then((item) => {
        if (this.data.itemId !== itemId) return;
        this.setData({ catalog: item ? { categories: this.data.catalog.categories, items: [item].concat(this.data.catalog.items) } : this.data.catalog, loadingItem: false });
      });
    },
    showCartCount() {
      this.setData({ cartCount: cart.lines().reduce((sum, line) => sum + line.quantity, 0) });
    },
    showSku(picked) {
      const item = this.data.item;
      const { specs, sku } = skuChoiceView(item, picked);
      const stock = sku ? sku.stock : 0;
      this.picked = picked;
      this.setData({
        specs,
        priceFen: sku ? sku.priceFen : item.priceFen,
        stock,
        tracksStock: item.details.skus.length > 0,
        quantity: Math.max(1, Math.min(this.data.quantity, stock)),
        canAdd: stock > 0,
      });
    },
    showDish(picked) {
      const item = this.data.item;
      const view = dishChoiceView(item, picked);
      this.picked = picked;
      this.pickedOptions = view.options;
      this.setData({ groups: view.groups, priceFen: item.priceFen + view.extraFen, canAdd: view.complete && !item.details.soldOut });
    },
    onSkuPick(event) {
      this.showSku(pickSkuValue(this.data.item, this.picked, event.detail.spec, event.detail.value));
    },
    onDishPick(event) {
      this.showDish(pickDishOption(this.data.item, this.picked, event.detail.group, event.detail.name));
    },
    onQuantity(event) {
      this.setData({ quantity: Number(event.detail) || 1 });
    },
    onAddToCart() {
      if (!this.data.canAdd) return;
      cart.add(this.data.item.id, this.picked, this.data.quantity);
      wx.showToast({ title: "已加入购物车", icon: "success" });
    },
    onAddToBasket() {
      if (!this.data.canAdd) return;
      basket.add(this.data.item.id, this.pickedOptions, 1);
      wx.showToast({ title: "已加入点餐", icon: "success" });
    },
    onBook() {
      updateStay({ roomId: this.data.item.id });
      openPage("booking");
    },
    onOpenCart() {
      openPage("cart");
    },
    onOpenOrder() {
      openPage("order");
    },
  },
});

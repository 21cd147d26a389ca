// One catalog item as a tappable card, in the item grid's three layouts and the category list.
const { openPage } = require("../../lib/links");

const LAYOUTS = ["grid", "list", "large"];

function isSoldOut(item) {
  if (item.kind === "dish") return item.details.soldOut;
  if (item.kind === "product" && item.details.skus.length) return item.details.skus.every((sku) => sku.stock === 0);
  return false;
}

Component({
  options: { styleIsolation: "apply-shared" },
  properties: {
    item: { type: Object, value: null },
    layout: { type: String, value: "list" },
    showPrice: { type: Boolean, value: true },
  },
  data: { variant: "list", soldOut: false, perNight: false },
  observers: {
    "item, layout"(item, layout) {
      if (!item) return;
      this.setData({
        variant: LAYOUTS.includes(layout) ? layout : "list",
        soldOut: isSoldOut(item),
        perNight: item.kind === "room",
      });
    },
  },
  methods: {
    onTap() {
      openPage("item", { id: this.data.item.id });
    },
  },
});

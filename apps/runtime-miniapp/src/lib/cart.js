// The shop cart. A line's options are the chosen spec values, in spec order, as a SKU lists them. In a store whose
// pages include the cart, it follows the shopper's cart on shop-api (lib/server-cart.js).
const { findItem } = require("./catalog");
const { createLineStore, lineKey, MAX_QUANTITY } = require("./line-store");
const { syncServerCart } = require("./server-cart");
const { currentSite, whenPageExists } = require("./site");
const { findSku } = require("./sku-choice");

const cart = createLineStore("kd-cart");

/** The unit price the shopper sees for a line now; 0 for an item this launch does not know (the server prices it). */
function seenPriceFen(line, catalog) {
  const item = findItem(catalog, line.itemId);
  const sku = item && item.kind === "product" ? findSku(item, line.options) : null;
  return sku ? sku.priceFen : 0;
}

/** A product line is its SKU options; shop-api keeps dish options apart for the restaurant's basket. */
const productLines = {
  toServer: (line) => ({ skuOptions: line.options, dishOptions: [] }),
  fromServer: (line) => {
    const options = Array.isArray(line.skuOptions) ? line.skuOptions.filter((option) => typeof option === "string") : [];
    return { key: lineKey(line.itemId, options), itemId: line.itemId, options, quantity: line.quantity };
  },
};

whenPageExists("cart", () => {
  syncServerCart(cart, { codec: productLines, priceOf: (line) => seenPriceFen(line, currentSite().catalog), storageKey: "kd-cart-sync" });
});

/** The cart as shown: each line with today's title, price and stock; lines whose product is gone are left out. */
function cartView(catalog) {
  const lines = [];
  cart.lines().forEach((line) => {
    const item = findItem(catalog, line.itemId);
    if (!item || item.kind !== "product") return;
    const sku = findSku(item, line.options);
    const stock = sku ? Math.min(sku.stock, MAX_QUANTITY) : 0;
    lines.push({
      key: line.key,
      itemId: item.id,
      title: item.title,
      image: item.images[0] || "",
      optionsText: line.options.join(" / "),
      unitFen: sku ? sku.priceFen : item.priceFen,
      quantity: line.quantity,
      stock,
      available: stock >= line.quantity,
    });
  });
  const payable = lines.filter((line) => line.available);
  return {
    lines,
    totalFen: payable.reduce((sum, line) => sum + line.unitFen * line.quantity, 0),
    count: payable.reduce((sum, line) => sum + line.quantity, 0),
  };
}

module.exports = { cart, cartView, productLines, seenPriceFen };

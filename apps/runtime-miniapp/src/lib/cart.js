// The shop cart. A line's options are the chosen spec values, in spec order, as a SKU lists them.
const { findItem } = require("./catalog");
const { createLineStore, MAX_QUANTITY } = require("./line-store");
const { findSku } = require("./sku-choice");

const cart = createLineStore("kd-cart");

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

module.exports = { cart, cartView };

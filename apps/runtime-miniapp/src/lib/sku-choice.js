// Choosing a product's SKU: one value per spec. A value is unavailable when no SKU with it (and the values
// picked for the other specs) is in stock. `picked` is an array of values, "" where nothing is picked.
const { MAX_QUANTITY } = require("./line-store");

/** The SKU of a product for these spec values; null when the product has SKUs and none matches. Without
 * SKUs the product's own price applies and its stock is not tracked. */
function findSku(item, options) {
  const skus = item.details.skus;
  if (!skus.length) return { priceFen: item.priceFen, stock: MAX_QUANTITY };
  return skus.find((sku) => sku.options.join("\u0000") === options.join("\u0000")) || null;
}

function isAvailable(item, specIndex, value, picked) {
  const skus = item.details.skus;
  if (!skus.length) return true;
  return skus.some(
    (sku) =>
      sku.stock > 0 &&
      sku.options[specIndex] === value &&
      picked.every((other, index) => index === specIndex || !other || sku.options[index] === other),
  );
}

/** The first value of each spec in stock with the values before it, so price and stock show at once. */
function firstSkuPick(item) {
  const picked = item.details.specs.map(() => "");
  item.details.specs.forEach((spec, specIndex) => {
    picked[specIndex] = spec.options.find((value) => isAvailable(item, specIndex, value, picked)) || "";
  });
  return picked;
}

/** `picked` with `value` for one spec, unless that value is unavailable. */
function pickSkuValue(item, picked, specIndex, value) {
  if (!isAvailable(item, specIndex, value, picked)) return picked;
  return picked.map((current, index) => (index === specIndex ? value : current));
}

/** What the picker shows, and the SKU picked (null until every spec has a value). */
function skuChoiceView(item, picked) {
  const specs = item.details.specs.map((spec, specIndex) => ({
    name: spec.name,
    values: spec.options.map((value) => ({
      value,
      selected: picked[specIndex] === value,
      disabled: !isAvailable(item, specIndex, value, picked),
    })),
  }));
  return { specs, sku: picked.every(Boolean) ? findSku(item, picked) : null };
}

module.exports = { findSku, firstSkuPick, pickSkuValue, skuChoiceView };

// The restaurant basket. A line's options are `{ group, name }` pairs picked from the dish's option groups.
const { findItem } = require("./catalog");
const { createLineStore } = require("./line-store");

const basket = createLineStore("kd-basket");

/** The extra price of the picked options; null when one no longer exists on the dish. */
function optionsExtraFen(item, options) {
  let extra = 0;
  for (const picked of options) {
    const group = item.details.optionGroups.find((candidate) => candidate.name === picked.group);
    const option = group && group.options.find((candidate) => candidate.name === picked.name);
    if (!option) return null;
    extra += option.extraFen;
  }
  return extra;
}

/** The basket as shown: today's names and prices; sold-out or changed dishes are marked, not charged. */
function basketView(catalog) {
  const lines = [];
  basket.lines().forEach((line) => {
    const item = findItem(catalog, line.itemId);
    if (!item || item.kind !== "dish") return;
    const extra = optionsExtraFen(item, line.options);
    lines.push({
      key: line.key,
      title: item.title,
      optionsText: line.options.map((option) => option.name).join(" / "),
      unitFen: item.priceFen + (extra || 0),
      quantity: line.quantity,
      available: extra !== null && !item.details.soldOut,
    });
  });
  const payable = lines.filter((line) => line.available);
  return {
    lines,
    totalFen: payable.reduce((sum, line) => sum + line.unitFen * line.quantity, 0),
    count: payable.reduce((sum, line) => sum + line.quantity, 0),
  };
}

module.exports = { basket, basketView };

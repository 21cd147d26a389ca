// The restaurant basket. A line's options are `{ group, name }` pairs picked from the dish's option groups. In a
// store with the order page, it follows the shopper's cart on shop-api (lib/server-cart.js), as the shop cart does.
const { findItem } = require("./catalog");
const { createLineStore, lineKey } = require("./line-store");
const { syncServerCart } = require("./server-cart");
const { currentSite, whenPageExists } = require("./site");

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

/** The dish's price with these options as the shopper sees it now; 0 for a dish this launch does not know. */
function seenPriceFen(line, catalog) {
  const item = findItem(catalog, line.itemId);
  const extra = item && item.kind === "dish" ? optionsExtraFen(item, line.options) : null;
  return extra === null ? 0 : item.priceFen + extra;
}

/** shop-api keeps a dish's options by group (`{ group, options: [names] }`); the basket keeps one pair per pick. */
const dishLines = {
  toServer: (line) => {
    const groups = [];
    line.options.forEach((picked) => {
      const group = groups.find((candidate) => candidate.group === picked.group);
      if (group) group.options.push(picked.name);
      else groups.push({ group: picked.group, options: [picked.name] });
    });
    return { skuOptions: [], dishOptions: groups };
  },
  fromServer: (line) => {
    const groups = Array.isArray(line.dishOptions) ? line.dishOptions : [];
    const options = [];
    groups.forEach((group) => (group.options || []).forEach((name) => options.push({ group: group.group, name })));
    return { key: lineKey(line.itemId, options), itemId: line.itemId, options, quantity: line.quantity };
  },
};

/** The basket's orderable dishes as a round for the table (POST /tables/:table/rounds), at the prices seen now. */
function roundLines(catalog) {
  return basket.lines().flatMap((line) => {
    const item = findItem(catalog, line.itemId);
    if (!item || item.kind !== "dish" || item.details.soldOut || optionsExtraFen(item, line.options) === null) return [];
    return [Object.assign({ itemId: line.itemId, quantity: line.quantity, seenUnitPriceFen: seenPriceFen(line, catalog) }, { dishOptions: dishLines.toServer(line).dishOptions })];
  });
}

/**
 * The basket's orderable dishes as checkout lines for a takeaway (the checkout's line shape, `dishOptions` by group),
 * at the prices seen now.
 */
function takeawayLines(catalog) {
  const shown = basketView(catalog).lines;
  return basket.lines().flatMap((line) => {
    const item = findItem(catalog, line.itemId);
    const view = shown.find((candidate) => candidate.key === line.key);
    if (!item || !view || !view.available) return [];
    return [{
      key: line.key,
      itemId: line.itemId,
      title: view.title,
      image: item.images[0] || "",
      optionsText: view.optionsText,
      skuOptions: [],
      dishOptions: dishLines.toServer(line).dishOptions,
      quantity: line.quantity,
      seenUnitPriceFen: view.unitFen,
    }];
  });
}

whenPageExists("order", () => {
  syncServerCart(basket, { codec: dishLines, priceOf: (line) => seenPriceFen(line, currentSite().catalog), storageKey: "kd-basket-sync" });
});

module.exports = { basket, basketView, dishLines, roundLines, takeawayLines };

// How the restaurant order is served: dine-in at a table (from the table QR code) or takeaway.
const { createEmitter } = require("./emitter");
const { decodeQueryValue } = require("./links");

const MODE_LABELS = { dineIn: "堂食", takeaway: "外带" };

const changes = createEmitter();
let dining = { mode: "", table: "" };

// A printed table code's link, `<dashboard>/q/<store id>/<table code>`, which WeChat hands over as `q`.
const TABLE_LINK = /\/q\/([0-9a-fA-F-]{36})\/([A-Za-z0-9-]{1,8})\/?(?:[?#].*)?$/;

/** The table in a table link for this store (`tenantId`); "" for any other link. */
function tableFromLink(link, tenantId) {
  const match = TABLE_LINK.exec(decodeQueryValue(link));
  return match && match[1].toLowerCase() === String(tenantId).toLowerCase() ? match[2] : "";
}

/**
 * A table number from the page query: `t=12`, the Mini Program code's `scene` holding `t=12`, or `q`, the
 * table link of an ordinary QR code (WeChat's "扫普通链接二维码打开小程序").
 */
function tableFromQuery(query, tenantId) {
  let table = query.t || "";
  if (!table && query.scene) {
    const pairs = decodeQueryValue(query.scene).split("&").map((pair) => pair.split("="));
    const found = pairs.find(([key]) => key === "t");
    table = found ? found[1] || "" : "";
  }
  if (!table && query.q) table = tableFromLink(query.q, tenantId);
  return /^[A-Za-z0-9-]{1,8}$/.test(table) ? table : "";
}

/** The modes a menu section offers, as `{ value, label }`. */
function offeredModes(menuSettings) {
  return Object.keys(MODE_LABELS)
    .filter((mode) => menuSettings[mode] !== false)
    .map((value) => ({ value, label: MODE_LABELS[value] }));
}

/** The mode in force: the shopper's pick, else dine-in when a table was scanned, else the menu's default. */
function servingMode(menuSettings, current) {
  const offered = offeredModes(menuSettings).map((mode) => mode.value);
  if (offered.includes(current.mode)) return current.mode;
  if (current.table && offered.includes("dineIn")) return "dineIn";
  return offered.includes(menuSettings.defaultMode) ? menuSettings.defaultMode : offered[0] || "dineIn";
}

function currentDining() {
  return dining;
}

function updateDining(change) {
  dining = Object.assign({}, dining, change);
  changes.emit(dining);
}

module.exports = {
  currentDining,
  updateDining,
  tableFromQuery,
  offeredModes,
  servingMode,
  MODE_LABELS,
  onDiningChange: changes.on,
};

// A list of lines (the shop cart, the restaurant basket) kept in wx storage so it survives a restart, with
// change notices for the pages and sections showing it. A line is `{ key, itemId, options, quantity }`;
// prices are never stored, they are read from the catalog shown at the time. lib/server-cart.js keeps a store in
// step with the shopper's cart on shop-api: its changes arrive through `replace`, marked as the server's.
const { createEmitter } = require("./emitter");

const MAX_QUANTITY = 99;

function isLine(line) {
  return (
    line !== null &&
    typeof line === "object" &&
    typeof line.key === "string" &&
    typeof line.itemId === "string" &&
    Array.isArray(line.options) &&
    Number.isInteger(line.quantity) &&
    line.quantity > 0
  );
}

/** Lines of the same item with the same options are one line. */
function lineKey(itemId, options) {
  return `${itemId}|${JSON.stringify(options)}`;
}

function createLineStore(storageKey) {
  const changes = createEmitter();
  const saved = wx.getStorageSync(storageKey);
  let lines = Array.isArray(saved) ? saved.filter(isLine) : [];

  /** `origin` "server" marks the server's copy arriving, which is not sent back to it. */
  function save(next, origin = "shopper") {
    lines = next;
    try {
      wx.setStorageSync(storageKey, lines);
    } catch (error) {
      // Storage full: the lines still live for this session.
    }
    changes.emit(lines, origin);
  }

  function setQuantity(key, quantity) {
    const clamped = Math.min(Math.max(Math.floor(quantity) || 0, 0), MAX_QUANTITY);
    if (clamped === 0) save(lines.filter((line) => line.key !== key));
    else save(lines.map((line) => (line.key === key ? Object.assign({}, line, { quantity: clamped }) : line)));
  }

  return {
    lines: () => lines,
    /** Adds `quantity` of an item with these options, merging with an identical line. */
    add(itemId, options, quantity) {
      const key = lineKey(itemId, options);
      const existing = lines.find((line) => line.key === key);
      if (existing) setQuantity(key, existing.quantity + quantity);
      else save(lines.concat({ key, itemId, options, quantity: Math.min(quantity, MAX_QUANTITY) }));
    },
    setQuantity,
    clear: () => save([]),
    /** The server's lines, in its order (already valid lines: see server-cart.js). */
    replace: (next) => save(next.filter(isLine).map((line) => Object.assign({}, line, { quantity: Math.min(line.quantity, MAX_QUANTITY) })), "server"),
    subscribe: changes.on,
  };
}

module.exports = { createLineStore, lineKey, MAX_QUANTITY };

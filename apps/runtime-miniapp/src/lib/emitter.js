// The smallest publish/subscribe: the site, the cart, the basket and the stay tell the pages showing them that
// they changed, so every page re-renders from one source instead of keeping its own copy.
function createEmitter() {
  const listeners = new Set();
  return {
    /** Calls `listener` on every change; returns the function that stops it. */
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(...values) {
      listeners.forEach((listener) => listener(...values));
    },
  };
}

module.exports = { createEmitter };

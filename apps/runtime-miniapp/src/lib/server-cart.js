// Keeps a line store (lib/line-store.js: the shop cart, the restaurant basket) in step with the shopper's cart on
// shop-api, so it survives a reinstall and follows the shopper to another phone. The lines on screen are always the
// local ones; the server's copy follows them:
// - lines put in before this shopper logged in (a first launch, another shopper's phone, a failed login) merge into
//   the server's cart once (POST /cart/merge), quantities of the same choice adding up;
// - after that, every change replaces the server's cart (PUT /cart), one request at a time, the last change winning;
// - a launch with nothing unsent takes the server's cart (GET /cart).
// What was last sent, and for whom, is kept in storage, so a change made offline is sent at the next launch.
const { ensureSession, shopperRequest } = require("./session");

/** The line store's lines as shop-api's cart lines. `priceOf(line)` is the unit price the shopper sees now. */
function toServerLines(lines, codec, priceOf) {
  return lines.map((line) =>
    Object.assign(codec.toServer(line), { itemId: line.itemId, quantity: line.quantity, seenUnitPriceFen: priceOf(line) }),
  );
}

/** shop-api's cart lines as the line store's; lines the codec cannot read (another kind of store) are dropped. */
function fromServerLines(serverLines, codec) {
  if (!Array.isArray(serverLines)) return null;
  return serverLines
    .map((line) => (line && typeof line.itemId === "string" && Number.isInteger(line.quantity) ? codec.fromServer(line) : null))
    .filter(Boolean);
}

/**
 * What to do when a shopper's session starts, from what storage remembers: `merge` lines built for nobody (or for
 * another shopper), `push` this shopper's unsent change, or `pull` the server's cart.
 */
function reconcileStep(lines, sync, shopperId) {
  if (sync.shopperId !== shopperId) return lines.length ? "merge" : "pull";
  return sync.pending ? "push" : "pull";
}

function syncServerCart(store, options) {
  const { codec, priceOf, storageKey } = options;
  const read = () => {
    const saved = wx.getStorageSync(storageKey);
    return saved && typeof saved === "object" ? saved : { shopperId: "", pending: false };
  };
  const write = (sync) => {
    try {
      wx.setStorageSync(storageKey, sync);
    } catch (error) {
      // Storage full: the next launch merges again, which adds nothing twice only if the server still has it.
    }
  };
  let shopperId = "";
  let sending = false;

  function take(answer) {
    const lines = answer.status === 200 && answer.body ? fromServerLines(answer.body.lines, codec) : null;
    if (lines) store.replace(lines);
    return Boolean(lines);
  }

  function push() {
    if (!shopperId || sending) return;
    sending = true;
    const sent = store.lines();
    shopperRequest("PUT", "/cart", { lines: toServerLines(sent, codec, priceOf) }).then(
      (answer) => {
        sending = false;
        const changedMeanwhile = store.lines() !== sent;
        if (answer.status === 200) write({ shopperId, pending: changedMeanwhile });
        if (changedMeanwhile) push();
      },
      () => {
        sending = false;
      },
    );
  }

  store.subscribe((lines, origin) => {
    if (origin === "server") return;
    write({ shopperId: read().shopperId, pending: true });
    push();
  });

  return ensureSession().then((session) => {
    if (!session) return;
    const sync = read();
    const step = reconcileStep(store.lines(), sync, session.shopper.id);
    const request =
      step === "merge"
        ? shopperRequest("POST", "/cart/merge", { lines: toServerLines(store.lines(), codec, priceOf) })
        : step === "pull"
          ? shopperRequest("GET", "/cart")
          : null;
    shopperId = session.shopper.id;
    if (!request) {
      push();
      return;
    }
    // Changes the shopper makes while the answer is on its way are sent after it, not overwritten by it.
    sending = true;
    const before = store.lines();
    return request.then(
      (answer) => {
        sending = false;
        if (store.lines() !== before) push();
        else if (take(answer)) write({ shopperId, pending: false });
      },
      () => {
        sending = false;
      },
    );
  });
}

module.exports = { fromServerLines, reconcileStep, syncServerCart, toServerLines };

// Page and item views, reported to shop-api in batches (POST /events): kept in memory and sent when FLUSH_AT are
// waiting, every FLUSH_MS, and when the app goes to the background (wx.onAppHide), so a report costs one request
// for many views. Anonymous: a random visitor id kept in storage; once the shopper is logged in, the token says who.
// Nothing else about the shopper is sent. A report that fails is kept for the next try (at most MAX_KEPT views, the
// oldest dropped first); one shop-api refuses as malformed (400) or too old is dropped, since resending cannot help.
const { sendJson } = require("./request");
const { baked } = require("./site");
const { currentToken } = require("./session");

const VISITOR_KEY = "kd-visitor";
const FLUSH_AT = 20;
/** shop-api's MAX_BATCH_EVENTS. */
const MAX_BATCH = 50;
const MAX_KEPT = 200;
const FLUSH_MS = 10 * 1000;
/** shop-api refuses events older than a day. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000 - 60 * 1000;

let waiting = [];
let sending = null;
let started = false;

function randomVisitorId() {
  // A version 4 UUID: not a secret, only a way to count one phone once.
  const hex = "0123456789abcdef";
  let id = "";
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) id += "-";
    else if (i === 14) id += "4";
    else if (i === 19) id += hex[8 + Math.floor(Math.random() * 4)];
    else id += hex[Math.floor(Math.random() * 16)];
  }
  return id;
}

function visitorId() {
  const kept = wx.getStorageSync(VISITOR_KEY);
  if (typeof kept === "string" && /^[0-9a-f-]{36}$/.test(kept)) return kept;
  const fresh = randomVisitorId();
  try {
    wx.setStorageSync(VISITOR_KEY, fresh);
  } catch (error) {
    // Storage full: this launch still counts as one visitor.
  }
  return fresh;
}

function keep(event) {
  if (!baked.apiBase) return;
  waiting.push(event);
  if (waiting.length > MAX_KEPT) waiting = waiting.slice(waiting.length - MAX_KEPT);
  if (waiting.length >= FLUSH_AT) flush();
}

/** A page shown: its path ("pages/home/index"). */
function trackPageView(page) {
  keep({ kind: "pageView", page, seenAt: Date.now() });
}

/** An item's page shown with the item. */
function trackItemView(page, itemId) {
  keep({ kind: "itemView", page, itemId, seenAt: Date.now() });
}

/** Sends what is waiting (one report at a time, at most MAX_BATCH views each); resolves when done or failed. */
function flush() {
  if (sending || waiting.length === 0 || !baked.apiBase) return sending || Promise.resolve();
  const now = Date.now();
  const batch = waiting.filter((event) => now - event.seenAt <= MAX_AGE_MS).slice(0, MAX_BATCH);
  waiting = waiting.filter((event) => now - event.seenAt <= MAX_AGE_MS).slice(batch.length);
  if (batch.length === 0) return Promise.resolve();
  const events = batch.map((event) =>
    event.kind === "itemView"
      ? { kind: event.kind, page: event.page, itemId: event.itemId, ageMs: now - event.seenAt }
      : { kind: event.kind, page: event.page, ageMs: now - event.seenAt },
  );
  const token = currentToken();
  sending = sendJson(`${baked.apiBase}/events`, "POST", { visitorId: visitorId(), events }, token ? { Authorization: `Bearer ${token}` } : {})
    .then(
      (answer) => answer.status === 202 || answer.status === 400 || answer.status === 413,
      () => false,
    )
    .then((done) => {
      sending = null;
      // Not taken (network, rate limit, a server error): back in front, for the next flush.
      if (!done) waiting = batch.concat(waiting).slice(-MAX_KEPT);
      else if (waiting.length >= FLUSH_AT) return flush();
    });
  return sending;
}

/** Called once at launch: reports on a timer and when the shopper leaves the app. */
function startReporting() {
  if (started) return;
  started = true;
  setInterval(flush, FLUSH_MS);
  if (wx.onAppHide) wx.onAppHide(() => flush());
}

module.exports = { flush, startReporting, trackItemView, trackPageView, FLUSH_AT, MAX_BATCH };

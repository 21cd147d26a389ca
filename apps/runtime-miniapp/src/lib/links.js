// Turns a Link (templates/src/links.ts) or a page id into navigation. Which pages are tabs comes from the
// config app.json was generated from (lib/site.js packageConfig): a tab list changed later is not in this package's app.json.
const { sendIntent } = require("./intents");
const { PAGE_PATHS, TRADE_PAGE_PATHS } = require("./pages");
const { packageConfig } = require("./site");

function hasPage(pageId) {
  return Object.prototype.hasOwnProperty.call(PAGE_PATHS, pageId) && Boolean(packageConfig().pages[pageId]);
}

function isTab(pageId) {
  return packageConfig().tabBar.some((tab) => tab.page === pageId);
}

function queryString(query) {
  const pairs = Object.keys(query).map((key) => `${key}=${encodeURIComponent(query[key])}`);
  return pairs.length ? `?${pairs.join("&")}` : "";
}

function topRoute() {
  const stack = getCurrentPages();
  return stack.length ? stack[stack.length - 1].route : "";
}

/** Opens a page of this package; `query` reaches tab pages as an intent and other pages as their query. */
function openPage(pageId, query = {}) {
  if (!hasPage(pageId)) return;
  const url = `/${PAGE_PATHS[pageId]}`;
  if (isTab(pageId)) {
    sendIntent(pageId, query);
    // A tab list edited by hand in app.json would make switchTab fail: the page is then an ordinary one.
    wx.switchTab({ url, fail: () => wx.navigateTo({ url: url + queryString(query) }) });
    return;
  }
  if (topRoute() === PAGE_PATHS[pageId] && Object.keys(query).length === 0) return;
  wx.navigateTo({ url: url + queryString(query), fail: () => wx.switchTab({ url }) });
}

/**
 * Whether this package has the trading pages: stores with a cart do, restaurants (takeaway is checked out and paid
 * there), and hotels (their orders and order page).
 */
function hasTradePages() {
  const shipped = packageConfig().pages;
  return Boolean(shipped.cart || shipped.order || shipped.booking);
}

/** Opens a trading page; `replace` puts it in the current page's place (checkout → the order it placed). */
function openTradePage(pageId, query = {}, options = {}) {
  if (!hasTradePages() || !TRADE_PAGE_PATHS[pageId]) return;
  const url = `/${TRADE_PAGE_PATHS[pageId]}${queryString(query)}`;
  if (options.replace) wx.redirectTo({ url });
  else wx.navigateTo({ url });
}

/** A query value as typed: decoded when it arrives encoded, unchanged when it does not decode. */
function decodeQueryValue(value) {
  try {
    return decodeURIComponent(value);
  } catch (error) {
    return value;
  }
}

function openLink(link) {
  if (!link || typeof link !== "object") return;
  if (link.kind === "page") openPage(link.page);
  else if (link.kind === "category") openPage("category", { id: link.categoryId });
  else if (link.kind === "item") openPage("item", { id: link.itemId });
}

module.exports = { decodeQueryValue, hasPage, hasTradePages, openLink, openPage, openTradePage };

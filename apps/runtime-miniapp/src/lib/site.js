// What every page shows: the snapshot baked into the package (so the first render never waits on the network),
// replaced by the last good answer of the read API when there is one. Its items are the ones this launch knows:
// baked, cached, and every page or item the API has sent since; lists load the rest page by page
// (lib/catalog-pages.js).
const baked = require("../config/site.js");
const { createEmitter } = require("./emitter");
const { readCache } = require("./site-cache");

const changes = createEmitter();
const cached = readCache(baked);
let current = {
  site: cached.site ? cached.site.body : baked.site,
  catalog: cached.catalog ? cached.catalog.body : baked.catalog,
};

/** `{ site, catalog }` as shown now. */
function currentSite() {
  return current;
}

/** `fresh` items first, then those of `known` it does not replace, so an item is known once, as last sent. */
function mergeItems(fresh, known) {
  const ids = new Set(fresh.map((item) => item.id));
  return fresh.concat(known.filter((item) => !ids.has(item.id)));
}

/** Shows `next` everywhere, if it differs from what is shown. */
function showSite(next) {
  if (JSON.stringify(next) === JSON.stringify(current)) return;
  current = next;
  changes.emit(current);
}

/**
 * Adds items the API sent to what this launch knows, so the item page, the cart and the basket find them. Pages
 * already open are not redrawn: each list shows its own pages.
 */
function rememberItems(items) {
  const known = current.catalog.items;
  const catalog = { categories: current.catalog.categories, items: mergeItems(items, known) };
  current = { site: current.site, catalog };
}

/**
 * The config the package's app.json was made from: the baked one, or for the platform template (whose app.json is
 * its store's ext.json, made from the config it was committed with) the one shown now.
 */
function packageConfig() {
  return baked.template ? current.site.config : baked.site.config;
}

/**
 * Runs `start` once the store has the page: now, or for the platform template, whose first launch knows its store
 * only when shop-api answers, when a site with it is shown.
 */
function whenPageExists(pageId, start) {
  if (packageConfig().pages[pageId]) return start();
  if (!baked.template) return undefined;
  const stop = changes.on((shown) => {
    if (!shown.site.config.pages[pageId]) return;
    stop();
    start();
  });
  return undefined;
}

module.exports = { baked, currentSite, mergeItems, packageConfig, rememberItems, showSite, whenPageExists, onSiteChange: changes.on };

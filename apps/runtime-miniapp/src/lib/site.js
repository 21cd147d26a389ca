// What every page shows: the snapshot baked into the package (so the first render never waits on the network),
// replaced by the last good answer of the read API when there is one.
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

/** Shows `next` everywhere, if it differs from what is shown. */
function showSite(next) {
  if (JSON.stringify(next) === JSON.stringify(current)) return;
  current = next;
  changes.emit(current);
}

module.exports = { baked, currentSite, showSite, onSiteChange: changes.on };

// Asks the read API for the live site and the catalog's first page once per launch. Each answer is used only
// when accepted (lib/accept.js); on any failure the page keeps what it shows.
const { acceptCatalog, acceptSite } = require("./accept");
const { catalogUrl } = require("./catalog-pages");
const { getJson } = require("./request");
const { baked, currentSite, mergeItems, showSite } = require("./site");
const { readCache, writeCache } = require("./site-cache");

/** Resolves to `{ etag, body }` when the API gave a usable answer (304 = the cached one), else null. */
function fetchEntry(url, cached, accept) {
  return getJson(url, cached ? cached.etag : "").then(
    (answer) => {
      if (answer.status === 304) return cached;
      if (answer.status !== 200) return null;
      const body = accept(answer.body);
      return body ? { etag: answer.etag, body } : null;
    },
    () => null,
  );
}

function refreshSite() {
  if (!baked.apiBase) return Promise.resolve();
  const cached = readCache(baked);
  return Promise.all([
    fetchEntry(`${baked.apiBase}/site`, cached.site, (body) => acceptSite(body, baked.site)),
    fetchEntry(catalogUrl(baked.apiBase), cached.catalog, acceptCatalog),
  ]).then(([site, catalog]) => {
    writeCache(baked, { site: site || cached.site, catalog: catalog || cached.catalog });
    const shown = currentSite();
    // The answer holds every category but one page of items: the items known before stay, updated by it.
    const liveCatalog = catalog && { categories: catalog.body.categories, items: mergeItems(catalog.body.items, shown.catalog.items) };
    showSite({ site: site ? site.body : shown.site, catalog: liveCatalog || shown.catalog });
  });
}

module.exports = { refreshSite };

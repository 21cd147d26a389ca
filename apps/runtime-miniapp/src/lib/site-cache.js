// The last good answers of the read API (body and ETag), kept in wx storage so a later launch without network
// still shows them. They belong to one package: a cache written under another baked snapshot is ignored,
// because that package may be newer than what was cached.
const { acceptCatalog, acceptSite, isObject } = require("./accept");

const STORAGE_KEY = "kd-site-cache";

function packageKey(baked) {
  return `${baked.site.tenantId}:${baked.site.configVersion}`;
}

function entry(saved, accept) {
  if (!isObject(saved) || typeof saved.etag !== "string") return null;
  const body = accept(saved.body);
  return body ? { etag: saved.etag, body } : null;
}

/** `{ site, catalog }`, each `{ etag, body }` or null. */
function readCache(baked) {
  const saved = wx.getStorageSync(STORAGE_KEY);
  if (!isObject(saved) || saved.package !== packageKey(baked)) return { site: null, catalog: null };
  return {
    site: entry(saved.site, (body) => acceptSite(body, baked.site)),
    catalog: entry(saved.catalog, acceptCatalog),
  };
}

function writeCache(baked, entries) {
  try {
    wx.setStorageSync(STORAGE_KEY, { package: packageKey(baked), site: entries.site, catalog: entries.catalog });
  } catch (error) {
    // Storage full: the next launch refreshes from the network or shows the baked snapshot, both fine.
  }
}

module.exports = { readCache, writeCache };

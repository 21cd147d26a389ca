// The platform template's store. On the third-party platform one package (the template) serves every store: WeChat
// commits it to each store's Mini Program with that store's ext.json, read here with wx.getExtConfigSync(): shop-api's
// address (`apiBase`), the store (`tenantId`) and the configuration published when it was committed
// (`configVersion`). The template bakes no site, so what it shows first is an empty store of that tenant; lib/site.js
// then takes the site kept from the last launch (lib/site-cache.js, keyed by tenant and configuration, so a later
// launch opens offline at once), and lib/refresh.js the live one.
const { isObject } = require("./accept");

/** A site with nothing to show: what a first launch renders until shop-api answers. */
const EMPTY_CONFIG = { templateId: null, schemaVersion: null, theme: {}, store: {}, tabBar: [], pages: {} };

/** ext.json's store, or null when the package is not a committed template (DevTools without an ext). */
function extStore() {
  const ext = typeof wx.getExtConfigSync === "function" ? wx.getExtConfigSync() : null;
  if (!isObject(ext) || typeof ext.tenantId !== "string" || !ext.tenantId || typeof ext.apiBase !== "string") return null;
  const configVersion = Number.isInteger(ext.configVersion) ? ext.configVersion : 0;
  return { tenantId: ext.tenantId, configVersion, apiBase: `${ext.apiBase.replace(/\/+$/, "")}/api/mp/v1/${ext.tenantId}` };
}

/** The snapshot config/site.js gives the template: the ext's store, not yet known beyond its id. */
function launchSnapshot() {
  const store = extStore();
  return {
    template: true,
    apiBase: store ? store.apiBase : "",
    site: { apiVersion: 1, tenantId: store ? store.tenantId : "", configVersion: store ? store.configVersion : 0, config: EMPTY_CONFIG },
    catalog: { categories: [], items: [] },
  };
}

module.exports = { extStore, launchSnapshot };

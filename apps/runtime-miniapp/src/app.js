const { startReporting } = require("./lib/analytics");
const { refreshSite } = require("./lib/refresh");
const { ensureSession } = require("./lib/session");

App({
  onLaunch() {
    // Pages already show the baked or cached site; this only swaps in newer content when the API answers.
    refreshSite();
    // The silent login: the shopper sees nothing, and a store that cannot log shoppers in still browses.
    ensureSession();
    // Views are reported in batches, on a timer and when the shopper leaves the app.
    startReporting();
  },
});

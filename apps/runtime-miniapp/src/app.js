const { refreshSite } = require("./lib/refresh");

App({
  onLaunch() {
    // Pages already show the baked or cached site; this only swaps in newer content when the API answers.
    refreshSite();
  },
});

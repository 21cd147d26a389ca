// What every page shares: its configured sections, the catalog, the store and the theme, kept current when
// the read API answers; and the intents (lib/intents.js) sent to it, passed to its `onIntent` method.
const { trackPageView } = require("./analytics");
const { receiveIntents, takeIntent } = require("./intents");
const { currentSite, onSiteChange } = require("./site");
const { isHexColor, themeStyle } = require("./theme");

function paintNavigationBar(theme) {
  // app.json colours the bar with the baked theme; this follows a theme changed since.
  if (!wx.canIUse("setNavigationBarColor") || !isHexColor(theme.primaryColor)) return;
  const frontColor = theme.navigationBarText === "black" ? "#000000" : "#ffffff";
  wx.setNavigationBarColor({ frontColor, backgroundColor: theme.primaryColor });
}

function sitePage(pageId) {
  return Behavior({
    data: { sections: [], catalog: { categories: [], items: [] }, store: {}, themeStyle: "" },
    lifetimes: {
      attached() {
        this.stopSite = onSiteChange(() => this.showSite());
        this.stopIntents = receiveIntents(pageId, (intent) => this.deliverIntent(intent));
        this.showSite();
      },
      detached() {
        this.stopSite();
        this.stopIntents();
      },
    },
    methods: {
      // Pages built with Component() receive their page events as methods; no runtime page defines its own.
      onShow() {
        trackPageView(this.route || pageId);
        this.deliverIntent(takeIntent(pageId));
      },
      showSite() {
        const { site, catalog } = currentSite();
        const config = site.config;
        const page = config.pages[pageId] || { title: "", sections: [] };
        this.setData({ sections: page.sections, catalog, store: config.store, themeStyle: themeStyle(config.theme) });
        if (page.title) wx.setNavigationBarTitle({ title: page.title });
        paintNavigationBar(config.theme);
      },
      deliverIntent(intent) {
        if (intent && this.onIntent) this.onIntent(intent);
      },
    },
  });
}

module.exports = { sitePage };

// What makes a store's Mini Program look like its own, from its config: the window (the store's name as the title,
// its theme's colours), the tab bar (its tabs, in its colours) and each page's title. A store's package writes them
// into app.json and its pages' JSON (@kaidian/generator's package-files.ts); a commit of the platform template
// carries them in the store's ext.json (@kaidian/publishing's storeExtJson) as `window`, `tabBar` and `extPages`,
// which WeChat lays over the template's app.json and page JSON (`pages` and `tabBar.list` replace the template's, the
// rest is inserted or overrides key by key). One function for both, so a store looks the same whichever way it is
// published.
import type { StoreConfig } from "./config";
import { pages, TAB_ICONS, type TabIcon } from "./pages";
import type { TemplateDefinition } from "./template";

export type TabIconFiles = Record<string, { iconPath: string; selectedIconPath: string }>;

/**
 * Where the runtime keeps each tab icon (its build writes them there and lists them in runtime.json's tabIcons; a
 * generator test holds the two equal). Here so the dashboard, which commits a store's ext.json, needs no runtime
 * files to name them.
 */
export const RUNTIME_TAB_ICONS: Record<TabIcon, { iconPath: string; selectedIconPath: string }> = Object.fromEntries(
  TAB_ICONS.map((name) => [name, { iconPath: `assets/tab/${name}.png`, selectedIconPath: `assets/tab/${name}-active.png` }]),
) as Record<TabIcon, { iconPath: string; selectedIconPath: string }>;

export type StoreWindow = {
  navigationBarTitleText: string;
  navigationBarBackgroundColor: string;
  navigationBarTextStyle: "black" | "white";
  backgroundColor: string;
  backgroundTextStyle: "dark";
};

export type StoreTabBar = {
  color: string;
  selectedColor: string;
  backgroundColor: string;
  borderStyle: "black";
  list: { pagePath: string; text: string; iconPath: string; selectedIconPath: string }[];
};

export type StoreLook = {
  window: StoreWindow;
  tabBar: StoreTabBar;
  /** Page path (as app.json lists it) → its navigation bar title, for every page of the store's template. */
  pageTitles: Record<string, string>;
};

export function storeLook(template: TemplateDefinition, config: StoreConfig, tabIcons: TabIconFiles = RUNTIME_TAB_ICONS): StoreLook {
  return {
    window: {
      navigationBarTitleText: config.store.name,
      navigationBarBackgroundColor: config.theme.primaryColor,
      navigationBarTextStyle: config.theme.navigationBarText,
      backgroundColor: config.theme.backgroundColor,
      backgroundTextStyle: "dark",
    },
    tabBar: {
      color: "#7d7e80",
      selectedColor: config.theme.primaryColor,
      backgroundColor: "#ffffff",
      borderStyle: "black",
      list: config.tabBar.map((tab) => {
        const icon = tabIcons[pages[tab.page].tabIcon];
        if (!icon) throw new Error(`The runtime has no tab icon "${pages[tab.page].tabIcon}"`);
        return { pagePath: pages[tab.page].path, text: tab.text, iconPath: icon.iconPath, selectedIconPath: icon.selectedIconPath };
      }),
    },
    pageTitles: Object.fromEntries(template.pages.map((page) => [pages[page.id].path, config.pages[page.id]?.title ?? pages[page.id].label["zh-CN"]])),
  };
}

/** The part of a store's ext.json that is its look, as WeChat's third-party platform names the keys. */
export function extJsonLook(look: StoreLook): { window: StoreWindow; tabBar: StoreTabBar; extPages: Record<string, { navigationBarTitleText: string }> } {
  return {
    window: look.window,
    tabBar: look.tabBar,
    extPages: Object.fromEntries(Object.entries(look.pageTitles).map(([path, title]) => [path, { navigationBarTitleText: title }])),
  };
}

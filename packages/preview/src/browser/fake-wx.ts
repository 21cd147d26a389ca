// The `wx` a previewed page sees: storage in memory, no network, and navigation reported to the host page, which
// decides what to show next. Nothing here reaches outside the preview.
import type { ComponentInstance } from "./j-component";

type Options = Record<string, unknown>;
type Callbacks = { success?: (result: unknown) => void; fail?: (error: unknown) => void; complete?: (result: unknown) => void };

/** A page the previewed Mini Program asked to open: package route ("pages/item/index") and query. */
export type NavigationRequest = { api: string; route: string; query: Record<string, string> };

// The preview's phone: 375 pt wide as the stylesheets are converted for.
const systemInfo = {
  brand: "iPhone",
  model: "iPhone 13 mini",
  pixelRatio: 3,
  screenWidth: 375,
  screenHeight: 812,
  windowWidth: 375,
  windowHeight: 667,
  statusBarHeight: 44,
  safeArea: { left: 0, right: 375, top: 44, bottom: 778, width: 375, height: 734 },
  language: "zh_CN",
  version: "8.0.50",
  system: "iOS 17.5",
  platform: "ios",
  SDKVersion: "3.5.0",
  theme: "light",
};

// Components that build animations get steps that do nothing: the preview does not animate.
const animation: object = new Proxy({}, { get: (_, name) => (name === "export" ? () => ({ actions: [] }) : () => animation) });

const NAVIGATION = ["navigateTo", "redirectTo", "switchTab", "reLaunch"] as const;
// Effects outside the page that a preview only acknowledges.
const ACKNOWLEDGED = [
  "navigateBack", "showToast", "hideToast", "showLoading", "hideLoading", "showModal", "setNavigationBarTitle",
  "setNavigationBarColor", "stopPullDownRefresh", "makePhoneCall", "openLocation", "pageScrollTo", "vibrateShort",
];

export type FakeWxOptions = {
  currentPage(): ComponentInstance | undefined;
  onNavigate(request: NavigationRequest): void;
  /** The phone's storage: shared by every page of one preview, as one Mini Program's storage is. */
  storage?: Map<string, string>;
};

export function createFakeWx({ currentPage, onNavigate, storage = new Map<string, string>() }: FakeWxOptions): Record<string, unknown> {

  // The real APIs answer asynchronously; so does this.
  function answer(options: Callbacks, outcome: "success" | "fail", result: unknown) {
    setTimeout(() => {
      options[outcome]?.(result);
      options.complete?.(result);
    }, 0);
  }

  const acknowledged = Object.fromEntries(
    ACKNOWLEDGED.map((api) => [api, (options: Options & Callbacks = {}) => answer(options, "success", { errMsg: `${api}:ok` })]),
  );
  const navigation = Object.fromEntries(
    NAVIGATION.map((api) => [
      api,
      (options: Options & Callbacks = {}) => {
        const [route = "", search = ""] = String(options.url ?? "").replace(/^\//, "").split("?");
        onNavigate({ api, route, query: Object.fromEntries(new URLSearchParams(search)) });
        answer(options, "success", { errMsg: `${api}:ok` });
      },
    ]),
  );

  const wx: Record<string, unknown> = {
    ...acknowledged,
    ...navigation,
    // A preview never calls the network: it shows the snapshot it was given.
    request: (options: Options & Callbacks) => {
      answer(options, "fail", { errMsg: "request:fail preview" });
      return { abort() {} };
    },
    // Stored as JSON text, so values come back as copies as on WeChat.
    getStorageSync: (key: string) => (storage.has(key) ? JSON.parse(storage.get(key) as string) : ""),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.stringify(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
    getExtConfigSync: () => ({}),
    getExtConfig: (options: Callbacks = {}) => answer(options, "success", { extConfig: {}, errMsg: "getExtConfig:ok" }),
    getSystemInfoSync: () => ({ ...systemInfo }),
    getWindowInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo }),
    nextTick: (callback: () => void) => setTimeout(callback, 0),
    createSelectorQuery: () => {
      const page = currentPage();
      if (!page) throw new Error("wx.createSelectorQuery() was called before the page exists");
      return (page.createSelectorQuery as () => unknown)();
    },
    createAnimation: () => animation,
    canIUse: (schema: string) => typeof wx[schema.split(".")[0] ?? ""] === "function",
  };
  return wx;
}

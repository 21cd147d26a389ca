// The `wx` object a page sees: enough of the real API for a generated runtime, with every outside effect
// recorded for the test instead of performed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ComponentInstance } from "./j-component";

export type FakeRequest = { url: string; method: string; data: unknown; header: Record<string, string> };
export type FakeResponse = { statusCode: number; data: unknown; header?: Record<string, string> };
/** Answers a `wx.request`; "fail" is what the runtime reports when the network is unreachable. */
export type Responder = (request: FakeRequest) => FakeResponse | "fail";
/** A call to an API whose effect happens outside the page (navigation, toasts, phone calls, maps), without its callbacks. */
export type WxCall = { api: string; options: Record<string, unknown> };

export type FakeWx = {
  readonly requests: FakeRequest[];
  readonly calls: WxCall[];
  readonly storage: Map<string, unknown>;
};

export type FakeWxOptions = { respond?: Responder; storage?: Record<string, unknown> };

type Options = Record<string, unknown>;
type Callbacks = { success?: (result: unknown) => void; fail?: (error: unknown) => void; complete?: (result: unknown) => void };

const unreachable: Responder = () => "fail";

// An iPhone 13 on a recent WeChat; @vant/weapp compares SDKVersion to enable features.
const systemInfo = {
  brand: "iPhone",
  model: "iPhone 13",
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 763,
  statusBarHeight: 47,
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  language: "zh_CN",
  version: "8.0.50",
  system: "iOS 17.5",
  platform: "ios",
  SDKVersion: "3.5.0",
  theme: "light",
};

// Components such as van-notice-bar build animations; with no layout to animate, every step is dropped.
const animation: object = new Proxy({}, { get: (_, name) => (name === "export" ? () => ({ actions: [] }) : () => animation) });

const recordedApis = [
  "navigateTo",
  "redirectTo",
  "switchTab",
  "reLaunch",
  "navigateBack",
  "showToast",
  "hideToast",
  "showLoading",
  "hideLoading",
  "setNavigationBarTitle",
  "stopPullDownRefresh",
  "makePhoneCall",
  "openLocation",
] as const;

export type FakeWxRuntime = {
  wx: Record<string, unknown>;
  log: FakeWx;
  /** Callbacks scheduled and not yet run. */
  pending(): number;
};

/** `currentPage` is what wx.createSelectorQuery() queries, as on WeChat. */
export function createFakeWx(packageDir: string, options: FakeWxOptions, currentPage: () => ComponentInstance | undefined): FakeWxRuntime {
  const respond = options.respond ?? unreachable;
  const log: FakeWx = { requests: [], calls: [], storage: new Map(Object.entries(options.storage ?? {})) };
  const extConfig = readExtConfig(packageDir);
  let pending = 0;

  // The real APIs answer asynchronously; pages that assume otherwise should fail here as they would there.
  function later(callback: () => void) {
    pending += 1;
    setTimeout(() => {
      pending -= 1;
      callback();
    }, 0);
  }

  function answer(options: Callbacks, outcome: "success" | "fail", result: unknown) {
    later(() => {
      options[outcome]?.(result);
      options.complete?.(result);
    });
  }

  function request(options: Options & Callbacks) {
    const recorded: FakeRequest = {
      url: String(options.url),
      method: String(options.method ?? "GET").toUpperCase(),
      data: structuredClone(options.data),
      header: { ...(options.header as Record<string, string> | undefined) },
    };
    log.requests.push(recorded);
    const response = respond(recorded);
    let aborted = false;
    if (response === "fail") {
      answer(options, "fail", { errMsg: "request:fail net::ERR_INTERNET_DISCONNECTED" });
    } else {
      later(() => {
        const result = aborted
          ? { errMsg: "request:fail abort" }
          : { data: structuredClone(response.data), statusCode: response.statusCode, header: response.header ?? {}, cookies: [], errMsg: "request:ok" };
        (aborted ? options.fail : options.success)?.(result);
        options.complete?.(result);
      });
    }
    return { abort: () => (aborted = true) };
  }

  const recorded = Object.fromEntries(
    recordedApis.map((api) => [
      api,
      (options: Options & Callbacks = {}) => {
        log.calls.push({ api, options: Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value !== "function")) });
        answer(options, "success", { errMsg: `${api}:ok` });
      },
    ]),
  );

  const wx: Record<string, unknown> = {
    ...recorded,
    request,
    // Stored values come back as copies, as the real storage serialises them.
    getStorageSync: (key: string) => (log.storage.has(key) ? structuredClone(log.storage.get(key)) : ""),
    setStorageSync: (key: string, value: unknown) => void log.storage.set(key, structuredClone(value)),
    removeStorageSync: (key: string) => void log.storage.delete(key),
    getExtConfigSync: () => structuredClone(extConfig),
    getExtConfig: (options: Callbacks = {}) => answer(options, "success", { extConfig: structuredClone(extConfig), errMsg: "getExtConfig:ok" }),
    getSystemInfoSync: () => structuredClone(systemInfo),
    getWindowInfo: () => structuredClone(systemInfo),
    getDeviceInfo: () => structuredClone(systemInfo),
    getAppBaseInfo: () => structuredClone(systemInfo),
    nextTick: (callback: () => void) => later(callback),
    createSelectorQuery: () => {
      const page = currentPage();
      if (!page) throw new Error("wx.createSelectorQuery() was called before the page exists");
      // j-component's query; jsdom lays nothing out, so every rect is zero.
      return (page.createSelectorQuery as () => unknown)();
    },
    createAnimation: () => animation,
    canIUse: (schema: string) => typeof wx[schema.split(".")[0] ?? ""] === "function",
  };

  return { wx, log, pending: () => pending };
}

/** `wx.getExtConfigSync()` returns ext.json's `ext`, and only when `extEnable` is true, as on WeChat. */
function readExtConfig(packageDir: string): Record<string, unknown> {
  const file = path.join(packageDir, "ext.json");
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, "utf8")) as { extEnable?: boolean; ext?: Record<string, unknown> };
  return json.extEnable ? (json.ext ?? {}) : {};
}

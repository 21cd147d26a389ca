// The `wx` object a page sees: enough of the real API for a generated runtime, with every outside effect
// recorded for the test instead of performed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ComponentInstance } from "./j-component";

export type FakeRequest = { url: string; method: string; data: unknown; header: Record<string, string> };
export type FakeResponse = { statusCode: number; data: unknown; header?: Record<string, string> };
/**
 * Answers a `wx.request`; "fail" is what the runtime reports when the network is unreachable. A promise answers
 * later, as a real server (shop-api over HTTP) does.
 */
export type Responder = (request: FakeRequest) => FakeResponse | "fail" | Promise<FakeResponse | "fail">;
/** A call to an API whose effect happens outside the page (navigation, toasts, phone calls, maps), without its callbacks. */
export type WxCall = { api: string; options: Record<string, unknown> };

export type FakeWx = {
  readonly requests: FakeRequest[];
  readonly calls: WxCall[];
  readonly storage: Map<string, unknown>;
};

/** The parts of WeChat a trading page reaches beyond the network: the login code, the pay sheet, the address book. */
export type ShopperWx = {
  /** A fresh wx.login code (one the fake WeChat API will exchange); without it wx.login fails. */
  loginCode?: () => string | Promise<string>;
  /** What the shopper does in the pay sheet; "paid" by default. It sees the parameters the runtime passed. */
  pay?: (params: Record<string, unknown>) => "paid" | "cancel" | Promise<"paid" | "cancel">;
  /** The address the shopper picks in wx.chooseAddress (its own field names). */
  address?: Record<string, string>;
  /** The shopper's answer to wx.requestSubscribeMessage for each template asked; "reject" when left out. */
  subscribe?: (templateIds: string[]) => "accept" | "reject" | Promise<"accept" | "reject">;
};

export type FakeWxOptions = { respond?: Responder; storage?: Record<string, unknown>; shopper?: ShopperWx };

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
  /** Of those, the ones waiting on a promise (a real server's answer), which may take any time. */
  waiting(): number;
};

/** `currentPage` is what wx.createSelectorQuery() queries, as on WeChat. */
export function createFakeWx(packageDir: string, options: FakeWxOptions, currentPage: () => ComponentInstance | undefined): FakeWxRuntime {
  const respond = options.respond ?? unreachable;
  const log: FakeWx = { requests: [], calls: [], storage: new Map(Object.entries(options.storage ?? {})) };
  const extConfig = readExtConfig(packageDir);
  let pending = 0;
  let waiting = 0;

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

  /** Runs `callback` once `work` settles, counted as pending until then. */
  function afterPromise<T>(work: Promise<T>, callback: (value: T | Error) => void) {
    pending += 1;
    waiting += 1;
    const settled = (value: T | Error) => {
      waiting -= 1;
      setTimeout(() => ((pending -= 1), callback(value)), 0);
    };
    work.then(settled, (error: Error) => settled(error));
  }

  function request(options: Options & Callbacks) {
    const recorded: FakeRequest = {
      url: String(options.url),
      method: String(options.method ?? "GET").toUpperCase(),
      data: structuredClone(options.data),
      header: { ...(options.header as Record<string, string> | undefined) },
    };
    log.requests.push(recorded);
    let aborted = false;
    const deliver = (response: FakeResponse | "fail" | Error) => {
      const result =
        response === "fail" || response instanceof Error
          ? { errMsg: "request:fail net::ERR_INTERNET_DISCONNECTED" }
          : aborted
            ? { errMsg: "request:fail abort" }
            : { data: structuredClone(response.data), statusCode: response.statusCode, header: response.header ?? {}, cookies: [], errMsg: "request:ok" };
      (result.errMsg === "request:ok" ? options.success : options.fail)?.(result);
      options.complete?.(result);
    };
    const response = respond(recorded);
    if (response instanceof Promise) afterPromise(response, deliver);
    else later(() => deliver(response));
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

  const shopper = options.shopper ?? {};
  const record = (api: string, callOptions: Options) =>
    log.calls.push({ api, options: Object.fromEntries(Object.entries(callOptions).filter(([, value]) => typeof value !== "function")) });
  const settleWith = (callOptions: Callbacks, work: Promise<{ ok: boolean; result: unknown }>) =>
    afterPromise(work, (outcome) => {
      const { ok, result } = outcome instanceof Error ? { ok: false, result: { errMsg: outcome.message } } : outcome;
      (ok ? callOptions.success : callOptions.fail)?.(result);
      callOptions.complete?.(result);
    });

  const wx: Record<string, unknown> = {
    ...recorded,
    request,
    login: (callOptions: Options & Callbacks = {}) => {
      record("login", callOptions);
      const code = shopper.loginCode;
      settleWith(
        callOptions,
        code ? Promise.resolve(code()).then((value) => ({ ok: true, result: { code: value, errMsg: "login:ok" } })) : Promise.resolve({ ok: false, result: { errMsg: "login:fail offline" } }),
      );
    },
    requestPayment: (callOptions: Options & Callbacks = {}) => {
      record("requestPayment", callOptions);
      const params = Object.fromEntries(Object.entries(callOptions).filter(([, value]) => typeof value !== "function"));
      settleWith(
        callOptions,
        Promise.resolve(shopper.pay ? shopper.pay(params) : "paid").then((outcome) =>
          outcome === "paid" ? { ok: true, result: { errMsg: "requestPayment:ok" } } : { ok: false, result: { errMsg: "requestPayment:fail cancel" } },
        ),
      );
    },
    chooseAddress: (callOptions: Options & Callbacks = {}) => {
      record("chooseAddress", callOptions);
      const address = shopper.address;
      settleWith(callOptions, Promise.resolve(address ? { ok: true, result: { ...address, errMsg: "chooseAddress:ok" } } : { ok: false, result: { errMsg: "chooseAddress:fail cancel" } }));
    },
    requestSubscribeMessage: (callOptions: Options & Callbacks = {}) => {
      record("requestSubscribeMessage", callOptions);
      const ids = Array.isArray(callOptions.tmplIds) ? (callOptions.tmplIds as string[]) : [];
      settleWith(
        callOptions,
        Promise.resolve(shopper.subscribe ? shopper.subscribe(ids) : "reject").then((answer) => ({
          ok: true,
          result: { ...Object.fromEntries(ids.map((id) => [id, answer])), errMsg: "requestSubscribeMessage:ok" },
        })),
      );
    },
    showModal: (callOptions: Options & Callbacks = {}) => {
      record("showModal", callOptions);
      settleWith(callOptions, Promise.resolve({ ok: true, result: { confirm: true, cancel: false, errMsg: "showModal:ok" } }));
    },
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

  return { wx, log, pending: () => pending, waiting: () => waiting };
}

/** `wx.getExtConfigSync()` returns ext.json's `ext`, and only when `extEnable` is true, as on WeChat. */
function readExtConfig(packageDir: string): Record<string, unknown> {
  const file = path.join(packageDir, "ext.json");
  if (!existsSync(file)) return {};
  const json = JSON.parse(readFileSync(file, "utf8")) as { extEnable?: boolean; ext?: Record<string, unknown> };
  return json.extEnable ? (json.ext ?? {}) : {};
}

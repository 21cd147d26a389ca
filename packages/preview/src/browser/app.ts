// App() and getApp(): the app instance is the object passed to App(), as in the runtime.

type AppOptions = Record<string, unknown>;
export type LaunchOptions = { path: string; query: Record<string, string>; scene: number; referrerInfo: Record<string, never> };

export type AppShim = {
  App(options: AppOptions): void;
  getApp(): AppOptions | undefined;
  /** Runs onLaunch then onShow, as when a shopper opens the Mini Program on this page. */
  launch(options: LaunchOptions): void;
};

export function createAppShim(): AppShim {
  let app: AppOptions | undefined;
  return {
    App(options) {
      if (app) throw new Error("App() was called twice");
      app = options;
    },
    getApp: () => app,
    launch(options) {
      call(app, "onLaunch", options);
      call(app, "onShow", options);
    },
  };
}

function call(app: AppOptions | undefined, name: string, options: LaunchOptions) {
  const handler = app?.[name];
  if (typeof handler === "function") handler.call(app, options);
}

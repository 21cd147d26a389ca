import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// The browser tests run against the real `npm start` path: a fresh embedded PostgreSQL in .data/e2e,
// migrations, demo seed, shop-api, the production build and `next start`.
const root = path.resolve(import.meta.dirname, "../..");
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;
/** The shoppers' API that `npm start` runs beside the dashboard. */
const shopApiPort = Number(process.env.E2E_SHOP_API_PORT ?? 3101);
export const shopApiURL = `http://localhost:${shopApiPort}`;
/** The fake WeChat CI service the product's workers upload to (packages/wechat/src/testing). */
const wechatPort = Number(process.env.E2E_WECHAT_PORT ?? 3190);
export const fakeWechatUrl = `http://127.0.0.1:${wechatPort}`;
const wechatDir = ".data/e2e-wechat";
/** The fake WeChat Pay the product's payment settings test connects to (packages/payments/src/testing). */
const wechatPayPort = Number(process.env.E2E_WECHATPAY_PORT ?? 3191);
export const fakeWechatPayUrl = `http://127.0.0.1:${wechatPayPort}`;

/** The fake WeChat open platform (第三方平台) the dashboard and shop-api run as a platform against. */
const openPlatformPort = Number(process.env.E2E_OPEN_PLATFORM_PORT ?? 3192);
export const fakeOpenPlatformUrl = `http://127.0.0.1:${openPlatformPort}`;
export const FAKE_COMPONENT = {
  FAKE_COMPONENT_APPID: "wx0e2e0e2e0e2e0e2e",
  FAKE_COMPONENT_SECRET: "e2ecomponentsecret00000000000000",
  FAKE_COMPONENT_TOKEN: "e2etoken",
  FAKE_COMPONENT_AES_KEY: "e2eEncodingAESKey0000000000000000000000000000".slice(0, 43),
};

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: path.join(root, "test-results"),
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 60_000,
  use: { baseURL, launchOptions: chromium, locale: "zh-CN", trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "laptop", use: { viewport: { width: 1366, height: 860 } }, testIgnore: /phone\.spec\.ts/ },
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium }, testMatch: /(layout|phone)\.spec\.ts/ },
  ],
  webServer: [
    {
      command: `rm -rf ${wechatDir} && npx tsx packages/wechat/src/testing/main.ts ${wechatPort} ${wechatDir}`,
      cwd: root,
      url: `${fakeWechatUrl}/__fake/received`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      command: `npx tsx packages/payments/src/testing/main.ts ${wechatPayPort}`,
      cwd: root,
      port: wechatPayPort,
      timeout: 60_000,
      reuseExistingServer: false,
    },
    {
      command: `npx tsx packages/wechat/src/testing/open-platform-main.ts ${openPlatformPort}`,
      cwd: root,
      port: openPlatformPort,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { ...(process.env as Record<string, string>), ...FAKE_COMPONENT },
    },
    {
      command: "rm -rf .data/e2e && npx tsx scripts/start.ts",
      cwd: root,
      url: `${baseURL}/sign-in`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        ...(process.env as Record<string, string>),
        DATABASE_URL: "",
        KAIDIAN_DATA_DIR: ".data/e2e",
        PORT: String(port),
        SHOP_API_PORT: String(shopApiPort),
        SHOP_API_INTERNAL_URL: "",
        // What uploaded builds bake in: an https address, as readiness requires (no phone calls it in these tests).
        SHOP_API_PUBLIC_URL: "https://shop.kaidian.test",
        EMBEDDED_POSTGRES_PORT: process.env.E2E_POSTGRES_PORT ?? "54339",
        // Uploads and previews go to the fake WeChat, through its tunnel and its test authority.
        WECHAT_CI_PROXY: fakeWechatUrl,
        WECHAT_CI_CA_FILE: `${wechatDir}/fake-wechat-ca.pem`,
        WECHATPAY_API_BASE: fakeWechatPayUrl,
        KAIDIAN_WORKERS: "2",
        KAIDIAN_RETRY_DELAY_MS: "1000",
        // The location picker's tiles; design.spec.ts answers them in the browser, as the tile server would.
        MAP_TILE_URL: "https://tiles.kaidian.test/{z}/{x}/{y}.png",
        MAP_TILE_ATTRIBUTION: "© 示例地图",
        // Runs as a third-party platform against the fake open platform (wechat-platform.spec.ts, wechat-releases.spec.ts),
        // its workers advancing fleet releases every second.
        KAIDIAN_FLEET_RELEASES_MS: "1000",
        WECHAT_COMPONENT_APPID: FAKE_COMPONENT.FAKE_COMPONENT_APPID,
        WECHAT_COMPONENT_SECRET: FAKE_COMPONENT.FAKE_COMPONENT_SECRET,
        WECHAT_COMPONENT_TOKEN: FAKE_COMPONENT.FAKE_COMPONENT_TOKEN,
        WECHAT_COMPONENT_AES_KEY: FAKE_COMPONENT.FAKE_COMPONENT_AES_KEY,
        WECHAT_COMPONENT_API_BASE: fakeOpenPlatformUrl,
        WECHAT_COMPONENT_LOGIN_PAGE: `${fakeOpenPlatformUrl}/cgi-bin/componentloginpage`,
        WECHAT_COMPONENT_BIND_PAGE: `${fakeOpenPlatformUrl}/wxaopen/safe/bindcomponent`,
      },
    },
  ],
});

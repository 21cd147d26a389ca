import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { newPreviewLink, signPreviewLink } from "../src/server/preview-links";

const coffee = DEMO_STORES.find((store) => store.slug === "shanye-coffee")!;
// The e2e server's own secret, made in its data directory the first time a link is checked.
const secretFile = fileURLToPath(new URL("../../../.data/e2e/kaidian-secret", import.meta.url));
const secret = () => Buffer.from(readFileSync(secretFile, "utf8").trim(), "utf8");

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

test("a phone preview link shows the store's draft full screen, with working tabs; bad links say what is wrong", async ({ page }, testInfo) => {
  const tampered = await page.goto("/p/not-a-link");
  expect(tampered?.status()).toBe(404);
  await expect(page.getByTestId("preview-link-invalid")).toContainText("预览链接无效");

  await page.setViewportSize({ width: 390, height: 844 });
  const { token } = newPreviewLink(coffee.id, secret());
  await page.goto(`/p/${token}`);
  const preview = page.getByTestId("live-preview");
  await expect(preview).toHaveAttribute("data-state", "ready");
  await expect(preview).toHaveAttribute("aria-label", /山野咖啡豆铺/);
  // The runtime's own sections, drawn from its WXML inside the preview's shadow root.
  await expect(preview.locator("kd-banner")).toBeVisible();
  await expect(preview.locator("[data-section-id]").first()).toBeVisible();
  expect(await preview.locator("[data-section-id]").count()).toBeGreaterThan(3);
  await expect(preview.locator("kd-item-grid")).toContainText("云南小粒咖啡豆");
  // Pictures come through: the banner's first slide has its sample picture.
  await expect(preview.locator("kd-banner wx-image").first()).toHaveCSS("background-image", /assets\/samples\//);
  await shot(page, testInfo, "phone-home");

  const tabs = preview.getByRole("navigation", { name: "小程序底部导航" });
  await tabs.getByRole("button", { name: "分类" }).click();
  await expect(tabs.getByRole("button", { name: "分类" })).toHaveAttribute("aria-current", "page");
  await expect(preview).toHaveAttribute("data-state", "ready");
  await expect(preview.locator("van-sidebar")).toBeVisible();
  await shot(page, testInfo, "phone-category");

  const expired = signPreviewLink({ tenantId: coffee.id, expiresAt: new Date(Date.now() - 60_000) }, secret());
  await page.goto(`/p/${expired}`);
  await expect(page.getByTestId("preview-link-expired")).toContainText("预览链接已过期");

  // The same signature over another store's id is refused: a link never reveals another store.
  const [, signature] = token.split(".");
  const claims = Buffer.from(JSON.stringify({ t: DEMO_STORES[1]!.id, e: Math.floor(Date.now() / 1000) + 3600 })).toString("base64url");
  const forged = await page.goto(`/p/${claims}.${signature}`);
  expect(forged?.status()).toBe(404);
  await expect(page.getByTestId("preview-link-invalid")).toBeVisible();
});

// Every kind of dashboard page, visited under its Content-Security-Policy: the policy is nonce-based and strict,
// the framing and sniffing headers are there, and the pages (the editor's live preview, template thumbnails, the
// phone preview, QR codes, an image upload) work without a single violation.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, type Page, test } from "@playwright/test";
import { pngImage } from "../../../packages/media/src/testing/images";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { newPreviewLink } from "../src/server/preview-links";
import { watchCsp } from "./csp";
import { signIn } from "./helpers";

const noodles = DEMO_STORES.find((store) => store.slug === "old-street-noodles")!;
const secretFile = fileURLToPath(new URL("../../../.data/e2e/kaidian-secret", import.meta.url));

/** Visits `path`, checks its headers, and waits for what shows that the page works. */
async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const scripts = policy.split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src")) ?? "";
  expect(scripts, path).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
  expect(scripts, path).toContain("'strict-dynamic'");
  expect(scripts, path).not.toContain("'unsafe-inline'");
  expect(policy, path).toContain("frame-ancestors 'none'");
  expect(policy, path).toContain("object-src 'none'");
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  // The dashboard runs over http here (no https PUBLIC_URL): no HSTS, no upgrade.
  expect(headers["strict-transport-security"], path).toBeUndefined();
  expect(policy, path).not.toContain("upgrade-insecure-requests");
  await ready(page);
}

const pageTitle = async (page: Page) => expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
const previewReady = async (page: Page) => {
  await expect(page.getByTestId("live-preview").first()).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(page.getByTestId("live-preview").first().locator("[data-section-id]").first()).toBeVisible();
};

test("every kind of page works under a strict, nonce-based CSP with no violation", async ({ page, context, browser }) => {
  test.setTimeout(240_000);
  const violations = await watchCsp(context);

  // Signed out: sign-in, sign-up with its template thumbnails (the runtime preview), a table's landing page.
  await visit(page, "/sign-in", pageTitle);
  await visit(page, "/sign-up", previewReady);
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i += 1) nonces.add(/'nonce-([^']+)'/.exec((await page.request.get("/sign-in")).headers()["content-security-policy"]!)![1]!);
  expect(nonces.size).toBe(2);

  // The restaurant's owner: every store page, the editor with its preview, the gallery, tables and their QR codes.
  await signIn(page, "noodles@demo.kaidian.test");
  const store = `/stores/${noodles.slug}`;
  await visit(page, store, pageTitle);
  await visit(page, `${store}/design`, previewReady);
  await visit(page, `${store}/template`, previewReady);
  await visit(page, `${store}/catalog`, pageTitle);
  await visit(page, `${store}/tables`, pageTitle);
  const table = `C${Date.now() % 100_000}`;
  await page.getByLabel("桌名").fill(table);
  await page.getByLabel("座位数").fill("4");
  await page.getByRole("button", { name: "添加餐桌" }).click();
  await expect(page.getByRole("status")).toHaveText(`已添加餐桌「${table}」。`);
  await visit(page, `${store}/tables/print`, async (p) => expect(p.getByRole("list", { name: "桌码打印" }).locator("svg").first()).toBeVisible());
  const link = (await page.getByRole("list", { name: "桌码打印" }).getByRole("listitem").filter({ hasText: table }).locator("[data-link]").getAttribute("data-link"))!;
  await visit(page, `${store}/wechat`, pageTitle);
  await visit(page, `${store}/publish`, pageTitle);
  await visit(page, `${store}/settings`, pageTitle);
  await visit(page, "/stores/new", previewReady);

  // An image upload from the item form, shown from the media route.
  await visit(page, `${store}/catalog/items/new`, pageTitle);
  await page.getByLabel(/上传图片/).first().setInputFiles({ name: "noodle.png", mimeType: "image/png", buffer: Buffer.from(pngImage(120, 90, [200, 80, 40])) });
  const thumbnail = page.locator("form li img").first();
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  // The QR code of a phone preview, and the phone preview page itself.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phoneViolations = await watchCsp(phone);
  const phonePage = await phone.newPage();
  // Checking a link makes the server's link secret, which the test then signs with.
  expect((await phonePage.goto("/p/not-a-link"))?.status()).toBe(404);
  const { token } = newPreviewLink(noodles.id, Buffer.from(readFileSync(secretFile, "utf8").trim(), "utf8"));
  await visit(phonePage, `/p/${token}`, previewReady);
  await visit(phonePage, new URL(link).pathname, async (p) => expect(p.getByText(`桌号 ${table}`)).toBeVisible());

  // The agency's pages.
  const agency = await browser.newContext();
  const agencyViolations = await watchCsp(agency);
  const agencyPage = await agency.newPage();
  await signIn(agencyPage, "agency@demo.kaidian.test");
  await visit(agencyPage, "/agency", previewReady);
  await visit(agencyPage, "/agency/publish", pageTitle);

  expect([...(await violations()), ...(await phoneViolations()), ...(await agencyViolations())]).toEqual([]);
  await phone.close();
  await agency.close();
});

test("a page refuses an injected inline script, and says so as a violation the watcher sees", async ({ page, context }) => {
  const violations = await watchCsp(context);
  await page.goto("/sign-in");
  await page.evaluate(() => {
    const script = document.createElement("div");
    script.innerHTML = "<img src=x onerror=\"document.body.dataset.pwned='1'\">";
    document.body.append(script);
  });
  await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
});

import { createHash } from "node:crypto";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { pngImage } from "../../../packages/media/src/testing/images";
import { ownOrigin, signIn, signUp, uniqueEmail } from "./helpers";

const shop = DEMO_STORES.find((store) => store.slug === "shanye-coffee")!;
const file = (name: string, bytes: Uint8Array, mimeType = "image/png") => ({ file: { name, mimeType, buffer: Buffer.from(bytes) } });
const upload = (page: { request: APIRequestContext }, multipart: ReturnType<typeof file>) =>
  page.request.post(`/api/stores/${shop.slug}/media`, { multipart, headers: ownOrigin });

test("a merchant uploads a PNG and it is served to anyone with long caching, by its content hash", async ({ page, browser }) => {
  await signIn(page, "shop@demo.kaidian.test");
  const image = pngImage(64, 48, [30, 120, 200]);

  const uploaded = await upload(page, file("店铺标志.png", image));
  expect(uploaded.status()).toBe(200);
  const body = await uploaded.json();
  expect(body).toMatchObject({ ref: expect.stringMatching(new RegExp(`^/media/${shop.id}/[0-9a-f]{64}\\.png$`)), width: 64, height: 48, format: "png" });
  const sha256 = body.ref.split("/").at(-1).replace(".png", "");

  const listed = await (await page.request.get(`/api/stores/${shop.slug}/media`)).json();
  expect(listed.images[0]).toMatchObject({ ref: body.ref, originalName: "店铺标志.png", width: 64, height: 48 });

  // Phones and previews are not signed in: the image is public.
  const anonymous = await browser.newContext();
  const served = await anonymous.request.get(body.ref);
  expect(served.status()).toBe(200);
  expect(served.headers()).toMatchObject({
    "content-type": "image/png",
    "cache-control": "public, max-age=31536000, immutable",
    etag: `"${sha256}"`,
    "x-content-type-options": "nosniff",
  });
  // What is served is the re-encoded image the hash names.
  const bytes = await served.body();
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha256);
  expect(bytes.byteLength).toBe(body.bytes);
  // A phone asks for the 750-px variant; narrower images answer with themselves.
  const variant = await anonymous.request.get(body.ref.replace(".png", "-750.png"));
  expect(await variant.body()).toEqual(bytes);
  const again = await anonymous.request.get(body.ref, { headers: { "If-None-Match": `"${sha256}"` } });
  expect(again.status()).toBe(304);
  expect((await anonymous.request.get(body.ref.replace(".png", ".gif"))).status()).toBe(404);
  await anonymous.close();
});

test("a file that only pretends to be an image, or is too large, is refused with a message saying why", async ({ page }) => {
  await signIn(page, "shop@demo.kaidian.test");
  const fake = await upload(page, file("logo.png", new TextEncoder().encode("I am text, not a picture")));
  expect(fake.status()).toBe(415);
  expect(await fake.json()).toEqual({
    error: { code: "media.unsupported", message: "只支持 PNG、JPEG、WebP 和 GIF 图片（按文件内容识别，不看文件名）。" },
  });

  const svg = await upload(page, file("logo.svg", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image/svg+xml"));
  expect((await svg.json()).error.code).toBe("media.unsupported");

  const huge = new Uint8Array(6 * 1024 * 1024);
  huge.set(pngImage(100, 100));
  const tooLarge = await upload(page, file("huge.png", huge));
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error).toEqual({ code: "media.tooLarge", message: "图片不能超过 5 MB。" });

  const tiny = await upload(page, file("dot.png", pngImage(8, 8)));
  expect(tiny.status()).toBe(422);
  expect((await tiny.json()).error.message).toBe("图片太小：宽和高至少 16 像素，这张是 8×8。");
});

test("nobody signed out can upload or list a store's images", async ({ request }) => {
  const refused = await request.post(`/api/stores/${shop.slug}/media`, { multipart: file("logo.png", pngImage(20, 20)), headers: ownOrigin });
  expect(refused.status()).toBe(401);
  expect((await request.get(`/api/stores/${shop.slug}/media`)).status()).toBe(401);
});

test("a merchant puts an uploaded picture in a banner through its image field, and a fake one leaves it in place", async ({ page }, testInfo) => {
  await signUp(page, { name: "林小姐", email: uniqueEmail("media"), password: "lakeview2026", storeName: "湖光小筑", template: "酒店预订" });
  await expect(page).toHaveURL(/\/stores\/[^/]+$/);
  await page.getByRole("link", { name: "店铺装修" }).first().click();
  const openBanner = () => page.getByTestId("section-row").filter({ hasText: "轮播图" }).getByRole("button", { name: "轮播图", exact: true }).click();
  await openBanner();
  const form = page.getByRole("form", { name: "「轮播图」设置" });
  const thumbnail = form.getByTestId("image-thumbnail").first();
  // The draft's autosave after a change: the status alone could still read 已保存 from before it.
  const draftSaved = () => page.waitForResponse((response) => response.request().method() === "POST" && (response.request().postData() ?? "").includes('"schemaVersion"'));

  const firstSave = draftSaved();
  await form.getByLabel(/更换图片/).first().setInputFiles({ name: "sunrise.png", mimeType: "image/png", buffer: Buffer.from(pngImage(320, 160)) });
  await expect(thumbnail).toHaveAttribute("src", /^\/media\/[0-9a-f-]{36}\/[0-9a-f]{64}\.png$/);
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  const ref = (await thumbnail.getAttribute("src"))!;
  await firstSave;
  await expect(page.getByTestId("save-status")).toHaveText("已保存");

  await form.getByLabel(/更换图片/).first().setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("not a picture at all") });
  await expect(form.getByRole("alert").filter({ hasText: "只支持 PNG、JPEG、WebP 和 GIF 图片" })).toBeVisible();
  await expect(thumbnail).toHaveAttribute("src", ref);
  await page.screenshot({ path: testInfo.outputPath("image-field-refused.png"), fullPage: true });

  // Removed, then chosen again from the store's uploads with the keyboard.
  await form.getByRole("button", { name: /移除/ }).first().click();
  await expect(form.getByTestId("image-thumbnail")).toHaveCount(0);
  await form.getByRole("button", { name: "从已上传中选择" }).first().click();
  const pick = form.getByRole("button", { name: "选择这张（sunrise.png，320×160）" });
  await pick.focus();
  const chosenSave = draftSaved();
  await page.keyboard.press("Enter");
  await expect(thumbnail).toHaveAttribute("src", ref);
  await chosenSave;
  await expect(page.getByTestId("save-status")).toHaveText("已保存");
  await page.screenshot({ path: testInfo.outputPath("image-field-chosen.png"), fullPage: true });

  // Saved in the draft: the config schema takes the /media/ ref.
  await page.reload();
  await openBanner();
  await expect(page.getByRole("form", { name: "「轮播图」设置" }).getByTestId("image-thumbnail").first()).toHaveAttribute("src", ref);
});

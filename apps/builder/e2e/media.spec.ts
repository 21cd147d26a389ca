import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_STORES } from "../../../prisma/demo-data";
import { pngImage } from "../../../packages/media/src/testing/images";
import { signIn } from "./helpers";

const shop = DEMO_STORES.find((store) => store.slug === "shanye-coffee")!;
const file = (name: string, bytes: Uint8Array, mimeType = "image/png") => ({ file: { name, mimeType, buffer: Buffer.from(bytes) } });

test("a merchant uploads a PNG and it is served to anyone with long caching, by its content hash", async ({ page, browser }) => {
  await signIn(page, "shop@demo.kaidian.test");
  const image = pngImage(64, 48, [30, 120, 200]);
  const sha256 = createHash("sha256").update(image).digest("hex");

  const uploaded = await page.request.post(`/api/stores/${shop.slug}/media`, { multipart: file("店铺标志.png", image) });
  expect(uploaded.status()).toBe(200);
  const body = await uploaded.json();
  expect(body).toEqual({ ref: `/media/${shop.id}/${sha256}.png`, width: 64, height: 48, bytes: image.byteLength, format: "png" });

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
  expect(new Uint8Array(await served.body())).toEqual(image);
  const again = await anonymous.request.get(body.ref, { headers: { "If-None-Match": `"${sha256}"` } });
  expect(again.status()).toBe(304);
  expect((await anonymous.request.get(body.ref.replace(".png", ".gif"))).status()).toBe(404);
  await anonymous.close();
});

test("a file that only pretends to be an image, or is too large, is refused with a message saying why", async ({ page }) => {
  await signIn(page, "shop@demo.kaidian.test");
  const fake = await page.request.post(`/api/stores/${shop.slug}/media`, {
    multipart: file("logo.png", new TextEncoder().encode("I am text, not a picture")),
  });
  expect(fake.status()).toBe(415);
  expect(await fake.json()).toEqual({
    error: { code: "media.unsupported", message: "只支持 PNG、JPEG、WebP 和 GIF 图片（按文件内容识别，不看文件名）。" },
  });

  const svg = await page.request.post(`/api/stores/${shop.slug}/media`, {
    multipart: file("logo.svg", new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), "image/svg+xml"),
  });
  expect((await svg.json()).error.code).toBe("media.unsupported");

  const huge = new Uint8Array(6 * 1024 * 1024);
  huge.set(pngImage(100, 100));
  const tooLarge = await page.request.post(`/api/stores/${shop.slug}/media`, { multipart: file("huge.png", huge) });
  expect(tooLarge.status()).toBe(413);
  expect((await tooLarge.json()).error).toEqual({ code: "media.tooLarge", message: "图片不能超过 5 MB。" });

  const tiny = await page.request.post(`/api/stores/${shop.slug}/media`, { multipart: file("dot.png", pngImage(8, 8)) });
  expect(tiny.status()).toBe(422);
  expect((await tiny.json()).error.message).toBe("图片太小：宽和高至少 16 像素，这张是 8×8。");
});

test("nobody signed out can upload or list a store's images", async ({ request }) => {
  const upload = await request.post(`/api/stores/${shop.slug}/media`, { multipart: file("logo.png", pngImage(20, 20)) });
  expect(upload.status()).toBe(401);
  expect((await request.get(`/api/stores/${shop.slug}/media`)).status()).toBe(401);
});

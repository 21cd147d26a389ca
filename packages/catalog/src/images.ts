import { z } from "zod";

/**
 * An image the merchant uploaded, as configs and the catalog keep it: `/media/<store id>/<sha256>.<ext>`, relative to
 * the dashboard, whichever storage holds the bytes. The dashboard loads it from its own origin; what goes to phones
 * has it made absolute (https) where it leaves (storefront `resolveMediaRefs`).
 */
export const MEDIA_REF_PATTERN = /^\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[0-9a-f]{64}\.(png|jpg|gif|webp)$/;

const HTTPS_URL = /^https:\/\/[^\s"'<>\\]+$/;
const PACKAGED_ASSET = /^\/assets\/[a-z0-9/_.-]+\.(png|jpe?g|webp|gif|svg)$/;

/**
 * Where an image lives: an https URL, an uploaded image (`/media/...`, above), or a file inside the Mini Program
 * package (`/assets/...`, the templates' sample pictures). Never http: WeChat refuses it.
 */
export const imageRefSchema = z
  .string()
  .max(500)
  .refine((value) => HTTPS_URL.test(value) || MEDIA_REF_PATTERN.test(value) || PACKAGED_ASSET.test(value), {
    error: "Must be an https:// image address, an uploaded /media/ image or a packaged /assets/ picture",
  });

export type ImageRef = z.infer<typeof imageRefSchema>;

export function isPackagedAsset(ref: string): boolean {
  return ref.startsWith("/assets/");
}

export function isMediaRef(ref: string): boolean {
  return MEDIA_REF_PATTERN.test(ref);
}

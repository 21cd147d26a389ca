import { z } from "zod";

/**
 * An image the merchant uploaded, as configs and the catalog keep it: `/media/<store id>/<sha256>.<ext>`, relative to
 * the dashboard, whichever storage holds the bytes. The dashboard loads it from its own origin; what goes to phones
 * has it made absolute (https) where it leaves (storefront `resolveMediaRefs`).
 */
export const MEDIA_REF_PATTERN = /^\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[0-9a-f]{64}\.(png|jpg|gif|webp)$/;

/**
 * The widths the Mini Program shows images at, each made once at upload: 750 px is the full width of a phone at 2×
 * (banners, image ads, an item's own page), 375 px half of it (item cards, menus, rooms, category icons, the cart).
 * Variants are never kept in configs; phones are sent `/media/<store id>/<sha256>-<width>.<ext>` (storefront).
 */
export const MEDIA_VARIANT_WIDTHS = [375, 750] as const;
export type MediaVariantWidth = (typeof MEDIA_VARIANT_WIDTHS)[number];

/** The address of a media ref's variant `width` px wide (the original itself when it is no wider). */
export function mediaVariantRef(ref: string, width: MediaVariantWidth): string {
  return ref.replace(/\.(png|jpg|gif|webp)$/, `-${width}.$1`);
}

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

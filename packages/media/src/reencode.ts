// Every accepted image is decoded and written anew with sharp (libvips) before it is stored: what is kept is
// pixels, never the uploaded file. Bytes after the image's end (an HTML or script tail), comments, EXIF (a phone
// photo's GPS position, its camera serial) and every other metadata chunk are gone; the EXIF orientation is applied
// to the pixels first, so the picture still stands the right way up. Then the variants the Mini Program shows.
import { MEDIA_VARIANT_WIDTHS, type MediaVariantWidth } from "@kaidian/catalog";
import type { Sharp } from "sharp";
import { MediaRefusedError } from "./errors";
import type { MediaFormat } from "./limits";

export type EncodedImage = { bytes: Uint8Array; width: number; height: number };

// Loaded on first use: libvips is ~20 MB of resident memory, and of the processes importing @kaidian/media/server
// only the dashboard re-encodes (a publishing worker inspects and stores, and is held to 300 MB).
let loadingSharp: Promise<typeof import("sharp")> | undefined;
const loadSharp = () => (loadingSharp ??= import("sharp").then((module) => module.default));

// GIF and WebP may be animated: every frame is kept.
const ANIMATED: Record<MediaFormat, boolean> = { png: false, jpeg: false, gif: true, webp: true };

function encode(image: Sharp, format: MediaFormat): Sharp {
  switch (format) {
    case "png":
      return image.png();
    case "jpeg":
      return image.jpeg({ quality: 85 });
    case "gif":
      return image.gif();
    case "webp":
      return image.webp({ quality: 85 });
  }
}

async function render(image: Sharp, format: MediaFormat): Promise<EncodedImage> {
  try {
    const { data, info } = await encode(image, format).toBuffer({ resolveWithObject: true });
    // An animated image reports the height of all its frames stacked; one frame's is what is shown.
    return { bytes: new Uint8Array(data), width: info.width, height: info.pageHeight ?? info.height };
  } catch {
    // The header read fine but the pixels do not decode: a truncated or forged file.
    throw new MediaRefusedError("media.unsupported");
  }
}

/** The image re-encoded in its own format, upright, without metadata or anything outside the pixels. */
export async function reencodeImage(bytes: Uint8Array, format: MediaFormat): Promise<EncodedImage> {
  const sharp = await loadSharp();
  return render(sharp(bytes, { animated: ANIMATED[format] }).rotate(), format);
}

/** The widths an image of `width` px gets a variant at: only those narrower than itself. */
export function variantWidths(width: number): MediaVariantWidth[] {
  return MEDIA_VARIANT_WIDTHS.filter((variant) => variant < width);
}

/** The (already re-encoded) image scaled down to `width` px wide, in its own format. */
export async function imageVariant(bytes: Uint8Array, format: MediaFormat, width: MediaVariantWidth): Promise<EncodedImage> {
  const sharp = await loadSharp();
  return render(sharp(bytes, { animated: ANIMATED[format] }).resize({ width, withoutEnlargement: true }), format);
}

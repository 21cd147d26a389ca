// What an uploaded file really is, decided by its bytes alone: the file name and the browser's content type are
// the sender's word and are ignored. SVG (which can carry script) and everything else is refused.
import { imageSize } from "image-size";
import { MediaRefusedError } from "./errors";
import { MEDIA_LIMIT_PARAMS, MEDIA_MAX_BYTES, MEDIA_MAX_DIMENSION, MEDIA_MIN_DIMENSION, type MediaFormat } from "./limits";

export type InspectedImage = { format: MediaFormat; width: number; height: number };

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** The format named by the file's magic number, or null. */
export function sniffFormat(bytes: Uint8Array): MediaFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  const head = ascii(bytes, 0, 6);
  if (head === "GIF87a" || head === "GIF89a") return "gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  return null;
}

// image-size's names for our formats: a header it reads as another type is not the image its magic number claims.
const SIZE_TYPE: Record<MediaFormat, string> = { png: "png", jpeg: "jpg", gif: "gif", webp: "webp" };

/** The image's format and size; MediaRefusedError naming the limit it breaks. */
export function inspectImage(bytes: Uint8Array): InspectedImage {
  if (bytes.byteLength > MEDIA_MAX_BYTES) throw new MediaRefusedError("media.tooLarge", MEDIA_LIMIT_PARAMS);
  const format = sniffFormat(bytes);
  if (!format) throw new MediaRefusedError("media.unsupported");
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    // A known magic number followed by a header that cannot be read: a truncated or forged file.
    throw new MediaRefusedError("media.unsupported");
  }
  const { width, height } = size;
  if (size.type !== SIZE_TYPE[format] || !width || !height) throw new MediaRefusedError("media.unsupported");
  const params = { ...MEDIA_LIMIT_PARAMS, width, height };
  if (width < MEDIA_MIN_DIMENSION || height < MEDIA_MIN_DIMENSION) throw new MediaRefusedError("media.tooSmall", params);
  if (width > MEDIA_MAX_DIMENSION || height > MEDIA_MAX_DIMENSION) throw new MediaRefusedError("media.dimensions", params);
  return { format, width, height };
}

// What an uploaded image may be. Shared by the server, which enforces it, and the dashboard, which states it.

/** WeChat's guidance keeps Mini Program pictures small: a phone on a slow network downloads every byte. */
export const MEDIA_MAX_BYTES = 5 * 1024 * 1024;
export const MEDIA_MIN_DIMENSION = 16;
export const MEDIA_MAX_DIMENSION = 4096;

export const MEDIA_FORMATS = {
  png: { extension: "png", contentType: "image/png" },
  jpeg: { extension: "jpg", contentType: "image/jpeg" },
  gif: { extension: "gif", contentType: "image/gif" },
  webp: { extension: "webp", contentType: "image/webp" },
} as const;

export type MediaFormat = keyof typeof MEDIA_FORMATS;

/** For a file picker's `accept`: only a hint to the browser; the server decides by the bytes. */
export const MEDIA_ACCEPT = Object.values(MEDIA_FORMATS)
  .map((format) => format.contentType)
  .join(",");

/** The limits as the dashboard's words take them ({maxMb}, {min}, {max}). */
export const MEDIA_LIMIT_PARAMS = {
  maxMb: MEDIA_MAX_BYTES / (1024 * 1024),
  min: MEDIA_MIN_DIMENSION,
  max: MEDIA_MAX_DIMENSION,
} as const;

export function formatOfExtension(extension: string): MediaFormat | null {
  const found = Object.entries(MEDIA_FORMATS).find(([, format]) => format.extension === extension);
  return found ? (found[0] as MediaFormat) : null;
}

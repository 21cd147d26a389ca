// How configs and the catalog name an uploaded image: `/media/<tenantId>/<sha256>.<ext>`, site-relative and the
// same whichever storage holds the bytes. @kaidian/catalog's imageRefSchema accepts exactly this shape. Its
// narrower variants (`<sha256>-<width>.<ext>`, catalog MEDIA_VARIANT_WIDTHS) are served beside it, never stored in refs.
import { MEDIA_VARIANT_WIDTHS, type MediaVariantWidth } from "@kaidian/catalog";
import { formatOfExtension, MEDIA_FORMATS, type MediaFormat } from "./limits";

const FILE_NAME = /^([0-9a-f]{64})(?:-(\d+))?\.(png|jpg|gif|webp)$/;

export function mediaRef(tenantId: string, sha256: string, format: MediaFormat): string {
  return `/media/${tenantId}/${sha256}.${MEDIA_FORMATS[format].extension}`;
}

/**
 * Where the bytes are kept in storage: one folder per store, named by content so a re-upload is the same file; a
 * variant beside its image.
 */
export function mediaStorageKey(tenantId: string, sha256: string, format: MediaFormat, width?: MediaVariantWidth): string {
  return `tenants/${tenantId}/${sha256}${width ? `-${width}` : ""}.${MEDIA_FORMATS[format].extension}`;
}

export type MediaFileName = { sha256: string; format: MediaFormat; width?: MediaVariantWidth };

/** The `<sha256>[-<width>].<ext>` last part of a media address, or null when it is not one. */
export function parseMediaFileName(fileName: string): MediaFileName | null {
  const match = FILE_NAME.exec(fileName);
  const format = match && formatOfExtension(match[3]!);
  if (!match || !format) return null;
  if (match[2] === undefined) return { sha256: match[1]!, format };
  const width = MEDIA_VARIANT_WIDTHS.find((variant) => String(variant) === match[2]);
  return width ? { sha256: match[1]!, format, width } : null;
}

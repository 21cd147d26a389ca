// How configs and the catalog name an uploaded image: `/media/<tenantId>/<sha256>.<ext>`, site-relative and the
// same whichever storage holds the bytes. @kaidian/catalog's imageRefSchema accepts exactly this shape.
import { formatOfExtension, MEDIA_FORMATS, type MediaFormat } from "./limits";

const FILE_NAME = /^([0-9a-f]{64})\.(png|jpg|gif|webp)$/;

export function mediaRef(tenantId: string, sha256: string, format: MediaFormat): string {
  return `/media/${tenantId}/${sha256}.${MEDIA_FORMATS[format].extension}`;
}

/** Where the bytes are kept in storage: one folder per store, named by content so a re-upload is the same file. */
export function mediaStorageKey(tenantId: string, sha256: string, format: MediaFormat): string {
  return `tenants/${tenantId}/${sha256}.${MEDIA_FORMATS[format].extension}`;
}

/** The `<sha256>.<ext>` last part of a media ref, or null when it is not one. */
export function parseMediaFileName(fileName: string): { sha256: string; format: MediaFormat } | null {
  const match = FILE_NAME.exec(fileName);
  const format = match && formatOfExtension(match[2]!);
  return match && format ? { sha256: match[1]!, format } : null;
}

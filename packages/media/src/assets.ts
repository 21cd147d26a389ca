// A store's uploaded images. Every function runs in the store's row-level-security scope (`inStore`), so a query
// can only ever see that store's rows; `tenantId` is passed as well because it names the storage folder and refs.
import { createHash } from "node:crypto";
import type { Transaction } from "@kaidian/db";
import { inspectImage } from "./inspect";
import { imageVariant, reencodeImage, variantWidths } from "./reencode";
import { MEDIA_FORMATS, type MediaFormat } from "./limits";
import { mediaRef, mediaStorageKey } from "./refs";
import type { MediaStorage } from "./storage/storage";

export type MediaAsset = {
  id: string;
  /** What configs and the catalog keep: `/media/<tenantId>/<sha256>.<ext>`. */
  ref: string;
  sha256: string;
  format: MediaFormat;
  contentType: string;
  bytes: number;
  width: number;
  height: number;
  originalName: string;
  storageKey: string;
  createdAt: Date;
};

const fields = {
  id: true, tenantId: true, sha256: true, format: true, bytes: true, width: true, height: true, storageKey: true,
  originalName: true, createdAt: true,
} as const;

type Row = { id: string; tenantId: string; sha256: string; format: string; bytes: number; width: number; height: number; storageKey: string; originalName: string; createdAt: Date };

function toAsset({ tenantId, ...row }: Row): MediaAsset {
  // Rows are only written by uploadMedia with a sniffed format; another value is a data error, said loudly.
  if (!(row.format in MEDIA_FORMATS)) throw new Error(`media asset ${row.id} has an unknown format "${row.format}"`);
  const format = row.format as MediaFormat;
  return { ...row, format, contentType: MEDIA_FORMATS[format].contentType, ref: mediaRef(tenantId, row.sha256, format) };
}

/** The name the merchant's file had, as plain text for lists: no folders, no control characters, not endless. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200) || "image";
}

export type UploadInput = { tenantId: string; userId: string | null; bytes: Uint8Array; originalName: string };

/**
 * Checks the image (MediaRefusedError when refused), re-encodes it without metadata (reencode.ts), stores it and
 * its narrower variants, then records it. The asset is named by the hash of the stored bytes; the same image
 * uploaded twice to a store is one asset. Bytes go to storage before the row, so a row never names missing bytes;
 * a failed insert leaves at worst unlisted files that the next upload of that image reuses.
 */
export async function uploadMedia(tx: Transaction, storage: MediaStorage, input: UploadInput): Promise<MediaAsset> {
  const { format } = inspectImage(input.bytes);
  const image = await reencodeImage(input.bytes, format);
  const sha256 = createHash("sha256").update(image.bytes).digest("hex");
  const existing = await tx.mediaAsset.findUnique({ where: { tenantId_sha256: { tenantId: input.tenantId, sha256 } }, select: fields });
  if (existing) return toAsset(existing);
  const { contentType } = MEDIA_FORMATS[format];
  for (const width of variantWidths(image.width)) {
    const variant = await imageVariant(image.bytes, format, width);
    await storage.put(mediaStorageKey(input.tenantId, sha256, format, width), variant.bytes, contentType);
  }
  const storageKey = mediaStorageKey(input.tenantId, sha256, format);
  await storage.put(storageKey, image.bytes, contentType);
  // Two uploads of one image at once: the second insert does nothing and both read the one row.
  await tx.mediaAsset.createMany({
    data: [{
      tenantId: input.tenantId, sha256, format, bytes: image.bytes.byteLength, width: image.width,
      height: image.height, storageKey, originalName: cleanName(input.originalName), createdById: input.userId,
    }],
    skipDuplicates: true,
  });
  return toAsset(await tx.mediaAsset.findUniqueOrThrow({ where: { tenantId_sha256: { tenantId: input.tenantId, sha256 } }, select: fields }));
}

export const MEDIA_LIST_LIMIT = 200;

/** The store's images, newest first. */
export async function listMedia(tx: Transaction, tenantId: string): Promise<MediaAsset[]> {
  const rows = await tx.mediaAsset.findMany({
    where: { tenantId },
    select: fields,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: MEDIA_LIST_LIMIT,
  });
  return rows.map(toAsset);
}

/** The store's image with this content hash, or null. */
export async function findMedia(tx: Transaction, tenantId: string, sha256: string): Promise<MediaAsset | null> {
  const row = await tx.mediaAsset.findUnique({ where: { tenantId_sha256: { tenantId, sha256 } }, select: fields });
  return row && toAsset(row);
}

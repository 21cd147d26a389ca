import { listMedia, MediaRefusedError, mediaStorage, readUpload, uploadMedia, type MediaAsset } from "@kaidian/media/server";
import { inStore } from "@kaidian/tenancy";
import { database } from "@/server/db";
import { refuse, storeRoute } from "@/server/store-route";

// The store's image uploads: POST one image (multipart field `file`), GET the list, newest first. A store the
// user has no role in answers 404, exactly like one that does not exist; an upload from another site's page, 403.

const REFUSAL_STATUS: Record<MediaRefusedError["code"], number> = {
  "media.missingFile": 400,
  "media.tooLarge": 413,
  "media.unsupported": 415,
  "media.tooSmall": 422,
  "media.dimensions": 422,
};

const shown = (asset: MediaAsset) => ({
  ref: asset.ref, width: asset.width, height: asset.height, bytes: asset.bytes, format: asset.format,
  originalName: asset.originalName, createdAt: asset.createdAt.toISOString(),
});

export const POST = storeRoute("design", async (store, request) => {
  try {
    const file = await readUpload(request);
    const asset = await inStore(database(), store, (tx) =>
      uploadMedia(tx, mediaStorage(), { tenantId: store.store.id, userId: store.userId, ...file }),
    );
    const { ref, width, height, bytes, format } = shown(asset);
    return Response.json({ ref, width, height, bytes, format }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof MediaRefusedError) return refuse(REFUSAL_STATUS[error.code], error.code, error.params);
    throw error;
  }
});

export const GET = storeRoute("view", async (store) => {
  const assets = await inStore(database(), store, (tx) => listMedia(tx, store.store.id));
  return Response.json({ images: assets.map(shown) }, { headers: { "Cache-Control": "no-store" } });
});

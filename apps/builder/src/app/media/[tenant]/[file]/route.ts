import { findMedia, type MediaFileName, mediaStorage, mediaStorageKey, parseMediaFileName } from "@kaidian/media/server";
import { z } from "zod";
import { database } from "@/server/db";
import { jsonError } from "@/server/read-api";

// An uploaded image, as phones, previews and the dashboard load it: /media/<tenant>/<sha256>.<ext>, or one of its
// narrower variants, /media/<tenant>/<sha256>-<width>.<ext> (the image itself when it is no wider). Public, like
// the read API; the asset is looked up in the scope of the store the path names, so a file of another store is
// not found there. The name is the content hash, so the answer never changes: cached for a year, ETag = name.

const tenantIdSchema = z.uuid();

const notFound = () => jsonError(404, "media.notFound", "There is no such image.");

type Context = { params: Promise<{ tenant: string; file: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  const { tenant, file } = await params;
  const name = parseMediaFileName(file);
  if (!tenantIdSchema.safeParse(tenant).success || !name) return notFound();
  try {
    return await serve(request, tenant, name);
  } catch (error) {
    console.error(`media /media/${tenant}/${file} could not be served:`, error);
    return jsonError(500, "internal", "The image could not be read. Try again later.");
  }
}

async function serve(request: Request, tenant: string, name: MediaFileName): Promise<Response> {
  const asset = await database().scoped({ tenantId: tenant }, (tx) => findMedia(tx, tenant, name.sha256));
  if (!asset || asset.format !== name.format) return notFound();
  const variant = name.width !== undefined && name.width < asset.width ? name.width : undefined;
  const key = variant ? mediaStorageKey(tenant, asset.sha256, asset.format, variant) : asset.storageKey;

  const etag = `"${asset.sha256}${variant ? `-${variant}` : ""}"`;
  const headers = {
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Access-Control-Allow-Origin": "*",
  };
  const asked = request.headers.get("If-None-Match")?.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (asked?.some((tag) => tag === etag || tag === "*")) return new Response(null, { status: 304, headers });

  const stored = await mediaStorage().get(key);
  if (!stored) {
    console.error(`media ${key} has a record but no bytes in storage`);
    return notFound();
  }
  return new Response(stored.body, {
    headers: { ...headers, "Content-Type": asset.contentType, "Content-Length": String(stored.size) },
  });
}

import { buildNumberSchema, previewQr } from "@kaidian/publishing";
import { mediaStorage } from "@kaidian/media/server";
import { inStore } from "@kaidian/tenancy";
import { database } from "@/server/db";
import { storeRoute } from "@/server/store-route";

// WeChat's QR code of a finished preview build. It opens a development version, so only the store's publishers see it.
export const GET = storeRoute<{ store: string; number: string }>("publish", async (access, _request, { number }) => {
  const wanted = buildNumberSchema.safeParse(number);
  if (!wanted.success) return new Response(null, { status: 404 });
  const image = await inStore(database(), access, (tx) => previewQr(tx, mediaStorage(), wanted.data));
  if (!image) return new Response(null, { status: 404 });
  return new Response(image.body, {
    headers: { "Content-Type": image.contentType, "Cache-Control": "private, max-age=300", "X-Content-Type-Options": "nosniff" },
  });
});

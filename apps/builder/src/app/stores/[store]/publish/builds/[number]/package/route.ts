import { buildNumberSchema, buildPackage } from "@kaidian/publishing";
import { mediaStorage } from "@kaidian/media/server";
import { inStore } from "@kaidian/tenancy";
import { database } from "@/server/db";
import { storeRoute } from "@/server/store-route";

// A build's stored package, for a manual upload through WeChat DevTools.
export const GET = storeRoute<{ store: string; number: string }>("publish", async (access, _request, { number }) => {
  const wanted = buildNumberSchema.safeParse(number);
  if (!wanted.success) return new Response(null, { status: 404 });
  const stored = await inStore(database(), access, (tx) => buildPackage(tx, mediaStorage(), wanted.data));
  if (!stored) return new Response(null, { status: 404 });
  return new Response(stored.body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Length": String(stored.size),
      "Content-Disposition": `attachment; filename="${stored.fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

import { buildList } from "@/server/publishing";
import { storeRoute } from "@/server/store-route";

// The store's builds, newest first: the publish page follows them live while any is queued or running.
export const GET = storeRoute("publish", async (access) =>
  Response.json({ builds: await buildList(access) }, { headers: { "Cache-Control": "no-store" } }),
);

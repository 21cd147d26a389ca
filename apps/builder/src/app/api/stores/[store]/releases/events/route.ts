// The release card's live feed as server-sent events (server/event-stream.ts): `change` for each change of a
// platform release's status of this store (committed, audited, WeChat's verdict pushed, released); the card re-reads.
import { eventStream } from "@/server/event-stream";
import { releaseFeed } from "@/server/live-feeds";
import { storeRoute } from "@/server/store-route";

export const dynamic = "force-dynamic";

export const GET = storeRoute("publish", async (access, request) => eventStream(releaseFeed(), access.store.id, request, 3000));

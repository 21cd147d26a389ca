// The queue page's live feed as server-sent events (server/event-stream.ts): `change` for each number of this store
// taken or changing status; staff's page re-reads the board on each.
import { eventStream } from "@/server/event-stream";
import { queueFeed } from "@/server/live-feeds";
import { storeRoute } from "@/server/store-route";

export const dynamic = "force-dynamic";

export const GET = storeRoute("orders", async (access, request) => eventStream(queueFeed(), access.store.id, request, 3000));

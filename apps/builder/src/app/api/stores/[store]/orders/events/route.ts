// The order inbox's live feed as server-sent events (server/event-stream.ts): `change` for each order of this store
// that is placed or changes status, with `newlyPaid` for the inbox's sound.
import { eventStream } from "@/server/event-stream";
import { orderFeed } from "@/server/live-feeds";
import { storeRoute } from "@/server/store-route";

export const dynamic = "force-dynamic";

export const GET = storeRoute("orders", async (access, request) => eventStream(orderFeed(), access.store.id, request, 3000));

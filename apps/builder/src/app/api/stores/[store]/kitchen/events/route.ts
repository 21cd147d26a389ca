// The kitchen display's live feed as server-sent events (server/event-stream.ts): `change` when a round of this store
// reaches the kitchen or a dish or round is marked done; the display then reads its rounds again.
import { eventStream } from "@/server/event-stream";
import { kitchenFeed } from "@/server/live-feeds";
import { storeRoute } from "@/server/store-route";

export const dynamic = "force-dynamic";

// A short retry: a kitchen wants its screen back within a couple of seconds of the network returning.
const RETRY_MS = 1500;

export const GET = storeRoute("orders", async (access, request) => eventStream(kitchenFeed(), access.store.id, request, RETRY_MS));

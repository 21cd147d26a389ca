// The kitchen display's live feed as server-sent events: `change` when a round of this store reaches the kitchen or a
// dish or round is marked done, `resync` when changes may have been missed (the database connection came back),
// and a comment every 25 s so proxies keep the connection open. The browser's EventSource reconnects by itself; the
// display then reads its rounds again. The same shape as the order inbox's feed (orders/events).
import { kitchenFeed } from "@/server/kitchen";
import { storeRoute } from "@/server/store-route";

export const dynamic = "force-dynamic";

const KEEP_ALIVE_MS = 25_000;

export const GET = storeRoute("orders", async (access, request) => {
  const encoder = new TextEncoder();
  let close = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const unsubscribe = await kitchenFeed().subscribe(access.store.id, {
        onChange: (change) => send(`event: change\ndata: ${JSON.stringify(change)}\n\n`),
        onResync: () => send("event: resync\ndata: {}\n\n"),
      });
      const timer = setInterval(() => send(": keep-alive\n\n"), KEEP_ALIVE_MS);
      let closed = false;
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      request.signal.addEventListener("abort", () => close());
      if (request.signal.aborted) close();
      // A short retry: a kitchen wants its screen back within a couple of seconds of the network returning.
      send(`retry: 1500\nevent: ready\ndata: ${JSON.stringify({ connected: kitchenFeed().connected })}\n\n`);
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "Content-Encoding": "none",
      "X-Accel-Buffering": "no",
    },
  });
});

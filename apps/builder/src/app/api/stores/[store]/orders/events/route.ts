// The order inbox's live feed as server-sent events: `change` for each order of this store that is placed or changes
// status (with `newlyPaid` for the inbox's sound), `resync` when changes may have been missed (the database
// connection came back), and a comment every 25 s so proxies keep the connection open. The browser's EventSource
// reconnects by itself; the inbox then looks again.
import { orderFeed } from "@/server/order-feed";
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
      const unsubscribe = await orderFeed().subscribe(access.store.id, {
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
      // The browser may have gone while the feed was starting.
      if (request.signal.aborted) close();
      send(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ connected: orderFeed().connected })}\n\n`);
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
      // Neither a compressing proxy (or Next's own compression) nor nginx may hold events back.
      "Content-Encoding": "none",
      "X-Accel-Buffering": "no",
    },
  });
});

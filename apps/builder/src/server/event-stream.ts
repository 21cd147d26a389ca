import "server-only";
// A store's live feed as server-sent events, for the dashboard's live pages (the order inbox, the kitchen display,
// the queue): each announcement as `change`, `resync` when some may have been missed (the database connection came
// back), `ready` once listening, and a comment every 25 s so proxies keep the connection open. The browser's
// EventSource reconnects by itself, after the page's own `retry`; the page then reads again.
import type { StoreFeed } from "@kaidian/db/store-feed";

const KEEP_ALIVE_MS = 25_000;

type Feed<Change> = Pick<StoreFeed<Change>, "connected" | "subscribe">;

/** `retryMs`: how soon the browser reconnects after losing the stream. */
export function eventStream<Change>(feed: Feed<Change>, tenantId: string, request: Request, retryMs: number): Response {
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
      const unsubscribe = await feed.subscribe(tenantId, {
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
      send(`retry: ${retryMs}\nevent: ready\ndata: ${JSON.stringify({ connected: feed.connected })}\n\n`);
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
}

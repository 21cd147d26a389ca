"use client";
// Keeps the queue page live: listens to the store's queue events (server-sent, from PostgreSQL's LISTEN/NOTIFY) and
// re-reads the board in place when a number is taken, called, seated, skipped or given up, without a reload.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/** A burst of changes (a lunchtime rush) redraws the board once. */
const REFRESH_DELAY_MS = 300;

export function QueueLive({ store, words }: { store: string; words: { connected: string; reconnecting: string } }) {
  const router = useRouter();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, REFRESH_DELAY_MS);
    };
    const source = new EventSource(`/api/stores/${encodeURIComponent(store)}/queue/events`);
    let opened = false;
    source.addEventListener("ready", () => {
      setConnected(true);
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener("resync", refresh);
    source.addEventListener("change", refresh);
    source.onerror = () => setConnected(false);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [store, router]);

  return (
    <p data-testid="queue-live" data-state={connected ? "connected" : "reconnecting"} className="mb-4 inline-flex items-center gap-1.5 text-sm text-slate-600">
      <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-brand-500" : "bg-amber-500"}`} />
      {connected ? words.connected : words.reconnecting}
    </p>
  );
}

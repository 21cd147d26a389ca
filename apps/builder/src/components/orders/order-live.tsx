"use client";
// Keeps the inbox live: listens to the store's order events (server-sent, from PostgreSQL's LISTEN/NOTIFY) and
// re-renders the page's list in place when an order is placed or changes, without a reload. With the sound on, a
// newly paid order rings (Web Audio: a short tone, no audio file to load) and is announced on screen.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { format } from "@/i18n";

type Words = { connected: string; reconnecting: string; sound: string; newPaid: string };

const SOUND_KEY = "kaidian.orders.sound";
/** Several changes in a burst (a flash sale) redraw the list once. */
const REFRESH_DELAY_MS = 300;

function ring(context: AudioContext) {
  const now = context.currentTime;
  for (const [offset, frequency] of [[0, 880], [0.18, 1320]] as const) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.25, now + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, now + offset + 0.35);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(now + offset);
    oscillator.stop(now + offset + 0.35);
  }
}

export function OrderLive({ store, words }: { store: string; words: Words }) {
  const router = useRouter();
  const [connected, setConnected] = useState(false);
  const [sound, setSound] = useState(false);
  const [announced, setAnnounced] = useState<string[]>([]);
  const [rings, setRings] = useState(0);
  const audio = useRef<AudioContext | null>(null);
  const soundOn = useRef(false);

  useEffect(() => {
    const saved = window.localStorage.getItem(SOUND_KEY) === "on";
    setSound(saved);
    soundOn.current = saved;
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        router.refresh();
      }, REFRESH_DELAY_MS);
    };
    const source = new EventSource(`/api/stores/${encodeURIComponent(store)}/orders/events`);
    let opened = false;
    source.addEventListener("ready", () => {
      setConnected(true);
      // After a reconnection, whatever changed meanwhile is read again.
      if (opened) refresh();
      opened = true;
    });
    source.addEventListener("resync", refresh);
    source.addEventListener("change", (event) => {
      refresh();
      const change = JSON.parse((event as MessageEvent<string>).data) as { number: string; newlyPaid: boolean };
      if (!change.newlyPaid) return;
      setAnnounced((numbers) => [change.number, ...numbers].slice(0, 3));
      if (soundOn.current && audio.current) {
        ring(audio.current);
        setRings((count) => count + 1);
      }
    });
    source.onerror = () => setConnected(false);
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [store, router]);

  function toggleSound(on: boolean) {
    setSound(on);
    soundOn.current = on;
    window.localStorage.setItem(SOUND_KEY, on ? "on" : "off");
    // Browsers let a page play sound only after the user acted on it: this click is that act.
    if (on) {
      audio.current ??= new AudioContext();
      void audio.current.resume();
      ring(audio.current);
    }
  }

  return (
    <div className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <span data-testid="orders-live" data-state={connected ? "connected" : "reconnecting"} data-rings={rings} className="inline-flex items-center gap-1.5 text-slate-600">
        <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-brand-500" : "bg-amber-500"}`} />
        {connected ? words.connected : words.reconnecting}
      </span>
      <label className="inline-flex items-center gap-2 text-slate-700">
        <input type="checkbox" checked={sound} onChange={(event) => toggleSound(event.target.checked)} className="size-4 accent-brand-600" />
        {words.sound}
      </label>
      <div role="status" aria-live="polite" className="flex flex-wrap gap-2">
        {announced.map((number) => (
          <span key={number} className="rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-700">{format(words.newPaid, { number })}</span>
        ))}
      </div>
    </div>
  );
}

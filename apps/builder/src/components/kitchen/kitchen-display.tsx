"use client";
// The kitchen display: a tablet's full screen of the rounds tables sent, newest first, live. It listens to the store's
// kitchen events (server-sent, from PostgreSQL's LISTEN/NOTIFY) and reads its rounds again on each change. When the
// stream drops (a flaky kitchen network) it says so at once, EventSource reconnects by itself, and on reconnection the
// screen reads everything again, so nothing sent meanwhile is missed.
import type { KitchenRound } from "@kaidian/orders/server";
import { useCallback, useEffect, useState } from "react";
import { format } from "@/i18n";

export type KitchenWords = {
  title: string;
  live: string;
  offline: string;
  empty: string;
  round: string;
  table: string;
  sentAt: string;
  roundDone: string;
  done: string;
  note: string;
  fullScreen: string;
  back: string;
};

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit" }) : "");

export function KitchenDisplay({ store, initial, words, backHref }: { store: string; initial: KitchenRound[]; words: KitchenWords; backHref: string }) {
  const [rounds, setRounds] = useState(initial);
  const [online, setOnline] = useState(false);
  const base = `/api/stores/${encodeURIComponent(store)}/kitchen`;

  const reload = useCallback(async () => {
    const answer = await fetch(base, { cache: "no-store" }).catch(() => null);
    if (answer?.ok) setRounds(((await answer.json()) as { rounds: KitchenRound[] }).rounds);
  }, [base]);

  useEffect(() => {
    let source: EventSource | null = null;
    const connect = () => {
      source?.close();
      source = new EventSource(`${base}/events`);
      source.addEventListener("ready", () => {
        setOnline(true);
        // Whatever was sent while the stream was down is read now.
        void reload();
      });
      source.addEventListener("change", () => void reload());
      source.addEventListener("resync", () => void reload());
      // EventSource retries by itself; until it is back the screen says it is offline.
      source.onerror = () => setOnline(false);
    };
    // The tablet lost its network: a stream may look open while nothing can arrive, so start again once it is back.
    const offline = () => {
      setOnline(false);
      source?.close();
    };
    window.addEventListener("offline", offline);
    window.addEventListener("online", connect);
    connect();
    return () => {
      window.removeEventListener("offline", offline);
      window.removeEventListener("online", connect);
      source?.close();
    };
  }, [base, reload]);

  async function markDone(round: string, position?: number) {
    await fetch(`${base}/rounds/${round}/done`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(position === undefined ? {} : { position }),
    }).catch(() => null);
    await reload();
  }

  return (
    <div className="fixed inset-0 z-50 flex flex-col overflow-hidden bg-slate-950 text-slate-50" data-testid="kitchen">
      <header className="flex items-center gap-4 border-b border-slate-800 px-6 py-3">
        <h1 className="text-2xl font-semibold">{words.title}</h1>
        <span data-testid="kitchen-live" data-state={online ? "online" : "offline"} className="inline-flex items-center gap-2 text-sm text-slate-300">
          <span aria-hidden className={`size-2.5 rounded-full ${online ? "bg-emerald-400" : "bg-amber-400"}`} />
          {online ? words.live : ""}
        </span>
        <div className="ml-auto flex gap-2">
          <button type="button" className="rounded-md border border-slate-700 px-3 py-1.5 text-sm hover:bg-slate-800" onClick={() => void document.documentElement.requestFullscreen?.()}>
            {words.fullScreen}
          </button>
          <a href={backHref} className="rounded-md border border-slate-700 px-3 py-1.5 text-sm hover:bg-slate-800">{words.back}</a>
        </div>
      </header>
      {!online && (
        <div role="alert" data-testid="kitchen-offline" className="bg-amber-500 px-6 py-2 text-base font-semibold text-slate-950">
          {words.offline}
        </div>
      )}
      <main className="flex-1 overflow-y-auto p-4">
        {rounds.length === 0 ? (
          <p className="mt-24 text-center text-xl text-slate-400">{words.empty}</p>
        ) : (
          <ol className="grid grid-cols-[repeat(auto-fill,minmax(18rem,1fr))] gap-4" data-testid="kitchen-rounds">
            {rounds.map((round) => {
              const finished = round.stage === "done";
              return (
                <li key={round.id} data-testid="kitchen-round" data-round={round.id} data-stage={round.stage}
                  className={`flex flex-col rounded-xl border p-4 ${finished ? "border-slate-800 bg-slate-900/40 text-slate-500" : "border-slate-700 bg-slate-900"}`}>
                  <div className="flex items-baseline gap-3">
                    <span className="text-3xl font-bold" data-testid="kitchen-table">{format(words.table, { table: round.tableName })}</span>
                    <span className="text-lg">{format(words.round, { number: round.number })}</span>
                    <span className="ml-auto text-sm text-slate-400">{format(words.sentAt, { time: time(round.sentAt) })}</span>
                  </div>
                  {round.note && <p className="mt-2 rounded bg-amber-400/15 px-2 py-1 text-sm text-amber-200">{format(words.note, { note: round.note })}</p>}
                  <ul className="mt-3 flex-1 space-y-2">
                    {round.lines.map((line) => (
                      <li key={line.position}>
                        <button type="button" disabled={line.done} onClick={() => void markDone(round.id, line.position)} data-testid="kitchen-dish" data-done={line.done}
                          className={`flex w-full items-center gap-3 rounded-lg px-3 py-2 text-left text-lg ${line.done ? "bg-transparent text-slate-500 line-through" : "bg-slate-800 hover:bg-slate-700"}`}>
                          <span className="font-semibold">{line.title}</span>
                          <span className="text-sm text-slate-400">{line.dishOptions.flatMap((group) => group.options).join(" · ")}</span>
                          <span className="ml-auto text-xl font-bold">×{line.quantity}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                  {!finished && (
                    <button type="button" onClick={() => void markDone(round.id)} data-testid="kitchen-round-done"
                      className="mt-4 rounded-lg bg-emerald-500 px-4 py-3 text-lg font-semibold text-slate-950 hover:bg-emerald-400">
                      {words.roundDone}
                    </button>
                  )}
                  {finished && <p className="mt-4 text-center text-sm">{words.done}</p>}
                </li>
              );
            })}
          </ol>
        )}
      </main>
    </div>
  );
}

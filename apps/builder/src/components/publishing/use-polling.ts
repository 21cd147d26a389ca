"use client";
// Follows a JSON resource while `active` says it may still change (a build running, a batch in progress), every
// `intervalMs`; stops by itself once it settles or the page goes away. `initial` is the server's value: a new one
// (a new object, after the server drew the page again) replaces what was fetched, so pass a stable object.
import { useEffect, useState } from "react";

export function usePolling<T>(url: string, initial: T, active: (value: T) => boolean, intervalMs = 1_000): T {
  const [value, setValue] = useState(initial);
  const [prevInitial, setPrevInitial] = useState(initial);
  if (initial !== prevInitial) {
    // A new server render (after an action) replaces what was fetched.
    setPrevInitial(initial);
    setValue(initial);
  }
  const polling = active(value);
  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(url, { cache: "no-store" });
        if (response.ok && !stopped) setValue((await response.json()) as T);
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, intervalMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [url, polling, intervalMs]);
  return value;
}

"use client";
// The draft an editor page has open, shared by every form on it: saves run one at a time, each from the revision
// the previous one produced, so two forms of one merchant never conflict with each other, while a save from
// another person's stale copy still does.
import { createContext, useContext, useRef, type ReactNode } from "react";
import { saveDraftPartAction, type DraftSaveResult } from "@/server/actions/design";
import type { DraftPart } from "./draft-parts";

type DraftSessionValue = {
  store: string;
  number: number;
  /** The revision after the last save that landed. */
  revision(): number;
  save(part: DraftPart, values: Record<string, string>): Promise<DraftSaveResult>;
};

const DraftContext = createContext<DraftSessionValue | null>(null);

export function DraftSession(props: { store: string; number: number; revision: number; children: ReactNode }) {
  const revision = useRef(props.revision);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const value: DraftSessionValue = {
    store: props.store,
    number: props.number,
    revision: () => revision.current,
    save(part, values) {
      const run = queue.current.then(async () => {
        const result = await saveDraftPartAction({ store: props.store, number: props.number, revision: revision.current, part, values });
        if (result.ok) revision.current = result.revision;
        return result;
      });
      queue.current = run.catch(() => undefined);
      return run;
    },
  };
  return <DraftContext.Provider value={value}>{props.children}</DraftContext.Provider>;
}

export function useDraftSession(): DraftSessionValue {
  const session = useContext(DraftContext);
  if (!session) throw new Error("useDraftSession must be used inside <DraftSession>");
  return session;
}

"use client";
// The editor's one state: the whole draft config, its undo history, what is selected, and the autosave. A valid
// config is saved ~400 ms after the last change, through one SaveQueue; an invalid one stays on screen, marked,
// and is not sent. After a conflict edits stay on screen but nothing more is saved until the merchant reloads.
import { configIssues, partKey, type ConfigIssue, type EditorPart, type PageId, type StoreConfig, type TemplateDefinition } from "@kaidian/templates";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { saveDraftAction } from "@/server/actions/design";
import { record, redo as redoStep, startHistory, undo as undoStep, type History } from "./history";
import { SaveQueue, type SaveState } from "./save-queue";

const SAVE_DELAY_MS = 400;

export type Selection = { page: PageId; part: EditorPart };

export type EditorStatus =
  | { kind: "saved" | "pending" | "saving" }
  | { kind: "invalid"; count: number }
  | { kind: "failed"; message: string }
  | { kind: "conflict"; message: string };

export function useEditor(props: { store: string; number: number; revision: number; config: StoreConfig; template: TemplateDefinition }) {
  const { template } = props;
  const [history, setHistory] = useState<History<StoreConfig>>(() => startHistory(props.config));
  const [selection, setSelection] = useState<Selection>({ page: template.pages[0]!.id, part: { kind: "store" } });
  const [saveState, setSaveState] = useState<SaveState | { kind: "pending" }>({ kind: "saved" });
  // What the draft holds (last save that landed) and what it will hold once the queue is done (last sent).
  const saved = useRef(props.config);
  const sent = useRef(props.config);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const queue = useRef<SaveQueue<StoreConfig>>(null);
  queue.current ??= new SaveQueue<StoreConfig>(
    async (config, revision) => {
      const result = await saveDraftAction({ store: props.store, number: props.number, revision, config }).catch((error: unknown) => {
        sent.current = saved.current;
        throw error;
      });
      if (result.ok) saved.current = config;
      else sent.current = saved.current;
      return result;
    },
    props.revision,
    setSaveState,
  );

  const config = history.present;
  const issues = useMemo(() => configIssues(config, template), [config, template]);

  useEffect(() => {
    clearTimeout(timer.current);
    if (issues.length > 0) return;
    if (config === sent.current) {
      // Back to what the draft holds or is being given (an undo before the save was sent): nothing to send.
      setSaveState((state) => (state.kind === "pending" ? { kind: "saved" } : state));
      return;
    }
    setSaveState((state) => (state.kind === "conflict" ? state : { kind: "pending" }));
    timer.current = setTimeout(() => {
      sent.current = config;
      queue.current!.request(config);
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [config, issues]);

  const change = useCallback((next: StoreConfig, typingKey?: string) => setHistory((current) => record(current, next, typingKey)), []);
  const undo = useCallback(() => setHistory(undoStep), []);
  const redo = useCallback(() => setHistory(redoStep), []);

  /** Sends what is on screen now (if it must be) and resolves with the revision to publish, or null if it cannot. */
  const flush = useCallback(async (): Promise<number | null> => {
    clearTimeout(timer.current);
    const saver = queue.current!;
    if (config !== sent.current) {
      sent.current = config;
      saver.request(config);
    }
    await saver.settled();
    return config === saved.current ? saver.currentRevision() : null;
  }, [config]);

  // Leaving the page: a change not yet saved is sent the moment the page is hidden (a reload, a closed tab, a
  // switched app on a phone), and the browser asks before unloading while a save is still due or in flight.
  const unsaved = config !== saved.current;
  useEffect(() => {
    if (!unsaved) return;
    const sendNow = () => {
      if (issues.length > 0 || config === sent.current) return;
      clearTimeout(timer.current);
      sent.current = config;
      queue.current!.request(config);
    };
    const onHidden = () => document.visibilityState === "hidden" && sendNow();
    const warn = (event: BeforeUnloadEvent) => {
      sendNow();
      event.preventDefault();
    };
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("beforeunload", warn);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("beforeunload", warn);
    };
  }, [unsaved, config, issues]);

  const status: EditorStatus =
    saveState.kind === "conflict" ? saveState : issues.length > 0 ? { kind: "invalid", count: issues.length } : saveState;

  const issuesOf = useCallback(
    (part: EditorPart): ConfigIssue[] => issues.filter((issue) => partKey(issue.part) === partKey(part)),
    [issues],
  );

  return {
    config,
    change,
    undo,
    redo,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    selection,
    select: setSelection,
    issues,
    issuesOf,
    status,
    flush,
  };
}

export type Editor = ReturnType<typeof useEditor>;

"use client";
// Publish the draft, or restore an earlier version into it. Each reports a refusal (a conflict, an invalid
// config) in words next to the button; success re-renders the page with the new history.
import { useState, useTransition } from "react";
import type { Dictionary } from "@/i18n";
import { publishDraftAction, restoreVersionAction, type DraftActionResult } from "@/server/actions/design";
import { useDraftSession } from "./draft-session";

function ActionButton(props: {
  label: string;
  busyLabel: string;
  run: () => Promise<DraftActionResult>;
  primary?: boolean;
  /** Reload the page on success: the draft's content was replaced, so every open form must start again from it. */
  reload?: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await props.run();
            if (result.ok && props.reload) window.location.reload();
            setMessage(result.ok ? undefined : result.message);
          })
        }
        className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${props.primary ? "bg-brand-600 text-white hover:bg-brand-700" : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
      >
        {pending ? props.busyLabel : props.label}
      </button>
      {message && <span role="alert" className="text-sm text-red-600">{message}</span>}
    </span>
  );
}

/** Publishes the draft at the revision this page's last save produced. */
export function PublishDraftButton(props: { words: Dictionary["design"] }) {
  const session = useDraftSession();
  return (
    <ActionButton
      primary
      label={props.words.publish}
      busyLabel={props.words.publishing}
      run={() => publishDraftAction({ store: session.store, number: session.number, revision: session.revision() })}
    />
  );
}

export function RestoreVersionButton(props: { store: string; number: number; words: Dictionary["design"] }) {
  return (
    <ActionButton
      reload
      label={props.words.restore}
      busyLabel={props.words.restoring}
      run={() => restoreVersionAction({ store: props.store, number: props.number })}
    />
  );
}

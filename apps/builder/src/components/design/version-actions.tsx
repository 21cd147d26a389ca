"use client";
// Restore an earlier version into the draft. A refusal is reported in words next to the button; success reloads
// the page, so the editor starts again from the restored draft.
import { useState, useTransition } from "react";
import type { Dictionary } from "@/i18n";
import { restoreVersionAction, type DraftActionResult } from "@/server/actions/design";

function ActionButton(props: {
  label: string;
  busyLabel: string;
  run: () => Promise<DraftActionResult>;
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
            // The draft's content was replaced: the editor must start again from it.
            if (result.ok) window.location.reload();
            setMessage(result.ok ? undefined : result.message);
          })
        }
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? props.busyLabel : props.label}
      </button>
      {message && <span role="alert" className="text-sm text-red-600">{message}</span>}
    </span>
  );
}

export function RestoreVersionButton(props: { store: string; number: number; words: Dictionary["design"] }) {
  return (
    <ActionButton
      label={props.words.restore}
      busyLabel={props.words.restoring}
      run={() => restoreVersionAction({ store: props.store, number: props.number })}
    />
  );
}

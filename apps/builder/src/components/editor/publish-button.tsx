"use client";
// Publishing from the editor: a config with problems is not sent, and the problems are listed where and why;
// otherwise what is on screen is saved first and that exact revision is published.
import type { ConfigIssue } from "@kaidian/templates";
import { useState, useTransition } from "react";
import { format } from "@/i18n";
import { publishDraftAction } from "@/server/actions/design";
import type { FormContext } from "./form-context";
import { issueMessage } from "./issue-message";
import { placeOf } from "./issue-place";
import type { Editor } from "./use-editor";

export function PublishButton({ editor, store, number, context }: { editor: Editor; store: string; number: number; context: FormContext }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  const [problems, setProblems] = useState<ConfigIssue[]>([]);
  const words = context.t.design;

  function publish() {
    if (editor.issues.length > 0) {
      setProblems(editor.issues);
      setMessage(undefined);
      return;
    }
    setProblems([]);
    startTransition(async () => {
      const revision = await editor.flush();
      if (revision === null) {
        setMessage(editor.status.kind === "conflict" ? editor.status.message : context.t.editor.failed);
        return;
      }
      const result = await publishDraftAction({ store, number, revision });
      setMessage(result.ok ? undefined : result.message);
    });
  }

  return (
    <span className="relative inline-flex flex-wrap items-center gap-2">
      <button type="button" disabled={pending} onClick={publish} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:opacity-60">
        {pending ? words.publishing : words.publish}
      </button>
      {message && <span role="alert" className="text-sm text-red-600">{message}</span>}
      {problems.length > 0 && (
        <div role="alert" className="absolute top-full right-0 z-20 mt-2 w-80 rounded-lg border border-red-200 bg-white p-3 text-sm shadow-lg">
          <p className="font-medium text-red-700">{format(context.t.editor.problems.title, { count: problems.length })}</p>
          <ul className="mt-2 list-disc space-y-1 pl-4 text-slate-700">
            {problems.map((problem, index) => (
              <li key={index}>
                <button type="button" className="text-left underline-offset-2 hover:underline" onClick={() => editor.select({ page: problem.part.kind === "page" || problem.part.kind === "section" ? problem.part.page : editor.selection.page, part: problem.part })}>
                  {placeOf(problem, editor.config, context)}：{issueMessage(problem, context.t, context.locale)}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="mt-2 text-xs text-slate-500 underline" onClick={() => setProblems([])}>{context.t.editor.cancel}</button>
        </div>
      )}
    </span>
  );
}

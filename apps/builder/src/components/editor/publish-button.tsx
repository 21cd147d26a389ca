"use client";
// Publishing from the editor: a config with problems is not sent, and the problems are listed where and why;
// otherwise what is on screen is saved first and that exact revision is published.
import { formFields, sections, storeInfoSchema, themeSchema, type ConfigIssue, type FieldDescriptor } from "@kaidian/templates";
import { useState, useTransition } from "react";
import { format } from "@/i18n";
import { publishDraftAction } from "@/server/actions/design";
import type { FormContext } from "./form-context";
import { issueMessage } from "./issue-message";
import type { Editor } from "./use-editor";

function fieldLabel(fields: FieldDescriptor[], path: string, context: FormContext): string | undefined {
  const [name, index, entryName] = path.split(".");
  const field = fields.find((candidate) => candidate.name === name);
  if (!field) return undefined;
  const own = field.label[context.locale];
  if (index === undefined || field.widget !== "list") return own;
  const entry = format(context.t.editor.list.entry, { n: Number(index) + 1 });
  const inner = field.entry?.find((candidate) => candidate.name === entryName)?.label[context.locale];
  return [own, entry, inner].filter(Boolean).join(" · ");
}

/** Where a problem is, in the merchant's words: "首页 ·「轮播图」· 轮播图片 · 第 1 项 · 图片". */
function placeOf(problem: ConfigIssue, editor: Editor, context: FormContext): string {
  const { part, field } = problem;
  const pageLabel = (id: string) => context.pages.find((page) => page.id === id)?.label ?? id;
  switch (part.kind) {
    case "store":
      return [context.t.design.storeInfo, fieldLabel(formFields(storeInfoSchema), field, context)].filter(Boolean).join(" · ");
    case "theme":
      return [context.t.design.theme, fieldLabel(formFields(themeSchema), field, context)].filter(Boolean).join(" · ");
    case "tabBar": {
      const index = field.split(".")[0];
      return [context.t.editor.tabBar, index ? format(context.t.editor.tab.text, { n: Number(index) + 1 }) : undefined].filter(Boolean).join(" · ");
    }
    case "page":
      return [pageLabel(part.page), field === "title" ? context.t.editor.pageTitle : undefined].filter(Boolean).join(" · ");
    case "section": {
      const section = editor.config.pages[part.page]?.sections.find((candidate) => candidate.id === part.sectionId);
      const name = section ? sections[section.type].label[context.locale] : part.sectionId;
      const label = section ? fieldLabel(formFields(sections[section.type].settings), field, context) : undefined;
      return [pageLabel(part.page), `「${name}」`, label].filter(Boolean).join(" · ");
    }
  }
}

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
                  {placeOf(problem, editor, context)}：{issueMessage(problem, context.t, context.locale)}
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

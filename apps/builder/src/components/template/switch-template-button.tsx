"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { TemplateId } from "@kaidian/templates";
import type { Dictionary } from "@/i18n";
import { switchTemplateAction } from "@/server/actions/template";

/** Confirms a reviewed template switch, then opens the editor on the switched draft. */
export function SwitchTemplateButton(props: { store: string; templateId: TemplateId; number: number; revision: number; words: Dictionary["templateSwitch"] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string>();
  return (
    <span className="inline-flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            const result = await switchTemplateAction({ store: props.store, templateId: props.templateId, number: props.number, revision: props.revision });
            if (result.ok) router.push(result.designPath);
            else setMessage(result.message);
          })
        }
      >
        {pending ? props.words.switching : props.words.confirm}
      </button>
      {message && <span role="alert" className="text-sm text-red-600">{message}</span>}
    </span>
  );
}

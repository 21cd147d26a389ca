"use client";
// One image (a logo, a banner): a thumbnail, upload / replace, choose from the store's uploads, remove. The ref is
// kept in a hidden input named `name`, so the field also works inside a plain form post.
import { useEffect, useState } from "react";
import type { Dictionary } from "@/i18n";
import { UploadControls } from "./upload-controls";
import { previewSrc } from "./upload";

export function ImageField({ store, name, label, value, onChange, words, invalid }: {
  store: string;
  name: string;
  label: string;
  value: string;
  onChange?: (ref: string) => void;
  words: Dictionary["media"];
  invalid?: string;
}) {
  const [current, setCurrent] = useState(value);
  useEffect(() => setCurrent(value), [value]);

  function change(ref: string) {
    setCurrent(ref);
    onChange?.(ref);
  }

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <input type="hidden" name={name} value={current} />
      <div className="flex items-start gap-3">
        <div className="flex h-20 w-20 shrink-0 items-center justify-center overflow-hidden rounded-lg border border-slate-200 bg-slate-50">
          {current ? (
            <img src={previewSrc(current)} alt={label} className="h-full w-full object-contain" data-testid="image-thumbnail" />
          ) : (
            <span className="px-1 text-center text-xs text-slate-400">{words.none}</span>
          )}
        </div>
        <div className="min-w-0 flex-1 space-y-2">
          <UploadControls
            store={store}
            label={label}
            uploadText={current ? words.replace : words.upload}
            words={words}
            chosen={current ? [current] : []}
            invalid={invalid}
            onAdd={change}
          />
          {current && (
            <button type="button" onClick={() => change("")} className="text-xs font-medium text-red-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600" aria-label={`${label}：${words.remove}`}>
              {words.remove}
            </button>
          )}
        </div>
      </div>
    </fieldset>
  );
}

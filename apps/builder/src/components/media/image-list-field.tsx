"use client";
// An ordered list of images (a product's pictures), up to `max`: thumbnails in order, each movable earlier or later
// and removable by buttons, new ones uploaded or chosen at the end. One hidden input named `name` per ref, in order.
import { useEffect, useState } from "react";
import { format, type Dictionary } from "@/i18n";
import { UploadControls } from "./upload-controls";
import { previewSrc } from "./upload";

const smallButton =
  "rounded px-1.5 py-0.5 text-xs text-slate-700 hover:bg-slate-200 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-brand-600";

export function ImageListField({ store, name, label, value, max, onChange, words, invalid }: {
  store: string;
  name: string;
  label: string;
  value: string[];
  max: number;
  onChange?: (refs: string[]) => void;
  words: Dictionary["media"];
  invalid?: string;
}) {
  const [refs, setRefs] = useState(value);
  // Follows the parent only when it hands over a different list, not a new array with the same refs.
  const given = value.join("\n");
  useEffect(() => setRefs(given ? given.split("\n") : []), [given]);

  function change(next: string[]) {
    setRefs(next);
    onChange?.(next);
  }

  function move(index: number, by: -1 | 1) {
    const next = [...refs];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    change(next);
  }

  const full = refs.length >= max;

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">
        {label} <span className="font-normal text-slate-500">{format(words.count, { count: refs.length, max })}</span>
      </legend>
      {refs.map((ref) => (
        <input key={ref} type="hidden" name={name} value={ref} />
      ))}
      {refs.length > 0 && (
        <ol className="flex flex-wrap gap-3">
          {refs.map((ref, index) => {
            const position = { index: index + 1 };
            return (
              <li key={ref} className="w-24 space-y-1">
                <div className="flex h-24 w-24 items-center justify-center overflow-hidden rounded-lg border border-slate-200 bg-slate-50">
                  <img src={previewSrc(ref)} alt={format(words.picture, { label, ...position })} className="h-full w-full object-cover" />
                </div>
                <div className="flex justify-between">
                  <button type="button" className={smallButton} disabled={index === 0} onClick={() => move(index, -1)} aria-label={format(words.moveUp, position)}>
                    ←
                  </button>
                  <button type="button" className={smallButton} disabled={index === refs.length - 1} onClick={() => move(index, 1)} aria-label={format(words.moveDown, position)}>
                    →
                  </button>
                  <button type="button" className={`${smallButton} text-red-700`} onClick={() => change(refs.filter((_, at) => at !== index))} aria-label={format(words.removeAt, position)}>
                    ✕
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {full && <p className="text-xs text-slate-500">{format(words.full, { max })}</p>}
      <UploadControls
        store={store}
        label={label}
        uploadText={words.upload}
        words={words}
        chosen={refs}
        disabled={full}
        invalid={invalid}
        onAdd={(ref) => change(refs.includes(ref) || refs.length >= max ? refs : [...refs, ref])}
      />
    </fieldset>
  );
}

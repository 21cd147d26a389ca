"use client";
// "Choose from uploaded": the store's images, newest first, each a button that picks it.
import { useEffect, useState } from "react";
import { format, type Dictionary } from "@/i18n";
import { type ListedImage, listUploaded, previewSrc } from "./upload";

export function MediaPicker({ store, words, chosen, onPick, onClose }: {
  store: string;
  words: Dictionary["media"];
  /** Refs the field already holds: shown, but not offered again. */
  chosen: readonly string[];
  onPick: (ref: string) => void;
  onClose: () => void;
}) {
  const [images, setImages] = useState<ListedImage[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    listUploaded(store).then(
      (found) => current && setImages(found),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [store]);

  return (
    <div
      role="group"
      aria-label={words.pickerTitle}
      className="mt-2 rounded-lg border border-slate-200 bg-slate-50 p-3"
      onKeyDown={(event) => event.key === "Escape" && onClose()}
    >
      <div className="mb-2 flex items-center justify-between">
        <p className="text-sm font-medium text-slate-800">{words.pickerTitle}</p>
        <button type="button" onClick={onClose} className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-brand-600">
          {words.close}
        </button>
      </div>
      {failed ? (
        <p role="alert" className="text-xs text-red-600">{words.pickerFailed}</p>
      ) : images === null ? (
        <p role="status" className="text-xs text-slate-500">{words.pickerLoading}</p>
      ) : images.length === 0 ? (
        <p className="text-xs text-slate-500">{words.pickerEmpty}</p>
      ) : (
        <ul className="grid max-h-64 grid-cols-4 gap-2 overflow-y-auto sm:grid-cols-6">
          {images.map((image) => (
            <li key={image.ref}>
              <button
                type="button"
                onClick={() => onPick(image.ref)}
                disabled={chosen.includes(image.ref)}
                aria-label={format(words.pick, { name: image.originalName, width: image.width, height: image.height })}
                className="block aspect-square w-full overflow-hidden rounded-md border border-slate-200 bg-white hover:border-brand-500 disabled:cursor-not-allowed disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                <img src={previewSrc(image.ref)} alt="" className="h-full w-full object-cover" loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

"use client";
// The controls both image fields share: a real file input (labelled, reachable by keyboard, styled as a button),
// "choose from uploaded", the upload's progress, and the server's refusal or the form's own message.
import { MEDIA_ACCEPT, MEDIA_LIMIT_PARAMS } from "@kaidian/media";
import { useId, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { format, type Dictionary } from "@/i18n";
import { MediaPicker } from "./media-picker";
import { useUpload } from "./upload";

export function UploadControls({ store, label, uploadText, words, chosen, disabled, invalid, onAdd }: {
  store: string;
  label: string;
  uploadText: string;
  words: Dictionary["media"];
  /** The refs the field holds, which the picker does not offer again. */
  chosen: readonly string[];
  disabled?: boolean;
  invalid?: string;
  onAdd: (ref: string) => void;
}) {
  const id = useId();
  const { upload, progress, error, clearError } = useUpload(store, words);
  const [picking, setPicking] = useState(false);
  const busy = progress !== null;
  const message = error ?? invalid;

  async function uploadChosen(input: HTMLInputElement) {
    const file = input.files?.[0];
    // Cleared at once so choosing the same file again (after a refusal, say) still fires a change.
    input.value = "";
    if (!file) return;
    const image = await upload(file);
    if (image) onAdd(image.ref);
  }

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={`${id}-file`}
          type="file"
          accept={MEDIA_ACCEPT}
          className="peer sr-only"
          aria-label={`${label}：${uploadText}`}
          aria-describedby={`${id}-limits${message ? ` ${id}-message` : ""}`}
          aria-invalid={message ? true : undefined}
          disabled={disabled || busy}
          onChange={(event) => void uploadChosen(event.currentTarget)}
        />
        <label
          htmlFor={`${id}-file`}
          aria-hidden="true"
          className={`${buttonClass("secondary")} cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600 peer-disabled:cursor-not-allowed peer-disabled:opacity-60`}
        >
          {uploadText}
        </label>
        <button type="button" className={buttonClass("secondary")} aria-expanded={picking} disabled={disabled} onClick={() => setPicking(!picking)}>
          {words.choose}
        </button>
      </div>
      <p id={`${id}-limits`} className="text-xs text-slate-500">{format(words.limits, MEDIA_LIMIT_PARAMS)}</p>
      {busy && (
        <div role="status" className="flex items-center gap-2 text-xs text-slate-600">
          <progress max={100} value={progress} className="h-1.5 w-32" aria-label={format(words.uploading, { percent: progress })} />
          {format(words.uploading, { percent: progress })}
        </div>
      )}
      {message && <p id={`${id}-message`} role="alert" className="text-xs font-medium text-red-600">{message}</p>}
      {picking && (
        <MediaPicker
          store={store}
          words={words}
          chosen={chosen}
          onClose={() => setPicking(false)}
          onPick={(ref) => {
            setPicking(false);
            clearError();
            onAdd(ref);
          }}
        />
      )}
    </div>
  );
}

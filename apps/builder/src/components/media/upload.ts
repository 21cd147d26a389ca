"use client";
// The browser side of the store's media API: one upload with its progress, and the list of uploaded images.
import { MEDIA_MAX_BYTES } from "@kaidian/media";
import { useState } from "react";
import { format, type Dictionary } from "@/i18n";

export type UploadedImage = { ref: string; width: number; height: number; bytes: number; format: string };
export type ListedImage = UploadedImage & { originalName: string; createdAt: string };

type UploadResult = { ok: true; image: UploadedImage } | { ok: false; message?: string };

/** Multipart POST through XMLHttpRequest, the one browser API that reports upload progress. */
function send(store: string, file: File, onProgress: (percent: number) => void): Promise<UploadResult> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/stores/${encodeURIComponent(store)}/media`);
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      const body = request.response as { ref?: string; error?: { message?: string } } | null;
      if (request.status === 200 && body?.ref) resolve({ ok: true, image: body as UploadedImage });
      else resolve({ ok: false, message: body?.error?.message });
    };
    request.onerror = () => resolve({ ok: false });
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}

export async function listUploaded(store: string): Promise<ListedImage[]> {
  const response = await fetch(`/api/stores/${encodeURIComponent(store)}/media`, { cache: "no-store" });
  if (!response.ok) throw new Error(`media list answered ${response.status}`);
  return ((await response.json()) as { images: ListedImage[] }).images;
}

/**
 * One upload at a time: its progress (null when idle) and the last refusal, in the server's words. A refusal
 * leaves the field's value as it was.
 */
export function useUpload(store: string, words: Dictionary["media"]) {
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string>();

  async function upload(file: File): Promise<UploadedImage | null> {
    setError(undefined);
    // Said at once rather than after sending megabytes the server will refuse anyway.
    if (file.size > MEDIA_MAX_BYTES) {
      setError(format(words.tooLarge, { maxMb: MEDIA_MAX_BYTES / (1024 * 1024) }));
      return null;
    }
    setProgress(0);
    const result = await send(store, file, setProgress);
    setProgress(null);
    if (result.ok) return result.image;
    setError(result.message ?? words.failed);
    return null;
  }

  return { upload, progress, error, clearError: () => setError(undefined) };
}

/** Where the dashboard loads a ref from: uploads and https URLs as they are; the templates' packaged sample
 * pictures (`/assets/samples/...`, files inside the Mini Program) from the read API that serves them for previews. */
export function previewSrc(ref: string): string {
  return ref.startsWith("/assets/samples/") ? `/api/mp/v1${ref}` : ref;
}

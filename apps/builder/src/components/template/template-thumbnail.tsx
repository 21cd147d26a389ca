"use client";
// A template's sample store, rendered by the Mini Program runtime itself: the gallery shows what a store built on
// the template looks like, not a drawing of it.
import { useMemo } from "react";
import { sampleSnapshot, type TemplateId } from "@kaidian/templates";
import { LivePreview } from "@/components/preview/live-preview";
import type { Dictionary } from "@/i18n";

export function TemplateThumbnail({ templateId, label, words }: { templateId: TemplateId; label: string; words: Dictionary["preview"] }) {
  const snapshot = useMemo(() => sampleSnapshot(templateId), [templateId]);
  return (
    <figure aria-label={label} className="pointer-events-none flex h-[360px] justify-center overflow-hidden rounded-lg bg-slate-100 pt-3" inert>
      <LivePreview snapshot={snapshot} page="home" words={words} scale={0.52} />
    </figure>
  );
}

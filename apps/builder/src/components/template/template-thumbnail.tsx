"use client";
// A template's sample store, rendered by the Mini Program runtime itself: the gallery shows what a store built on
// the template looks like, not a drawing of it.
import { useMemo } from "react";
import { sampleSnapshot, type TemplateId } from "@kaidian/templates";
import { LivePreview } from "@/components/preview/live-preview";
import type { Dictionary } from "@/i18n";

export function TemplateThumbnail(props: { templateId: TemplateId; label: string; words: Dictionary["preview"]; scale?: number; className?: string }) {
  const { templateId, label, words, scale = 0.52, className = "h-[360px] pt-3" } = props;
  const snapshot = useMemo(() => sampleSnapshot(templateId), [templateId]);
  return (
    <figure aria-label={label} className={`pointer-events-none flex justify-center overflow-hidden rounded-lg bg-slate-100 ${className}`} inert>
      <LivePreview snapshot={snapshot} page="home" words={words} scale={scale} />
    </figure>
  );
}

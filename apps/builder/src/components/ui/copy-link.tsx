"use client";
import { useState } from "react";
import { Button } from "./button";

/** A read-only link with a copy button: invitation links are shared by hand (WeChat chat, SMS). */
export function CopyLink({ path, copyLabel, copiedLabel }: { path: string; copyLabel: string; copiedLabel: string }) {
  const [copied, setCopied] = useState(false);
  const [origin] = useState(() => (typeof window === "undefined" ? "" : window.location.origin));
  const url = `${origin}${path}`;
  return (
    <div className="flex gap-2">
      <input readOnly value={url} aria-label={copyLabel} data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs" />
      <Button type="button" variant="secondary" onClick={async () => { await navigator.clipboard?.writeText(url); setCopied(true); }}>
        {copied ? copiedLabel : copyLabel}
      </Button>
    </div>
  );
}

"use client";
// The phone preview page's content: the draft full screen, its tab bar switching pages as on WeChat.
import type { PageId, SiteSnapshot } from "@kaidian/templates";
import { useState } from "react";
import type { Dictionary } from "@/i18n";
import { LivePreview } from "./live-preview";

export function PhonePreview({ snapshot, words }: { snapshot: SiteSnapshot; words: Dictionary["preview"] }) {
  const [page, setPage] = useState<PageId>(snapshot.site.config.tabBar[0]?.page ?? "home");
  return <LivePreview snapshot={snapshot} page={page} onNavigate={setPage} words={words} fill />;
}

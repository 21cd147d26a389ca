"use client";
// The phone preview page's content: the draft full screen, its tab bar switching pages as on WeChat.
import type { PageId, SiteSnapshot } from "@kaidian/templates";
import { useState } from "react";
import type { Dictionary } from "@/i18n";
import { LivePreview } from "./live-preview";

/**
 * `table`: the `t` of a table's preview link (`/p/<token>?t=A12`), which opens the order page at that table as a
 * scanned table code would, so table ordering can be tried on a phone.
 */
export function PhonePreview({ snapshot, words, table }: { snapshot: SiteSnapshot; words: Dictionary["preview"]; table?: string }) {
  const atTable = table && snapshot.site.config.pages.order ? table : undefined;
  const [page, setPage] = useState<PageId>(atTable ? "order" : (snapshot.site.config.tabBar[0]?.page ?? "home"));
  return <LivePreview snapshot={snapshot} page={page} onNavigate={setPage} words={words} fill initialQueries={atTable ? { order: { t: atTable } } : undefined} />;
}

// The checklist before an upload: each check passed, failed or not yet measured, with how to fix a failed one and a
// link to the page where it is fixed.
import type { Check } from "@kaidian/publishing";
import Link from "next/link";
import { format, type Dictionary } from "@/i18n";
import { Badge } from "../ui/badge";
import { formatBytes } from "./bytes";

type Where = "wechat" | "design" | "catalog" | "payments";

const FIXED_AT: Record<Check["id"], Where | null> = {
  "store.active": null,
  "config.ready": "design",
  "wechat.appid": "wechat",
  "wechat.key": "wechat",
  "package.size": "design",
  "store.contact": "design",
  "catalog.items": "catalog",
  "catalog.own": "catalog",
  "privacy.guide": "wechat",
  "compliance.pathway": "wechat",
  "compliance.filings": "wechat",
  "compliance.category": "wechat",
  "compliance.foodLicense": "wechat",
  "shopApi.https": null,
  "wechat.appSecret": "wechat",
  "payments.setUp": "payments",
};

const mark = { ok: "✓", failed: "✗", pending: "…" } as const;

/** The package size check's figures, readable. */
function sizes(params: Check["params"]): Record<string, string> {
  const readable: Record<string, string> = {};
  for (const key of ["main", "mainLimit", "total", "totalLimit"]) {
    if (typeof params[key] === "number") readable[key] = formatBytes(params[key]);
  }
  return readable;
}

/** What the merchant reads under a check: its true cause when it failed, what is pending, or what passed means. */
function checkDetail(check: Check, words: Dictionary["publish"]["checks"]): string | null {
  if (check.id === "config.ready" && check.status === "failed" && check.params.none) return words["config.ready"].none;
  if (check.id === "store.contact" && check.status === "failed" && check.params.sample) return words["store.contact"].sample;
  if (check.id === "store.contact" && check.status === "pending") return words["store.contact"].pending;
  if (check.status === "failed") return words[check.id].fix;
  if (check.id === "package.size") return check.status === "pending" ? words["package.size"].pending : words["package.size"].measured;
  if (check.id === "privacy.guide" && check.params.count === 0) return words["privacy.guide"].none;
  if (check.id === "shopApi.https") return words["shopApi.https"].domainList;
  return null;
}

export function ReadinessList({
  t,
  checks,
  catalog,
  category,
  links,
}: {
  t: Dictionary;
  checks: Check[];
  /** The store's catalog word (商品 / 房型 / 菜单). */
  catalog: string;
  category: string;
  /** Where each kind of fix is made, for the pages this user may open. */
  links: Partial<Record<Where, string>>;
}) {
  const words = t.publish.checks;
  return (
    <ul className="divide-y divide-slate-100" data-testid="readiness">
      {checks.map((check) => {
        const text = words[check.id];
        const params = { catalog, category, ...check.params, ...sizes(check.params) };
        const detail = checkDetail(check, words);
        const where = FIXED_AT[check.id];
        const href = where && check.status === "failed" ? links[where] : undefined;
        const tone = check.status === "ok" ? "text-brand-700" : check.status === "pending" ? "text-slate-400" : check.severity === "hard" ? "text-red-600" : "text-amber-600";
        return (
          <li key={check.id} className="flex gap-3 py-2.5 text-sm" data-check={check.id} data-status={check.status}>
            <span aria-hidden className={`w-4 shrink-0 text-center font-semibold ${tone}`}>{mark[check.status]}</span>
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">{format(text.title, params)}</span>
                <Badge tone={check.severity === "hard" ? "neutral" : "warn"}>{t.publish.severity[check.severity]}</Badge>
                <span className="sr-only">{t.publish.checkStatus[check.status]}</span>
              </p>
              {detail && <p className="mt-0.5 text-xs text-slate-600">{format(detail, params)}</p>}
              {href && where && (
                <Link href={href} className="mt-1 inline-block text-xs text-brand-700 underline-offset-2 hover:underline">
                  {format(t.publish.fixAt[where], { catalog })}
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

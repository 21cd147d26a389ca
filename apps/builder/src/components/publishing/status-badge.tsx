// A build's status as a badge, the same on every publishing page.
import type { Dictionary } from "@/i18n";
import { Badge } from "../ui/badge";

const TONE = { QUEUED: "neutral", RUNNING: "warn", SUCCEEDED: "good", FAILED: "bad" } as const;

export function BuildStatusBadge({ t, status }: { t: Dictionary; status: keyof typeof TONE }) {
  return <Badge tone={TONE[status]}>{t.publish.status[status]}</Badge>;
}

// Queue numbers (取号) as a domain: the party-size groups a merchant sets, each with its letter ("A" for 1–2, "B" for
// 3–4, "C" for 5 and more), the number a shopper reads ("A012"), and a number's life: waiting, then called, then
// seated or skipped (or given up by the shopper). Browser-safe: the dashboard's form, shop-api and the server
// functions share this one schema.
import { lineText } from "@kaidian/catalog";
import { z } from "zod";

export type Locale = "zh-CN" | "en";

export const MAX_PARTY_SIZE = 99;
export const MAX_GROUPS = 6;

export const queueGroupSchema = z.object({
  /** The letter before the number, one per group. */
  prefix: z.string().trim().regex(/^[A-Z]$/, { error: "queue.group.prefix" }),
  /** What the shopper picks: "小桌", "2 人桌". */
  label: lineText(10).min(1, { error: "queue.group.label" }),
  minSize: z.int({ error: "queue.group.size" }).min(1, { error: "queue.group.size" }).max(MAX_PARTY_SIZE, { error: "queue.group.size" }),
  /** null: this size and more. */
  maxSize: z.int({ error: "queue.group.size" }).min(1, { error: "queue.group.size" }).max(MAX_PARTY_SIZE, { error: "queue.group.size" }).nullable(),
});
export type QueueGroup = z.infer<typeof queueGroupSchema>;

/**
 * The groups cover every party size from 1 up, in order, without gaps or overlaps, and only the last may be open
 * ("5+"): so each party size falls in exactly one group and the shopper never has to choose between two.
 */
export const queueSettingsSchema = z
  .object({
    enabled: z.boolean(),
    groups: z.array(queueGroupSchema).min(1, { error: "queue.groups.count" }).max(MAX_GROUPS, { error: "queue.groups.count" }),
  })
  .superRefine((settings, context) => {
    const prefixes = new Set<string>();
    let next = 1;
    settings.groups.forEach((group, index) => {
      const issue = (error: string) => context.addIssue({ code: "custom", message: error, path: ["groups", index] });
      if (prefixes.has(group.prefix)) issue("queue.group.prefixTwice");
      prefixes.add(group.prefix);
      if (group.minSize !== next) issue("queue.group.gap");
      if (group.maxSize !== null && group.maxSize < group.minSize) issue("queue.group.size");
      if (group.maxSize === null && index !== settings.groups.length - 1) issue("queue.group.openNotLast");
      next = (group.maxSize ?? MAX_PARTY_SIZE) + 1;
    });
  });
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  enabled: false,
  groups: [
    { prefix: "A", label: "小桌", minSize: 1, maxSize: 2 },
    { prefix: "B", label: "中桌", minSize: 3, maxSize: 4 },
    { prefix: "C", label: "大桌", minSize: 5, maxSize: null },
  ],
};

/** The group a party of this size queues in, or null when none takes it. */
export function groupFor(settings: QueueSettings, partySize: number): QueueGroup | null {
  return settings.groups.find((group) => partySize >= group.minSize && partySize <= (group.maxSize ?? MAX_PARTY_SIZE)) ?? null;
}

/** "1–2 人", "5 人以上" / "1–2 people", "5 or more". */
export function groupSizeText(group: QueueGroup, locale: Locale = "zh-CN"): string {
  const zh = locale === "zh-CN";
  if (group.maxSize === null) return zh ? `${group.minSize} 人以上` : `${group.minSize} or more`;
  if (group.maxSize === group.minSize) return zh ? `${group.minSize} 人` : `${group.minSize} ${group.minSize === 1 ? "person" : "people"}`;
  return zh ? `${group.minSize}–${group.maxSize} 人` : `${group.minSize}–${group.maxSize} people`;
}

/** The number as called out and shown: the group's letter and three digits at least ("A007", "B1024"). */
export function ticketCode(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(3, "0")}`;
}

export const TICKET_STATUSES = ["waiting", "called", "seated", "skipped", "cancelled"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** A live number still holds a place in the queue. */
export const LIVE_STATUSES: readonly TicketStatus[] = ["waiting", "called"];

const STATUS_NAMES: Record<Locale, Record<TicketStatus, string>> = {
  "zh-CN": { waiting: "排队中", called: "已叫号", seated: "已入座", skipped: "已过号", cancelled: "已取消" },
  en: { waiting: "waiting", called: "called", seated: "seated", skipped: "skipped", cancelled: "cancelled" },
};

export function ticketStatusName(status: TicketStatus, locale: Locale = "zh-CN"): string {
  return STATUS_NAMES[locale][status];
}

/** Why a number cannot be taken or changed, for the shopper and the staff. */
export type QueueRefusal = "queue.closed" | "queue.partySize" | "queue.ticketNotFound" | "queue.ticketClosed" | "queue.nobodyWaiting";

const REFUSALS: Record<Locale, Record<QueueRefusal, string>> = {
  "zh-CN": {
    "queue.closed": "本店暂未开放线上取号，请到店取号。",
    "queue.partySize": "请选择 1 到 99 之间的就餐人数。",
    "queue.ticketNotFound": "找不到这个排队号。",
    "queue.ticketClosed": "这个号已结束（已入座、过号或取消）。",
    "queue.nobodyWaiting": "这一组没有人在排队。",
  },
  en: {
    "queue.closed": "This store does not take queue numbers online now: take one in the store.",
    "queue.partySize": "Choose a party size from 1 to 99.",
    "queue.ticketNotFound": "This queue number cannot be found.",
    "queue.ticketClosed": "This number is finished (seated, skipped or cancelled).",
    "queue.nobodyWaiting": "Nobody is waiting in this group.",
  },
};

export function queueRefusalMessage(refusal: QueueRefusal, locale: Locale = "zh-CN"): string {
  return REFUSALS[locale][refusal];
}

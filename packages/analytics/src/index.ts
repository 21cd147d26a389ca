// Analytics as a domain, browser-safe: the batch a Mini Program reports (one zod schema for shop-api and the
// runtime's limits), the range a merchant asks about, and the overview's figures. Days are Asia/Shanghai days.
import { z } from "zod";

/** At most this many events in one report; the runtime flushes before its buffer reaches it. */
export const MAX_BATCH_EVENTS = 50;
/** Events older than this when reported are refused: a phone that kept them longer was offline for a day. */
export const MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;
/** The longest range the overview shows at once. */
export const MAX_RANGE_DAYS = 366;

const page = z.string().trim().min(1, { error: "analytics.page.invalid" }).max(200, { error: "analytics.page.invalid" }).regex(/^[\w/.-]+$/, { error: "analytics.page.invalid" });

export const analyticsEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pageView"), page, ageMs: z.int().min(0).max(MAX_EVENT_AGE_MS) }),
  z.object({ kind: z.literal("itemView"), page, itemId: z.uuid(), ageMs: z.int().min(0).max(MAX_EVENT_AGE_MS) }),
]);
export type AnalyticsEventInput = z.infer<typeof analyticsEventSchema>;

/**
 * What the Mini Program sends: the random visitor id it keeps in its storage (anonymous until the shopper logs in;
 * then the token says who) and up to MAX_BATCH_EVENTS events, each with how long ago it happened (the phone's clock
 * is not trusted, only its sense of elapsed time).
 */
export const eventBatchSchema = z.object({
  visitorId: z.uuid(),
  events: z.array(analyticsEventSchema).min(1).max(MAX_BATCH_EVENTS),
});
export type EventBatch = z.infer<typeof eventBatchSchema>;

const isoDay = z.iso.date();

/** The days a merchant asks about, inclusive. */
export const rangeSchema = z
  .object({ from: isoDay, to: isoDay })
  .refine((range) => range.from <= range.to, { error: "analytics.range.order" })
  .refine((range) => daysBetween(range.from, range.to) < MAX_RANGE_DAYS, { error: "analytics.range.tooLong" });
export type DayRange = z.infer<typeof rangeSchema>;

export type DayFigures = {
  day: string;
  visitors: number;
  pageViews: number;
  itemViews: number;
  orders: number;
  paidOrders: number;
  paidFen: number;
  refundedFen: number;
  buyers: number;
  newBuyers: number;
};

export type TopItem = { itemId: string; title: string | null; views: number; paidUnits: number; paidFen: number };

/**
 * A range's figures. `visitors` and `buyers` count each person once over the whole range (not the sum of days);
 * a new buyer paid for the first time at this store within the range, a returning one had paid before it.
 */
export type Overview = {
  range: DayRange;
  days: DayFigures[];
  totals: Omit<DayFigures, "day" | "newBuyers"> & { newBuyers: number; returningBuyers: number };
  /** Average order value in fen: paid amount over paid orders, rounded; null without paid orders. */
  averageOrderFen: number | null;
  /** Buyers over visitors, 0..1; null without visitors. */
  conversion: number | null;
  topItems: TopItem[];
};

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, count: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + count * 86_400_000).toISOString().slice(0, 10);
}

/** Every day of the range, in order. */
export function eachDay(range: DayRange): string[] {
  return Array.from({ length: daysBetween(range.from, range.to) + 1 }, (_, index) => addDays(range.from, index));
}

/** Today in Asia/Shanghai, where the stores are. */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export function emptyDay(day: string): DayFigures {
  return { day, visitors: 0, pageViews: 0, itemViews: 0, orders: 0, paidOrders: 0, paidFen: 0, refundedFen: 0, buyers: 0, newBuyers: 0 };
}

export function averageOrderFen(paidFen: number, paidOrders: number): number | null {
  return paidOrders === 0 ? null : Math.round(paidFen / paidOrders);
}

export function conversionOf(buyers: number, visitors: number): number | null {
  return visitors === 0 ? null : buyers / visitors;
}

// Hotel bookings as a domain, framework-free: what a shopper's phone sends to book a stay, why a booking is
// refused (zh-CN first, English), and what a cancellation refunds under the room type's policy. A booking is an
// order (delivery "stay"); the nights it takes and the order it becomes are in server/stays.ts.
import { type Cancellation, lineText, priceFenSchema } from "@kaidian/catalog";
import { z } from "zod";
import { yuanText, type Locale } from "./refusals";

/** The longest stay one booking takes, and how far ahead it may start (days). */
export const MAX_STAY_NIGHTS = 30;
export const MAX_DAYS_AHEAD = 365;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
/** Asia/Shanghai has no daylight saving: its midnight is always 16:00 UTC the day before. */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

export const stayDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Dates are YYYY-MM-DD" })
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value, { error: "Not a calendar date" });

/** Days from calendar date `from` to `to` (negative when `to` is earlier). */
export function stayDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addStayDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The nights of a stay: check-in up to the night before check-out. */
export function stayNights(checkIn: string, checkOut: string): string[] {
  return Array.from({ length: Math.max(0, stayDays(checkIn, checkOut)) }, (_, index) => addStayDays(checkIn, index));
}

/** Today's calendar date in the store's time zone. */
export function shanghaiToday(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** A stay as asked for: the dates and the room type. What availability and quotes take. */
export const stayDatesSchema = z
  .object({
    itemId: z.string().min(1).max(64),
    checkIn: stayDateSchema,
    checkOut: stayDateSchema,
  })
  .check((context) => {
    const { checkIn, checkOut } = context.value;
    const nights = stayDays(checkIn, checkOut);
    if (nights < 1) context.issues.push({ code: "custom", input: checkOut, path: ["checkOut"], message: "Check-out must come after check-in" });
    else if (nights > MAX_STAY_NIGHTS) context.issues.push({ code: "custom", input: checkOut, path: ["checkOut"], message: `At most ${MAX_STAY_NIGHTS} nights` });
  });

/** A stay to quote: the dates and room, and the guests when already chosen. */
export const stayQuoteSchema = stayDatesSchema.and(z.object({ guests: z.int().min(1).max(20).optional() }));

/** What the shopper's phone sends to book: the stay, the guests, who they are, and the total they were shown. */
export const bookingRequestSchema = stayDatesSchema.and(
  z.object({
    guests: z.int().min(1).max(20),
    guestName: lineText(40).min(1),
    guestPhone: z.string().trim().regex(/^\+?[0-9][0-9 -]{5,19}$/, { error: "Not a phone number" }),
    /** The total the shopper saw, so a rate changed since is told rather than charged silently. */
    seenTotalFen: priceFenSchema,
  }),
);
export type BookingRequest = z.infer<typeof bookingRequestSchema>;
export type StayDates = z.infer<typeof stayDatesSchema>;

export type StayRefusal =
  | { code: "invalidInput"; path: string }
  /** Deleted, hidden, not a room, or another store's. */
  | { code: "roomGone"; itemId: string }
  | { code: "stayInPast"; today: string }
  | { code: "stayTooFarAhead"; lastDate: string }
  | { code: "tooManyGuests"; capacity: number }
  /** The merchant closed this night (or offers no room on it). */
  | { code: "nightClosed"; date: string }
  | { code: "nightSoldOut"; date: string }
  | { code: "totalChanged"; seenFen: number; currentFen: number };

export type ParsedBooking<Request> = { ok: true; request: Request } | { ok: false; refusals: StayRefusal[] };

export function parseStayRequest<Schema extends z.ZodType>(schema: Schema, body: unknown): ParsedBooking<z.infer<Schema>> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, refusals: parsed.error.issues.map((issue) => ({ code: "invalidInput" as const, path: issue.path.join(".") })) };
}

/** "12月24日" / "Dec 24": how a night is named to shoppers and merchants. */
export function nightName(date: string, locale: Locale): string {
  const [, month, day] = date.split("-").map(Number);
  if (locale === "zh-CN") return `${month}月${day}日`;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${months[month! - 1]} ${day}`;
}

export function stayRefusalMessage(refusal: StayRefusal, locale: Locale = "zh-CN"): string {
  const zh = locale === "zh-CN";
  switch (refusal.code) {
    case "invalidInput":
      return zh ? `预订信息有误：${refusal.path || "请求"}。` : `The booking is not valid at "${refusal.path || "request"}".`;
    case "roomGone":
      return zh ? "该房型已下架。" : "This room type is no longer offered.";
    case "stayInPast":
      return zh ? `入住日期不能早于今天（${nightName(refusal.today, locale)}）。` : `Check-in cannot be before today (${nightName(refusal.today, locale)}).`;
    case "stayTooFarAhead":
      return zh ? `最远可预订到 ${nightName(refusal.lastDate, locale)}。` : `Bookings open up to ${nightName(refusal.lastDate, locale)}.`;
    case "tooManyGuests":
      return zh ? `该房型最多可住 ${refusal.capacity} 人。` : `This room type sleeps at most ${refusal.capacity}.`;
    case "nightClosed":
      return zh ? `${nightName(refusal.date, locale)}当晚不可预订。` : `The night of ${nightName(refusal.date, locale)} is closed for booking.`;
    case "nightSoldOut":
      return zh ? `${nightName(refusal.date, locale)}当晚已满房。` : `The night of ${nightName(refusal.date, locale)} is sold out.`;
    case "totalChanged":
      return zh
        ? `房价已变更：现为 ¥${yuanText(refusal.currentFen)}（原 ¥${yuanText(refusal.seenFen)}），请确认后再预订。`
        : `The rate has changed: now ¥${yuanText(refusal.currentFen)} (was ¥${yuanText(refusal.seenFen)}). Please confirm and book again.`;
  }
}

/** The instant a stay's check-in day ends in the store's time zone: the latest a guest may still cancel. */
export function checkInDayEnds(checkIn: string): Date {
  return new Date(Date.parse(`${addStayDays(checkIn, 1)}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export type CancellationQuote =
  | {
      ok: true;
      /** What goes back to the guest, in fen; never more than what is paid and not yet refunded. */
      refundFen: number;
      /** Which part of the policy applied. */
      rule: "free" | "late" | "nonRefundable" | "partial";
      /** Until when a free cancellation refunds everything (policies with a free period), else null. */
      freeUntil: Date | null;
    }
  | { ok: false; code: "stayStarted" };

/**
 * What cancelling a paid stay refunds at `at`. The policy's hours count back from the end of the check-in day
 * (Asia/Shanghai), so 0 hours is free until the day of arrival ends, 24 until the day before ends. Once the
 * check-in day is over the booking cannot be cancelled: the guest stayed or did not come.
 */
export function cancellationRefund(policy: Cancellation, stay: { checkIn: string; paidFen: number; refundedFen: number }, at: Date): CancellationQuote {
  const ends = checkInDayEnds(stay.checkIn);
  if (at.getTime() >= ends.getTime()) return { ok: false, code: "stayStarted" };
  const refundable = stay.paidFen - stay.refundedFen;
  switch (policy.kind) {
    case "nonRefundable":
      return { ok: true, refundFen: 0, rule: "nonRefundable", freeUntil: null };
    case "partial":
      // Whole fen in the guest's disfavour never exceeds the percentage the merchant set.
      return { ok: true, refundFen: Math.min(refundable, Math.floor((stay.paidFen * policy.percent) / 100)), rule: "partial", freeUntil: null };
    case "free": {
      const freeUntil = new Date(ends.getTime() - policy.hoursBefore * HOUR_MS);
      return at.getTime() < freeUntil.getTime()
        ? { ok: true, refundFen: refundable, rule: "free", freeUntil }
        : { ok: true, refundFen: 0, rule: "late", freeUntil };
    }
  }
}

/** The policy as one sentence, for the booking form and the cancellation quote. */
export function cancellationText(policy: Cancellation, locale: Locale = "zh-CN"): string {
  const zh = locale === "zh-CN";
  switch (policy.kind) {
    case "nonRefundable":
      return zh ? "预订后不可取消退款" : "Non-refundable once booked";
    case "partial":
      return zh ? `入住日结束前取消，退还 ${policy.percent}% 房费` : `Cancel before the check-in day ends for a ${policy.percent}% refund`;
    case "free": {
      const hours = policy.hoursBefore;
      if (hours === 0) return zh ? "入住当天结束前可免费取消" : "Free cancellation until the check-in day ends";
      const span = hours % 24 === 0 ? (zh ? `${hours / 24} 天` : `${hours / 24} day${hours === 24 ? "" : "s"}`) : zh ? `${hours} 小时` : `${hours} hours`;
      return zh ? `入住日结束前 ${span}可免费取消，之后不退款` : `Free cancellation until ${span} before the check-in day ends, then non-refundable`;
    }
  }
}

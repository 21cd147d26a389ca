// The order number a shopper reads aloud at the counter or on the phone: the order's day in China and the store's
// sequence of that day, in short groups ("261203-0042"). It is unique within a store, not across stores: the
// payment's out_trade_no, which must be, is made elsewhere. The sequence comes from a per-store daily counter in
// the database (one conditional upsert per order); this file only formats and reads it.

/** China has kept UTC+8 all year since 1991, so a fixed offset gives the day shoppers and merchants live in. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Four digits cover a busy day; the sequence grows wider rather than wrapping. */
export const MAX_DAILY_SEQUENCE = 999_999;

export type OrderNumberParts = { day: string; sequence: number };

/** The calendar day of an instant in Asia/Shanghai, as YYYY-MM-DD: the key of the daily sequence. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function formatOrderNumber(at: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) {
    throw new RangeError(`An order's daily sequence is a whole number from 1 to ${MAX_DAILY_SEQUENCE}, not ${sequence}`);
  }
  const day = shanghaiDay(at);
  return `${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(sequence).padStart(4, "0")}`;
}

/**
 * An order number as a shopper types or says it: spaces, dashes and full-width digits allowed ("261203 0042",
 * "２６１２０３００４２"). Null when it cannot be one: then no search needs to run.
 */
export function parseOrderNumber(text: string): OrderNumberParts | null {
  const digits = text
    .trim()
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－—]/g, "");
  const match = /^(\d{2})(\d{2})(\d{2})(\d{4,6})$/.exec(digits);
  if (!match) return null;
  const [, yy = "", mm = "", dd = "", sequenceDigits = ""] = match;
  const day = `20${yy}-${mm}-${dd}`;
  // A real calendar day: Date rolls 02-30 over into March, which this comparison catches.
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) return null;
  const sequence = Number(sequenceDigits);
  if (sequence < 1) return null;
  return { day, sequence };
}

/** A restaurant's pickup number as called at the counter and shown on the phone: three digits at least ("007"). */
export function formatPickupNumber(number: number): string {
  return String(number).padStart(3, "0");
}

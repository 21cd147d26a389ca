import { describe, expect, it } from "vitest";
import { formatOrderNumber, parseOrderNumber, shanghaiDay } from "./order-number";

describe("readable order numbers", () => {
  it("uses the day in China, which starts eight hours before UTC's", () => {
    expect(shanghaiDay(new Date("2026-12-02T15:59:59Z"))).toBe("2026-12-02");
    expect(shanghaiDay(new Date("2026-12-02T16:00:00Z"))).toBe("2026-12-03");
    expect(formatOrderNumber(new Date("2026-12-02T16:00:00Z"), 42)).toBe("261203-0042");
    expect(formatOrderNumber(new Date("2026-12-31T16:30:00Z"), 1)).toBe("270101-0001");
  });

  it("grows wider past 9999 orders a day rather than wrapping", () => {
    expect(formatOrderNumber(new Date("2026-12-03T02:00:00Z"), 12345)).toBe("261203-12345");
    expect(() => formatOrderNumber(new Date(), 0)).toThrow(RangeError);
    expect(() => formatOrderNumber(new Date(), 1_000_000)).toThrow(RangeError);
    expect(() => formatOrderNumber(new Date(), 1.5)).toThrow(RangeError);
  });

  it("reads back what it writes", () => {
    for (const [iso, sequence] of [["2026-01-01T00:00:00Z", 1], ["2028-02-29T03:00:00Z", 9999], ["2030-06-15T23:59:59Z", 999_999]] as const) {
      const at = new Date(iso);
      expect(parseOrderNumber(formatOrderNumber(at, sequence))).toEqual({ day: shanghaiDay(at), sequence });
    }
  });

  it("reads a number as shoppers type it: spaces, dashes, full-width digits", () => {
    const expected = { day: "2026-12-03", sequence: 42 };
    expect(parseOrderNumber(" 261203 0042 ")).toEqual(expected);
    expect(parseOrderNumber("2612030042")).toEqual(expected);
    expect(parseOrderNumber("２６１２０３－００４２")).toEqual(expected);
  });

  it.each(["", "12345", "261203-42", "261303-0042", "260230-0042", "261203-0000", "261203-1234567", "26120a-0042", "订单261203-0042"])(
    "refuses %j",
    (text) => {
      expect(parseOrderNumber(text)).toBeNull();
    },
  );
});

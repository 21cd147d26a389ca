import { describe, expect, it } from "vitest";
import { availableActions, transition, type OrderState } from "./lifecycle";
import { bookingRequestSchema, cancellationRefund, cancellationText, checkInDayEnds, stayNights } from "./stays";

const paidStay: OrderState = { status: "paid", delivery: "stay", totalFen: 50_000, paidFen: 50_000, refundedFen: 0, refundRequested: false, tracking: null };
const at = (iso: string) => new Date(iso);

describe("a stay's nights and dates", () => {
  it("are check-in up to the night before check-out", () => {
    expect(stayNights("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01"]);
  });

  it("end the check-in day at midnight in China, 16:00 UTC", () => {
    expect(checkInDayEnds("2026-12-24").toISOString()).toBe("2026-12-24T16:00:00.000Z");
  });

  it("refuse a check-out on or before check-in, and more than 30 nights", () => {
    const base = { itemId: "x", guests: 1, guestName: "张三", guestPhone: "13800138000", seenTotalFen: 100 };
    expect(bookingRequestSchema.safeParse({ ...base, checkIn: "2026-12-24", checkOut: "2026-12-24" }).error?.issues[0]?.path).toEqual(["checkOut"]);
    expect(bookingRequestSchema.safeParse({ ...base, checkIn: "2026-12-24", checkOut: "2027-01-24" }).success).toBe(false);
    expect(bookingRequestSchema.safeParse({ ...base, checkIn: "2026-02-30", checkOut: "2026-03-02" }).success).toBe(false);
  });
});

describe("what a cancellation refunds", () => {
  const stay = { checkIn: "2026-12-24", paidFen: 50_000, refundedFen: 0 };

  it("refunds everything until the free period's hours before the check-in day ends, then nothing", () => {
    const policy = { kind: "free", hoursBefore: 24 } as const;
    // 24 hours before the end of Dec 24 (China) is the end of Dec 23: 2026-12-23T16:00Z.
    expect(cancellationRefund(policy, stay, at("2026-12-23T15:59:59Z"))).toMatchObject({ ok: true, refundFen: 50_000, rule: "free" });
    expect(cancellationRefund(policy, stay, at("2026-12-23T16:00:00Z"))).toMatchObject({ ok: true, refundFen: 0, rule: "late" });
    expect(cancellationRefund({ kind: "free", hoursBefore: 0 }, stay, at("2026-12-24T15:00:00Z"))).toMatchObject({ refundFen: 50_000 });
  });

  it("refunds the percentage in whole fen, never more than is left to refund", () => {
    expect(cancellationRefund({ kind: "partial", percent: 60 }, { ...stay, paidFen: 33_333 }, at("2026-12-20T00:00:00Z"))).toMatchObject({ refundFen: 19_999 });
    expect(cancellationRefund({ kind: "partial", percent: 60 }, { ...stay, refundedFen: 45_000 }, at("2026-12-20T00:00:00Z"))).toMatchObject({ refundFen: 5_000 });
  });

  it("refunds nothing for a non-refundable room, and refuses once the check-in day is over", () => {
    expect(cancellationRefund({ kind: "nonRefundable" }, stay, at("2026-12-01T00:00:00Z"))).toMatchObject({ ok: true, refundFen: 0 });
    expect(cancellationRefund({ kind: "free", hoursBefore: 0 }, stay, at("2026-12-24T16:00:00Z"))).toEqual({ ok: false, code: "stayStarted" });
  });

  it("is said in Chinese and English", () => {
    expect(cancellationText({ kind: "free", hoursBefore: 48 })).toBe("入住日结束前 2 天可免费取消，之后不退款");
    expect(cancellationText({ kind: "partial", percent: 50 }, "en")).toBe("Cancel before the check-in day ends for a 50% refund");
  });
});

describe("a stay's lifecycle", () => {
  const desk = { role: "merchantStaff", id: null } as const;

  it("checks in, checks out, or records a no-show at the front desk", () => {
    expect(availableActions(paidStay, "merchantStaff")).toEqual(expect.arrayContaining(["checkIn", "markNoShow", "refund"]));
    const inHouse = transition(paidStay, { action: "checkIn" }, desk, new Date());
    expect(inHouse).toMatchObject({ ok: true, order: { status: "checkedIn" } });
    if (!inHouse.ok) return;
    expect(transition(inHouse.order, { action: "checkOut" }, desk, new Date())).toMatchObject({ ok: true, order: { status: "completed" } });
    expect(transition(paidStay, { action: "markNoShow" }, desk, new Date())).toMatchObject({ ok: true, order: { status: "noShow" } });
  });

  it("lets only the guest cancel a paid stay, recording the refund the policy gives", () => {
    expect(availableActions(paidStay, "shopper")).toContain("cancelStay");
    const cancelled = transition(paidStay, { action: "cancelStay", refundFen: 30_000, reason: "" }, { role: "shopper", id: "s" }, new Date());
    expect(cancelled).toMatchObject({ ok: true, order: { status: "stayCancelled" }, event: { amountFen: 30_000 } });
    expect(transition(paidStay, { action: "cancelStay", refundFen: 60_000, reason: "" }, { role: "shopper", id: "s" }, new Date())).toMatchObject({ ok: false, refusal: { code: "refundTooLarge" } });
    expect(transition(paidStay, { action: "cancelStay", refundFen: 0, reason: "" }, desk, new Date())).toMatchObject({ ok: false, refusal: { code: "notPermitted" } });
  });

  it("never checks in a parcel, nor ships a stay", () => {
    const parcel: OrderState = { ...paidStay, delivery: "express" };
    expect(transition(parcel, { action: "checkIn" }, desk, new Date())).toMatchObject({ ok: false, refusal: { code: "wrongDelivery" } });
    expect(transition(paidStay, { action: "ship", tracking: { company: "顺丰", number: "SF1234" } }, desk, new Date())).toMatchObject({ ok: false, refusal: { code: "wrongDelivery" } });
  });
});

import { setImmediate as nextCheck } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { TurnPacer } from "./pacing";

describe("TurnPacer", () => {
  it("begins a burst a few per turn, in the order it came, and lets callbacks already due run in between", async () => {
    const pacer = new TurnPacer(3);
    const begun: string[] = [];
    // An answer that is already due when the burst arrives (a timer stands for PostgreSQL's answer on its socket).
    setTimeout(() => begun.push("answer"), 0);
    const due = Date.now() + 3;
    while (Date.now() < due);
    for (let i = 1; i <= 8; i++) pacer.pace(() => begun.push(`request ${i}`));
    expect(begun).toEqual(["request 1", "request 2", "request 3"]);
    expect(pacer.queued).toBe(5);

    while (pacer.queued > 0) await nextCheck();
    // Without pacing, all eight would have begun before the answer was handled.
    expect(begun.indexOf("answer")).toBeLessThan(begun.indexOf("request 7"));
    expect(begun.filter((entry) => entry.startsWith("request"))).toEqual(Array.from({ length: 8 }, (_, i) => `request ${i + 1}`));
    expect(pacer.queued).toBe(0);
  });

  it("lets a request arriving while others wait queue behind them, and begins at once again when the turn's budget renews", async () => {
    const pacer = new TurnPacer(2);
    const begun: number[] = [];
    for (const i of [1, 2, 3]) pacer.pace(() => begun.push(i));
    expect(begun).toEqual([1, 2]);
    await nextCheck();
    expect(begun).toEqual([1, 2, 3]);
    // Request 3 used one of this turn's two; the next arrival still begins at once, the one after waits.
    pacer.pace(() => begun.push(4));
    pacer.pace(() => begun.push(5));
    expect(begun).toEqual([1, 2, 3, 4]);
    await nextCheck();
    expect(begun).toEqual([1, 2, 3, 4, 5]);
    await nextCheck();
    await nextCheck();
    // A quiet process: the budget is whole again, and nothing waits.
    pacer.pace(() => begun.push(6));
    pacer.pace(() => begun.push(7));
    expect(begun).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("begins every one waiting when asked (the process stopping), even past one that throws", () => {
    const pacer = new TurnPacer(1);
    const begun: string[] = [];
    pacer.pace(() => begun.push("first"));
    pacer.pace(() => {
      throw new Error("a request that fails as it begins");
    });
    pacer.pace(() => begun.push("last"));
    expect(begun).toEqual(["first"]);
    expect(() => pacer.beginAll()).toThrow("a request that fails as it begins");
    expect(begun).toEqual(["first", "last"]);
    expect(pacer.queued).toBe(0);
  });

  it("refuses a budget that is not a whole number of at least one", () => {
    expect(() => new TurnPacer(0)).toThrow(/perTurn/);
    expect(() => new TurnPacer(1.5)).toThrow(/perTurn/);
  });
});

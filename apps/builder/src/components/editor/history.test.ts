import { describe, expect, it } from "vitest";
import { COALESCE_MS, record, redo, startHistory, undo } from "./history";

describe("undo and redo", () => {
  it("joins quick typing in one field into one step, and keeps other changes apart", () => {
    let history = startHistory("");
    history = record(history, "山", "store.name", 1000);
    history = record(history, "山野", "store.name", 1000 + COALESCE_MS - 1);
    history = record(history, "山野!", "store.name", 1000 + 3 * COALESCE_MS);
    history = record(history, "山野! + 公告", undefined, 1000 + 3 * COALESCE_MS + 1);
    expect(history.past).toEqual(["", "山野", "山野!"]);
    history = undo(history);
    expect(history.present).toBe("山野!");
    history = undo(undo(history));
    expect(history.present).toBe("");
    expect(undo(history)).toBe(history);
    history = redo(redo(history));
    expect(history.present).toBe("山野!");
    expect(history.future).toEqual(["山野! + 公告"]);
  });

  it("drops the redo steps once something new is done", () => {
    let history = record(record(startHistory(1), 2), 3);
    history = record(undo(history), 4);
    expect(history).toMatchObject({ past: [1, 2], present: 4, future: [] });
    expect(redo(history)).toBe(history);
  });
});

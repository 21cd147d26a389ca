import { describe, expect, it } from "vitest";
import { SaveQueue, type SaveOutcome, type SaveState } from "./save-queue";

// A stand-in for the draft row: the same revision check the database makes, so the queue meets a real conflict.
function draftRow(config: string) {
  const row = { config, revision: 0, sent: [] as [string, number][] };
  const save = async (next: string, revision: number): Promise<SaveOutcome> => {
    row.sent.push([next, revision]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (revision !== row.revision) return { ok: false, conflict: "安娜 刚刚也修改了这份草稿" };
    row.config = next;
    row.revision += 1;
    return { ok: true, revision: row.revision };
  };
  return { row, save };
}

describe("the editor's save queue", () => {
  it("saves one at a time from the revision the last save produced, sending only the newest waiting config", async () => {
    const { row, save } = draftRow("v0");
    const states: SaveState["kind"][] = [];
    const queue = new SaveQueue(save, 0, (state) => states.push(state.kind));
    queue.request("v1");
    queue.request("v2");
    queue.request("v3");
    await queue.settled();
    expect(row.sent).toEqual([["v1", 0], ["v3", 1]]);
    expect(row).toMatchObject({ config: "v3", revision: 2 });
    expect(queue.currentRevision()).toBe(2);
    expect(states).toEqual(["saving", "saving", "saved"]);
  });

  it("refuses to overwrite a change made by another editor of the same draft and stops saving", async () => {
    const { row, save } = draftRow("v0");
    const mine = new SaveQueue(save, 0, () => {});
    const states: SaveState[] = [];
    const theirs = new SaveQueue(save, 0, (state) => states.push(state));
    mine.request("mine");
    await mine.settled();
    theirs.request("theirs");
    await theirs.settled();
    expect(states.at(-1)).toEqual({ kind: "conflict", message: "安娜 刚刚也修改了这份草稿" });
    expect(row).toMatchObject({ config: "mine", revision: 1 });
    theirs.request("theirs again");
    await theirs.settled();
    expect(row.sent.map(([config]) => config)).toEqual(["mine", "theirs"]);
    expect(theirs.currentRevision()).toBe(0);
  });

  it("reports a failed save and sends the next edit from the same revision", async () => {
    let fail = true;
    const { row, save } = draftRow("v0");
    const states: SaveState[] = [];
    const queue = new SaveQueue(async (config: string, revision: number) => {
      if (fail) throw new Error("network down");
      return save(config, revision);
    }, 0, (state) => states.push(state));
    queue.request("offline edit");
    await queue.settled();
    expect(states.at(-1)).toEqual({ kind: "failed", message: "" });
    fail = false;
    queue.request("offline edit, then more");
    await queue.settled();
    expect(row).toMatchObject({ config: "offline edit, then more", revision: 1 });
    expect(states.at(-1)).toEqual({ kind: "saved" });
  });
});

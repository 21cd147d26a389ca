// No lost edits: two people save the same record from the same revision at the same moment. Exactly one save
// lands; the other is refused with a StaleRevisionError that names the one who saved, and nothing of it is written.
import { type Database, StaleRevisionError } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCategories, renameCategory } from "./categories";
import { readItem, setItemVisible, updateItem } from "./items";
import { findRoom, nightsBetween, setNights, storeToday, addDays } from "./room-nights";
import { createTable, findTable, updateTable } from "./tables";
import { arrangeCatalogStore, arrangeEditor, itemInput } from "./testing";

let db: Database;
const people: Record<"zhang" | "li", string> = { zhang: "", li: "" };
beforeAll(async () => {
  db = testDatabase();
  people.zhang = await arrangeEditor(db, "张三");
  people.li = await arrangeEditor(db, "李四");
});
afterAll(() => db.disconnect());

const PAIRS = 5;

/**
 * Runs both saves at once, each in its own transaction, and returns who won and the loser's refusal. Fails unless
 * exactly one save landed and the other was refused naming the winner.
 */
async function race(tenantId: string, save: (who: "zhang" | "li") => (tx: Parameters<Parameters<Database["scoped"]>[1]>[0]) => Promise<unknown>) {
  const results = await Promise.allSettled((["zhang", "li"] as const).map((who) => db.scoped({ tenantId }, save(who))));
  const won = results.flatMap((result, index) => (result.status === "fulfilled" ? [(["zhang", "li"] as const)[index]!] : []));
  const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason as unknown] : []));
  expect(won).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(refused[0]).toBeInstanceOf(StaleRevisionError);
  const error = refused[0] as StaleRevisionError;
  const winner = won[0]!;
  expect(error.current?.savedBy?.name).toBe(winner === "zhang" ? "张三" : "李四");
  expect(error.current?.savedAt).toBeInstanceOf(Date);
  return { winner, error };
}

describe("two saves from the same revision", () => {
  it("of an item: one lands, the other is refused naming the saver, whichever wins", async () => {
    for (let pair = 0; pair < PAIRS; pair += 1) {
      const { tenantId, items } = await arrangeCatalogStore(db, "product");
      const id = items[0]!;
      const { revision } = await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, id));
      const { winner, error } = await race(tenantId, (who) => (tx) =>
        updateItem(tx, tenantId, "product", id, itemInput("product", { title: who === "zhang" ? "张三的标题" : "李四的标题", priceFen: who === "zhang" ? 100 : 200 }), {
          userId: people[who], revision,
        }),
      );
      const item = await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, id));
      expect(item).toMatchObject({ title: winner === "zhang" ? "张三的标题" : "李四的标题", priceFen: winner === "zhang" ? 100 : 200, revision: revision + 1 });
      expect(error.record).toBe("item");
      expect(error.current?.revision).toBe(revision + 1);
    }
  });

  it("of an item after a list switch: the form opened before it is refused rather than switching it back", async () => {
    const { tenantId, items } = await arrangeCatalogStore(db, "product");
    const id = items[0]!;
    const opened = await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, id));
    await db.scoped({ tenantId }, (tx) => setItemVisible(tx, tenantId, id, false, people.li));
    const error = await db
      .scoped({ tenantId }, (tx) => updateItem(tx, tenantId, "product", id, itemInput("product", { title: "改名" }), { userId: people.zhang, revision: opened.revision }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StaleRevisionError);
    expect((error as StaleRevisionError).current?.savedBy?.name).toBe("李四");
    expect(await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, id))).toMatchObject({ title: "第一", visible: false });
  });

  it("of a category: one rename lands, the other is refused naming the saver", async () => {
    for (let pair = 0; pair < PAIRS; pair += 1) {
      const { tenantId, categories } = await arrangeCatalogStore(db, "dish");
      const id = categories[1]!;
      const { winner, error } = await race(tenantId, (who) => (tx) =>
        renameCategory(tx, tenantId, id, { name: who === "zhang" ? "凉菜" : "热菜" }, { userId: people[who], revision: 0 }),
      );
      const names = (await db.scoped({ tenantId }, (tx) => listCategories(tx, tenantId))).map((category) => category.name);
      expect(names).toEqual(["招牌", winner === "zhang" ? "凉菜" : "热菜"]);
      expect(error.record).toBe("category");
    }
  });

  it("of a restaurant table: one save lands, the other is refused naming the saver", async () => {
    for (let pair = 0; pair < PAIRS; pair += 1) {
      const { tenantId } = await arrangeCatalogStore(db, "dish");
      const table = await db.scoped({ tenantId }, (tx) => createTable(tx, tenantId, { name: "A1", seats: 4 }));
      const { winner, error } = await race(tenantId, (who) => (tx) =>
        updateTable(tx, tenantId, table.id, who === "zhang" ? { name: "窗边1", seats: 2 } : { name: "包间1", seats: 10 }, { userId: people[who], revision: table.revision }),
      );
      expect(await db.scoped({ tenantId }, (tx) => findTable(tx, table.id))).toMatchObject(
        winner === "zhang" ? { name: "窗边1", seats: 2, revision: 1 } : { name: "包间1", seats: 10, revision: 1 },
      );
      expect(error.record).toBe("table");
    }
  });

  it("of a room type's nights: one bulk change lands, the other is refused naming the saver, and writes no night", async () => {
    const from = addDays(storeToday(), 3);
    for (let pair = 0; pair < PAIRS; pair += 1) {
      const { tenantId, items } = await arrangeCatalogStore(db, "room");
      const itemId = items[0]!;
      const { nightsRevision } = await db.scoped({ tenantId }, (tx) => findRoom(tx, itemId));
      const { winner, error } = await race(tenantId, (who) => (tx) =>
        setNights(tx, { itemId, from, to: addDays(from, 6), rateFen: who === "zhang" ? 30000 : 45000 }, { userId: people[who], revision: nightsRevision }),
      );
      const nights = await db.scoped({ tenantId }, async (tx) => nightsBetween(tx, await findRoom(tx, itemId), from, addDays(from, 6)));
      expect(new Set(nights.map((night) => night.rateFen))).toEqual(new Set([winner === "zhang" ? 30000 : 45000]));
      expect(error.record).toBe("nights");
      expect((await db.scoped({ tenantId }, (tx) => findRoom(tx, itemId))).nightsRevision).toBe(nightsRevision + 1);
    }
  });

  it("of a room type's nights: an edit of the room itself does not make its calendar stale, nor the reverse", async () => {
    const { tenantId, userId, items } = await arrangeCatalogStore(db, "room");
    const itemId = items[0]!;
    const opened = await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, itemId));
    await db.scoped({ tenantId }, (tx) => setNights(tx, { itemId, from: addDays(storeToday(), 1), to: addDays(storeToday(), 1), closed: true }, { userId, revision: 0 }));
    await db.scoped({ tenantId }, (tx) => updateItem(tx, tenantId, "room", itemId, itemInput("room", { title: "湖景房" }), { userId, revision: opened.revision }));
    expect(await db.scoped({ tenantId }, (tx) => setNights(tx, { itemId, from: addDays(storeToday(), 2), to: addDays(storeToday(), 2), closed: true }, { userId, revision: 1 }))).toBe(1);
  });
});

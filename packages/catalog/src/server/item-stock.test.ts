// The merchant's item save and shoppers' orders share SKU stock: a save from a form opened before some sales must
// not put the sold units back, and a count the merchant did change must land as typed.
import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readItem, updateItem } from "./items";
import { arrangeCatalogStore, itemInput } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

const details = (stocks: [number, number]) => ({
  specs: [{ name: "颜色", options: ["红", "蓝"] }],
  skus: [
    { options: ["红"], priceFen: 1000, stock: stocks[0] },
    { options: ["蓝"], priceFen: 1000, stock: stocks[1] },
  ],
});

async function arrange() {
  const { tenantId, userId, items } = await arrangeCatalogStore(db, "product");
  const id = items[0]!;
  await db.scoped({ tenantId }, (tx) => updateItem(tx, tenantId, "product", id, itemInput("product", { title: "杯子", details: details([10, 10]) }), { userId, revision: 0 }));
  const opened = await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, id));
  const loadedStock = opened.kind === "product" ? opened.details.skus.map(({ options, stock }) => ({ options, stock })) : [];
  // Shoppers buy 3 red while the form is open: stock changes, the revision does not (as an order's reservation).
  await db.scoped({ tenantId }, (tx) => tx.$executeRaw`UPDATE catalog_items SET details = jsonb_set(details, '{skus,0,stock}', '7') WHERE id = ${id}::uuid`);
  const stocks = async () => {
    const item = await db.scoped({ tenantId }, (tx) => readItem(tx, tenantId, id));
    return item.kind === "product" ? item.details.skus.map((sku) => sku.stock) : [];
  };
  const save = (input: ReturnType<typeof itemInput>, { sendLoaded = true } = {}) =>
    db.scoped({ tenantId }, (tx) => updateItem(tx, tenantId, "product", id, input, { userId, revision: opened.revision }, sendLoaded ? loadedStock : undefined));
  return { save, stocks };
}

describe("saving an item while shoppers buy from it", () => {
  it("keeps the live count of a SKU the merchant left alone, and sets the one they changed", async () => {
    const { save, stocks } = await arrange();
    await save(itemInput("product", { title: "新杯子", details: details([10, 25]) }));
    expect(await stocks()).toEqual([7, 25]);
  });

  it("sets a count the merchant did change, even to what it was before the sales", async () => {
    const { save, stocks } = await arrange();
    await save(itemInput("product", { title: "杯子", details: details([12, 10]) }));
    expect(await stocks()).toEqual([12, 10]);
  });

  it("takes every count as typed when the form sent none (a save that names no loaded stock)", async () => {
    const { save, stocks } = await arrange();
    await save(itemInput("product", { title: "杯子", details: details([10, 10]) }), { sendLoaded: false });
    expect(await stocks()).toEqual([10, 10]);
  });
});

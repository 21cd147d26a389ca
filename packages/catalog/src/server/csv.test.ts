import type { Database } from "@kaidian/db";
import { testDatabase } from "@kaidian/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CsvImportError } from "./errors";
import { decodeCsv, exportCatalogCsv, importCatalogCsv } from "./csv";
import { setDishSoldOut } from "./items";
import { type ArrangedStore, arrangeCatalogStore } from "./testing";

let db: Database;
beforeAll(() => {
  db = testDatabase();
});
afterAll(() => db.disconnect());

const rowsOf = (tenantId: string) =>
  db.scoped({ tenantId }, async (tx) => ({
    categories: await tx.catalogCategory.findMany({ orderBy: { id: "asc" } }),
    items: await tx.catalogItem.findMany({ orderBy: { id: "asc" } }),
  }));

async function refusal({ tenantId, userId }: ArrangedStore, kind: "product" | "dish", text: string) {
  const error = await db.scoped({ tenantId }, (tx) => importCatalogCsv(tx, tenantId, kind, text, userId)).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CsvImportError);
  return (error as CsvImportError).problems.map((p) => `${p.line} ${p.column} ${p.code}`);
}

describe("the product and dish spreadsheet", () => {
  it("exports with a BOM and Chinese headers, and importing the export changes nothing", async () => {
    const { tenantId, userId, items } = await arrangeCatalogStore(db, "dish");
    await db.scoped({ tenantId }, (tx) => setDishSoldOut(tx, tenantId, items[1]!, true, userId));
    const before = await rowsOf(tenantId);
    const text = await db.scoped({ tenantId }, (tx) => exportCatalogCsv(tx, tenantId, "dish"));
    expect(text.startsWith("\ufeff编号,分类,名称,价格（元）,描述,图片,上架,售罄\r\n")).toBe(true);
    expect(text).toContain(`${items[1]},招牌,第二,18,"两行\n描述, 带""引号""",,是,是`);

    const result = await db.scoped({ tenantId }, (tx) => importCatalogCsv(tx, tenantId, "dish", text, userId));
    expect(result).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await rowsOf(tenantId)).toEqual(before);
  });

  it("creates rows without an id and updates those with one, finding or creating categories by name; SKUs stay", async () => {
    const { tenantId, userId, items } = await arrangeCatalogStore(db, "product");
    const text = [
      "name,Price,category,id,visible",
      `第一改,12.50,招牌,${items[0]},no`,
      "新品,8,新分类,,",
      "另一个,0.29,新分类,,是",
      "",
    ].join("\n");
    expect(await db.scoped({ tenantId }, (tx) => importCatalogCsv(tx, tenantId, "product", text, userId))).toEqual({ created: 2, updated: 1, unchanged: 0 });
    const { categories, items: rows } = await rowsOf(tenantId);
    const newCategory = categories.find((c) => c.name === "新分类")!;
    expect(categories).toHaveLength(3);
    const byTitle = new Map(rows.map((row) => [row.title, row]));
    expect(byTitle.get("第一改")).toMatchObject({ id: items[0], priceFen: 1250, visible: false, details: { skus: [{ priceFen: 6800, stock: 5 }, { priceFen: 12800 }] } });
    expect(byTitle.get("新品")).toMatchObject({ priceFen: 800, visible: true, categoryId: newCategory.id, kind: "PRODUCT", sample: false });
    expect(byTitle.get("另一个")).toMatchObject({ priceFen: 29, categoryId: newCategory.id });
  });

  it("with a bad row among good ones writes nothing and names every bad row's line and column", async () => {
    const { tenantId, userId, items } = await arrangeCatalogStore(db, "product");
    const before = await rowsOf(tenantId);
    const text = [
      "\ufeff编号,分类,名称,价格（元）,上架",
      ",招牌,好的一行,10,是",
      ",招牌,负价,-1,是",
      "",
      ",新分类,字母价,abc,是",
      `${items[0]},,,1.234,也许`,
      "00000000-0000-4000-8000-000000000000,,别人的,5,",
    ].join("\r\n");
    expect(await refusal({ tenantId, userId, categories: [], items }, "product", text)).toEqual([
      "3 价格（元） price.negative",
      "5 价格（元） price.format",
      "6 名称 required",
      "6 价格（元） price.decimals",
      "6 上架 yesNo",
      "7 编号 unknownId",
    ]);
    expect(await rowsOf(tenantId)).toEqual(before);
  });

  it("refuses a direction override in a title or a category name, at its line and column, writing nothing", async () => {
    const store = await arrangeCatalogStore(db, "product");
    const before = await rowsOf(store.tenantId);
    const text = ["名称,价格（元）,分类", "发票\u202Efdp.exe,10,招牌", "好的,5,\u2067新分类", "也好,6,小吃"].join("\r\n");
    expect(await refusal(store, "product", text)).toEqual(["2 名称 direction", "3 分类 direction"]);
    expect(await rowsOf(store.tenantId)).toEqual(before);
  });

  it("refuses unknown, repeated and missing columns, another store's ids, and unreadable files", async () => {
    const mine = await arrangeCatalogStore(db, "dish");
    const theirs = await arrangeCatalogStore(db, "dish");
    expect(await refusal(mine, "dish", "名称,name,颜色\n红烧肉,1,2")).toEqual(["1 name duplicateColumn", "1 颜色 unknownColumn", "1 价格（元） missingColumn"]);
    expect(await refusal(mine, "dish", `编号,名称,价格\n${theirs.items[0]},偷改,1\n${mine.items[0]},a,1\n${mine.items[0]},b,2`)).toEqual([
      "2 编号 unknownId",
      "4 编号 duplicateId",
    ]);
    expect(await refusal(mine, "dish", "名称,价格\n面,1\n\"没关上,2\n")).toEqual(["3  unreadable"]);
    expect(await refusal(mine, "dish", "名称,价格\n")).toEqual(["2  noRows"]);
    expect(await refusal(mine, "product", "名称,价格\n面,1,多余")).toEqual(["2  extraCells"]);
  });

  it("reads files Excel saved in GB18030 as well as UTF-8", () => {
    const gbk = Uint8Array.from([0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0x31]); // "名称,1" in GB18030
    expect(decodeCsv(gbk)).toBe("名称,1");
    expect(decodeCsv(new TextEncoder().encode("名称,1"))).toBe("名称,1");
  });
});

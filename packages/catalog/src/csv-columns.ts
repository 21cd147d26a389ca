// The columns of the product and dish spreadsheet, defined once for export, import and the dashboard's hint.
// Specs/SKUs and dish option groups are not columns: they are edited in the item form, and an import that
// updates an item keeps them as they are.
import type { ItemKind } from "./items";

export const CSV_KINDS = ["product", "dish"] as const satisfies readonly ItemKind[];
export type CsvKind = (typeof CSV_KINDS)[number];

export type CsvColumnKey = "id" | "category" | "title" | "price" | "description" | "images" | "visible" | "soldOut";

export type CsvColumn = {
  key: CsvColumnKey;
  /** The header written on export: Chinese, the merchants' language. */
  header: string;
  /** Other headers accepted on import (compared without case or surrounding spaces). */
  aliases: readonly string[];
  required: boolean;
};

const common: CsvColumn[] = [
  { key: "id", header: "编号", aliases: ["id", "ID"], required: false },
  { key: "category", header: "分类", aliases: ["category"], required: false },
  { key: "title", header: "名称", aliases: ["name", "title"], required: true },
  { key: "price", header: "价格（元）", aliases: ["价格", "price", "price (yuan)"], required: true },
  { key: "description", header: "描述", aliases: ["description"], required: false },
  { key: "images", header: "图片", aliases: ["images"], required: false },
  { key: "visible", header: "上架", aliases: ["visible", "listed"], required: false },
];

export const CSV_COLUMNS: Record<CsvKind, readonly CsvColumn[]> = {
  product: common,
  dish: [...common, { key: "soldOut", header: "售罄", aliases: ["sold out", "soldout"], required: false }],
};

/** Yes/no cells: written as 是/否, read in either language. */
export const CSV_YES = "是";
export const CSV_NO = "否";
const YES = new Set(["是", "yes", "y", "true", "1"]);
const NO = new Set(["否", "no", "n", "false", "0"]);

/** A yes/no cell; undefined when it is neither. */
export function readYesNo(cell: string): boolean | undefined {
  const value = cell.trim().toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}

export function isCsvKind(kind: ItemKind): kind is CsvKind {
  return (CSV_KINDS as readonly string[]).includes(kind);
}

// The catalog as merchants edit it: database-backed operations, server-only.
export { CATALOG_ERROR_CODES, CatalogError, type CatalogErrorCode, CatalogInputError, CsvImportError, type CsvProblem } from "./errors";
export { createCategory, deleteCategory, type EditedCategory, listCategories, moveCategory, renameCategory } from "./categories";
export {
  countItems, createItem, deleteItem, type EditedItem, ITEM_LIST_PAGE_SIZE, type ItemListPage, type ItemListQuery, itemListQuerySchema,
  type ListedItem, listItems, listItemsPage, type LoadedStock, loadedStockSchema, moveItem, readItem, setDishSoldOut, setItemVisible, UNCATEGORISED,
  updateItem,
} from "./items";
export { CSV_MAX_ROWS, type CsvImportResult, decodeCsv, exportCatalogCsv, importCatalogCsv } from "./csv";
export type { Direction } from "./order";
export { kindFromDatabase, kindToDatabase } from "./kinds";
export * from "./room-nights";
export * from "./tables";
export * from "./qr-verification";

import type { Problem, ProblemCode } from "../problems";

export const CATALOG_ERROR_CODES = ["category.notFound", "category.notEmpty", "category.taken", "item.notFound", "item.limit"] as const;
export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];

/** A refusal the merchant can act on; `code` names it for the dashboard's words, `field` the input it is about. */
export class CatalogError extends Error {
  override name = "CatalogError";
  constructor(
    readonly code: CatalogErrorCode,
    readonly field?: string,
    readonly params: Record<string, number> = {},
  ) {
    super(field ? `${code} (${field})` : code);
  }
}

/** Input that breaks the catalog's rules: every problem, each at its field path. */
export class CatalogInputError extends Error {
  override name = "CatalogInputError";
  constructor(readonly problems: Problem[]) {
    super(`Invalid catalog input: ${problems.map((p) => `${p.path.join(".") || "(item)"} ${p.code}`).join(", ")}`);
  }
}

/** One problem of an imported spreadsheet, where the merchant sees it: its row (the header is row 1) and column. */
export type CsvProblem = { line: number; column: string; code: ProblemCode; params?: Record<string, number> };

/** A spreadsheet that was not imported, with every problem found in it; nothing was written. */
export class CsvImportError extends Error {
  override name = "CsvImportError";
  constructor(readonly problems: CsvProblem[]) {
    super(`CSV refused: ${problems.map((p) => `line ${p.line} ${p.column} ${p.code}`).join("; ")}`);
  }
}

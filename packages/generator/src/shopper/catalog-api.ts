// A read API for the harness's wx.request, answering the paging contract the runtime is built against:
// `/catalog` and `/items` take `limit` (1..50, default 20), an opaque `cursor`, a `category` (or `none`) and search text `q`
// (at most 40 characters), and answer one page with the cursor of the next (null on the last); `/items/<id>` one
// item; anything else, or a bad query, 404 or 400 as the real service does. Every page the runtime receives
// passes the storefront's response schemas, so the two sides agree on the shape.
import type { Catalog, Item } from "@kaidian/catalog";
import { catalogPageResponseSchema, itemResponseSchema, itemsPageResponseSchema } from "@kaidian/storefront";
import type { FakeRequest, FakeResponse } from "../testing/render-page";

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;
const MAX_QUERY = 40;

const invalid = (message: string): FakeResponse => ({ statusCode: 400, data: { error: { code: "query.invalid", message } } });

/** Answers requests under `apiBase` from `catalog`; `online()` false makes every request fail as offline. */
export function catalogApi(apiBase: string, catalog: Catalog, options: { online?: () => boolean } = {}) {
  const cursorOf = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");
  const offsetOf = (cursor: string) => {
    const match = /^o:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString());
    return match ? Number(match[1]) : null;
  };

  function page(params: URLSearchParams): { items: Item[]; nextCursor: string | null } | FakeResponse {
    const limit = params.has("limit") ? Number(params.get("limit")) : DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return invalid(`limit must be 1 to ${MAX_LIMIT}`);
    const q = (params.get("q") ?? "").toLowerCase();
    if (q.length > MAX_QUERY) return invalid(`q is at most ${MAX_QUERY} characters`);
    const offset = params.has("cursor") ? offsetOf(params.get("cursor")!) : 0;
    if (offset === null) return invalid("cursor is not one this API gave");
    const category = params.get("category");
    const known = new Set(catalog.categories.map(({ id }) => id));
    // "none": the items of no category the store lists, the runtime's "其他".
    const inCategory = (item: Item) => (category === "none" ? item.categoryId === null || !known.has(item.categoryId) : !category || item.categoryId === category);
    const matching = catalog.items.filter((item) => inCategory(item) && (!q || item.title.toLowerCase().includes(q) || item.description.toLowerCase().includes(q)));
    const items = matching.slice(offset, offset + limit);
    return { items, nextCursor: offset + limit < matching.length ? cursorOf(offset + limit) : null };
  }

  return (request: FakeRequest): FakeResponse | "fail" => {
    if (options.online && !options.online()) return "fail";
    if (!request.url.startsWith(`${apiBase}/`)) return { statusCode: 404, data: { error: { code: "notFound", message: "Not found" } } };
    const url = new URL(request.url);
    const route = url.pathname.slice(new URL(apiBase).pathname.length);
    if (route === "/catalog" || route === "/items") {
      const answer = page(url.searchParams);
      if ("statusCode" in answer) return answer;
      const body = route === "/catalog" ? catalogPageResponseSchema.parse({ categories: catalog.categories, ...answer }) : itemsPageResponseSchema.parse(answer);
      return { statusCode: 200, data: body };
    }
    const item = /^\/items\/([^/]+)$/.exec(route);
    const found = item ? catalog.items.find((candidate) => candidate.id === decodeURIComponent(item[1]!)) : undefined;
    if (found) return { statusCode: 200, data: itemResponseSchema.parse({ item: found }) };
    return { statusCode: 404, data: { error: { code: "notFound", message: "Not found" } } };
  };
}
